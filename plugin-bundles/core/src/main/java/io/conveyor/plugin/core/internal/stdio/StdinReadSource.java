package io.conveyor.plugin.core.internal.stdio;

import java.io.InputStream;
import java.util.List;

import org.osgi.service.component.annotations.Component;

import com.fasterxml.jackson.core.JsonFactory;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.api.stage.Parameter;
import io.conveyor.api.stage.ParameterType;
import io.conveyor.api.stage.Source;
import io.conveyor.api.stage.SourceTask;
import io.conveyor.api.stage.Stage;
import io.conveyor.api.stage.StageConfig;
import io.conveyor.api.stage.StageContext;
import io.conveyor.api.stage.StageDescriptor;
import io.conveyor.api.stage.StageException;
import io.conveyor.api.stage.StageRole;
import io.conveyor.plugin.core.internal.csv.CsvBatchReader;
import io.conveyor.plugin.core.internal.csv.CsvReadOptions;
import io.conveyor.plugin.core.internal.json.JsonBatchReader;

/**
 * {@code stdin.read}: streams the run's standard input as JSON, JSON lines, CSV or raw lines.
 *
 * <p>Rows go downstream in full batches, not as each line arrives: passing on a partial batch
 * needs to know that no more input is waiting, and neither way to know that is open to a stage.
 * The CLI hands the run its stdin through a channel ({@code bin/conveyor} must be able to
 * interrupt a blocked read), whose {@code available()} cannot tell (on a pipe it throws "Illegal
 * seek"); and a bounded wait would need a reader thread, which stages do not own.
 */
@Component(property = {Stage.FUNCTION + "=stdin.read", Stage.ROLE + "=source"})
public final class StdinReadSource implements Source {

    private static final String SOURCE = "<stdin>";

    static final StageDescriptor DESCRIPTOR = StageDescriptor.builder("stdin.read", StageRole.SOURCE)
            .description("Reads the run's standard input in batches: a JSON array of objects, JSON lines, CSV, "
                    + "or raw text lines. Rows are passed on each time a batch (8192 rows, the run's batch size) "
                    + "is full, and the rest when the input ends, so rows from a slow or interactive producer show "
                    + "downstream a batch at a time, not line by line. Types are inferred as json.read and csv.read "
                    + "do, from the first 100 rows; raw gives one utf8 column named line, one row per line, without "
                    + "the line ending.")
            .parameter(Parameter.builder("format", ParameterType.STRING).defaultValue("json")
                    .allowedValues("json", "jsonl", "csv", "raw")
                    .description("json: a JSON array of objects; jsonl: one object per line (blank lines are "
                            + "skipped); csv: CSV text; raw: lines of text.")
                    .example("\"jsonl\"").build())
            .parameter(Parameter.builder("headers", ParameterType.BOOLEAN).defaultValue(true)
                    .description("csv only: whether the first row names the columns (else column_1, column_2, ...).")
                    .example("false").build())
            .parameter(Parameter.builder("delimiter", ParameterType.STRING).defaultValue(",")
                    .description("csv only: the one character separating fields.")
                    .example("\"\\t\"").build())
            .example("Read JSON lines piped into the run", """
                    [[stages]]
                    id = "events"
                    function = "stdin.read"
                    [stages.config]
                    format = "jsonl"
                    """)
            .example("Read tab-separated text", """
                    [[stages]]
                    id = "rows"
                    function = "stdin.read"
                    [stages.config]
                    format = "csv"
                    delimiter = "\\t"
                    """)
            .build();

    private final JsonFactory factory = new JsonFactory();

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<ConfigProblem> validate(StageConfig config) {
        return CsvReadOptions.checkStdinKeys(config);
    }

    @Override
    public SourceTask open(StageConfig config, StageContext context) throws StageException {
        InputStream in = Streams.keepOpen(context.stdin());
        return switch (config.getString("format")) {
            case "jsonl" -> JsonBatchReader.lines(factory, in, SOURCE, context);
            case "csv" -> new CsvBatchReader(in, CsvReadOptions.forStdin(config), SOURCE, context);
            case "raw" -> new RawLineReader(in, context);
            default -> JsonBatchReader.array(factory, in, SOURCE, "format = \"json\"", context);
        };
    }
}
