package io.conveyor.plugin.core.internal.stdio;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
import io.conveyor.plugin.kit.column.BatchFormat;
import io.conveyor.plugin.kit.config.ConfigValues;
import io.conveyor.plugin.core.internal.csv.CsvFormat;
import io.conveyor.plugin.core.internal.json.JsonFormat;
import io.conveyor.plugin.core.internal.json.JsonLayout;

/** {@code stdout.write}: prints its inputs on the run's standard output. */
@Component(property = {Stage.FUNCTION + "=stdout.write", Stage.ROLE + "=sink"})
public final class StdoutWriteSink implements Sink {

    static final StageDescriptor DESCRIPTOR = StageDescriptor.builder("stdout.write", StageRole.SINK)
            .description("Prints rows on the run's standard output: as an aligned table with its shape and column "
                    + "types, or as JSON, JSON lines or CSV. json, jsonl and csv stream as rows arrive; the table is "
                    + "printed when the run succeeds, since its widths need every row. Several inputs are printed "
                    + "one after the other, in the order of inputs; all are read as their rows come, the later ones "
                    + "into a temporary file until their turn. An empty result still shows its columns: the table's "
                    + "header, or the CSV header.")
            .parameter(Parameter.builder("format", ParameterType.STRING).defaultValue("table")
                    .allowedValues("table", "json", "jsonl", "csv")
                    .description("table: an aligned table; json: an array of objects; jsonl: one object per line; "
                            + "csv: a header and rows.")
                    .example("\"jsonl\"").build())
            .parameter(Parameter.builder("limit", ParameterType.INTEGER)
                    .description("Print at most this many rows (the table's shape still counts them all); "
                            + "no limit when absent.")
                    .example("20").build())
            .parameter(Parameter.builder("pretty", ParameterType.BOOLEAN).defaultValue(true)
                    .description("json only: indent with two spaces per level.").example("false").build())
            .parameter(Parameter.builder("delimiter", ParameterType.STRING).defaultValue(",")
                    .description("csv only: the one character separating fields.").example("\";\"").build())
            .example("Show the first 10 rows as a table", """
                    [[stages]]
                    id = "show"
                    function = "stdout.write"
                    inputs = ["big_sales"]
                    [stages.config]
                    limit = 10
                    """)
            .example("Stream rows as JSON lines, for another program", """
                    [[stages]]
                    id = "emit"
                    function = "stdout.write"
                    inputs = ["events"]
                    [stages.config]
                    format = "jsonl"
                    """)
            .build();

    private final Path spoolFolder;

    /** Keeps later inputs in the system's folder for temporary files. */
    public StdoutWriteSink() {
        this(Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** Keeps later inputs in temporary files in {@code spoolFolder}. */
    StdoutWriteSink(Path spoolFolder) {
        this.spoolFolder = spoolFolder;
    }

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<ConfigProblem> validate(StageConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        if (config.isSet("limit") && config.getLong("limit") < 0) {
            problems.add(new ConfigProblem("limit", "config key 'limit' must be 0 or more, got "
                    + config.getLong("limit")));
        }
        ConfigProblem delimiter = ConfigValues.singleCharProblem(config, "delimiter");
        if (delimiter != null) {
            problems.add(delimiter);
        }
        return problems;
    }

    @Override
    public SinkTask open(StageConfig config, StageContext context, List<String> inputs) throws StageException {
        ConfigValues.throwFirst(validate(config));
        long limit = config.isSet("limit") ? config.getLong("limit") : -1;
        Writer writer = new BufferedWriter(new OutputStreamWriter(Streams.keepOpen(context.stdout()),
                StandardCharsets.UTF_8));
        BatchFormat format = switch (config.getString("format")) {
            case "json" -> new JsonFormat(writer, JsonLayout.RECORDS, config.getBoolean("pretty"));
            case "jsonl" -> new JsonFormat(writer, JsonLayout.LINES, false);
            case "csv" -> new CsvFormat(writer, config.getString("delimiter").charAt(0), true);
            default -> new TableFormat(writer, limit);
        };
        // the table applies the limit itself, so that its shape can count every row
        return new StdoutTask(writer, format, format instanceof TableFormat ? -1 : limit, inputs, context.allocator(),
                spoolFolder);
    }
}
