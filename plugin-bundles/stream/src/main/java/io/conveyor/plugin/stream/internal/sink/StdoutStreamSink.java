package io.conveyor.plugin.stream.internal.sink;

import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Component;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.api.stage.Parameter;
import io.conveyor.api.stage.ParameterType;
import io.conveyor.api.stage.Sink;
import io.conveyor.api.stage.SinkTask;
import io.conveyor.api.stage.Stage;
import io.conveyor.api.stage.StageConfig;
import io.conveyor.api.stage.StageContext;
import io.conveyor.api.stage.StageDescriptor;
import io.conveyor.api.stage.StageException;
import io.conveyor.api.stage.StageRole;
import io.conveyor.plugin.kit.config.ConfigValues;

/** {@code stdout.stream}: prints each row on the run's standard output as it arrives. */
@Component(property = {Stage.FUNCTION + "=stdout.stream", Stage.ROLE + "=sink"})
public final class StdoutStreamSink implements Sink {

    static final String DESCRIPTION = "Prints each row on the run's standard output as soon as it arrives. Each "
            + "row is a line (pretty JSON spans several), flushed after every flush_every rows and "
            + "at the end of each batch, so a live stream shows as it flows. Columns come in the batch's order: "
            + "jsonl and json give an object per row, csv the values (a header line too with headers, printed "
            + "again when the columns change), text key=value pairs with JSON values (level=\"error\" count=3). "
            + "Nested values (lists, structs) print as JSON. Rows of several inputs are printed as they arrive, "
            + "interleaved. Unlike stdout.write, nothing waits for the end of the run.";

    static final StageDescriptor DESCRIPTOR = descriptor("stdout.stream", DESCRIPTION, "stdout.stream");

    /** The declaration shared by stdout.stream and its original name, stdout_stream.write. */
    static StageDescriptor descriptor(String function, String description, String exampleFunction) {
        return StageDescriptor.builder(function, StageRole.SINK)
                .deliversEachBatch()
                .description(description)
                .parameter(Parameter.builder("format", ParameterType.STRING).defaultValue("jsonl")
                        .allowedValues("jsonl", "json", "csv", "text")
                        .description("jsonl: one compact JSON object per line; json: the same, indented with pretty; "
                                + "csv: the values; text: key=value pairs.")
                        .example("\"text\"").build())
                .parameter(Parameter.builder("pretty", ParameterType.BOOLEAN).defaultValue(false)
                        .description("json only: indent each object over several lines.").example("true").build())
                .parameter(Parameter.builder("flush_every", ParameterType.INTEGER).defaultValue(1)
                        .description("Flush the output after this many rows (and always at the end of a batch); "
                                + "1 flushes every row.")
                        .example("100").build())
                .parameter(Parameter.builder("delimiter", ParameterType.STRING).defaultValue(",")
                        .description("csv only: the one character between values.").example("\"\\t\"").build())
                .parameter(Parameter.builder("headers", ParameterType.BOOLEAN).defaultValue(false)
                        .description("csv only: print a line of column names before the first row.")
                        .example("true").build())
                .example("Follow a stream as JSON lines", """
                        [[stages]]
                        id = "show"
                        function = "%s"
                        inputs = ["per_level"]
                        [stages.config]
                        format = "jsonl"
                        """.formatted(exampleFunction))
                .build();
    }

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<ConfigProblem> validate(StageConfig config) {
        return problems(config);
    }

    static List<ConfigProblem> problems(StageConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        long flushEvery = config.getLong("flush_every");
        if (flushEvery < 1) {
            problems.add(new ConfigProblem("flush_every", "config key 'flush_every' must be 1 or more, got "
                    + flushEvery));
        }
        ConfigProblem delimiter = ConfigValues.singleCharProblem(config, "delimiter");
        if (delimiter != null) {
            problems.add(delimiter);
        }
        return problems;
    }

    @Override
    public SinkTask open(StageConfig config, StageContext context, List<String> inputs) throws StageException {
        return openTask(config, context);
    }

    static SinkTask openTask(StageConfig config, StageContext context) throws StageException {
        ConfigValues.throwFirst(problems(config));
        RowFormat format = RowFormat.of(config.getString("format"), config.getBoolean("pretty"),
                config.getString("delimiter").charAt(0), config.getBoolean("headers"));
        return new StdoutStreamTask(context.stdout(), format, config.getLong("flush_every"));
    }
}
