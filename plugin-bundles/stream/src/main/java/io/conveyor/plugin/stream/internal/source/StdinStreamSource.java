package io.conveyor.plugin.stream.internal.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.apache.arrow.vector.types.pojo.Schema;
import org.osgi.service.component.annotations.Component;

import com.fasterxml.jackson.core.JsonFactory;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.api.stage.Parameter;
import io.conveyor.api.stage.ParameterType;
import io.conveyor.api.stage.SchemaContext;
import io.conveyor.api.stage.Source;
import io.conveyor.api.stage.SourceTask;
import io.conveyor.api.stage.Stage;
import io.conveyor.api.stage.StageConfig;
import io.conveyor.api.stage.StageContext;
import io.conveyor.api.stage.StageDescriptor;
import io.conveyor.api.stage.StageException;
import io.conveyor.api.stage.StageRole;
import io.conveyor.plugin.kit.config.ConfigValues;

/**
 * {@code stdin.stream}: the run's standard input, line by line, as an unbounded stream that ends
 * when the input does. Unlike stdin.read, it passes rows on while the producer is still writing;
 * for that it reads stdin on a thread of its own ({@link StdinFeed}).
 */
@Component(property = {Stage.FUNCTION + "=stdin.stream", Stage.ROLE + "=source"})
public final class StdinStreamSource implements Source {

    static final String SOURCE = "<stdin>";

    static final StageDescriptor DESCRIPTOR = StageDescriptor.builder("stdin.stream", StageRole.SOURCE)
            .unbounded()
            .description("Streams the run's standard input line by line, passing rows on as they arrive. A batch "
                    + "goes as soon as it holds the run's batch size, or flush_interval_ms after its first line "
                    + "arrived, so rows from a slow or paused producer show downstream within that time; the stream "
                    + "ends with the input. Columns are the keys of the JSON objects (or the CSV fields) in order of "
                    + "first appearance; the schema grows as the stream goes: a new key adds a column to the batches "
                    + "from then on, and a column's type widens when a later value needs it (integers and floats to "
                    + "float64, other mixes to utf8), so a stream's batches may differ. A line that does not parse "
                    + "fails the run, naming its line number.")
            .parameter(SourceKeys.format(List.of("jsonl", "json", "csv", "text")))
            .parameter(SourceKeys.headers())
            .parameter(SourceKeys.delimiter())
            .parameter(Parameter.builder("flush_interval_ms", ParameterType.INTEGER).defaultValue(200)
                    .description("The longest a row waits before its batch is passed on, in milliseconds; 0 passes "
                            + "on whatever has arrived at once.")
                    .example("1000").build())
            .example("Follow JSON log lines piped in by another program", """
                    [[stages]]
                    id = "events"
                    function = "stdin.stream"
                    [stages.config]
                    format = "jsonl"
                    flush_interval_ms = 500
                    """)
            .example("Each line of text as a row", """
                    [[stages]]
                    id = "lines"
                    function = "stdin.stream"
                    [stages.config]
                    format = "text"
                    """)
            .build();

    private final JsonFactory json = new JsonFactory();

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<ConfigProblem> validate(StageConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        long flush = config.getLong("flush_interval_ms");
        if (flush < 0) {
            problems.add(new ConfigProblem("flush_interval_ms", "config key 'flush_interval_ms' must be 0 or more, got "
                    + flush));
        }
        ConfigProblem delimiter = SourceKeys.delimiterProblem(config);
        if (delimiter != null) {
            problems.add(delimiter);
        }
        return problems;
    }

    @Override
    public Optional<Schema> outputSchema(StageConfig config, SchemaContext context) {
        return Optional.ofNullable(SourceKeys.lineFormat(config, SOURCE, json).fixedSchema());
    }

    @Override
    public SourceTask open(StageConfig config, StageContext context) throws StageException {
        ConfigValues.throwFirst(validate(config));
        StdinFeed feed = new StdinFeed(context.stdin(), "conveyor-" + context.pipelineName() + "-"
                + context.stageId() + "-stdin", Math.max(1024, context.batchSize()));
        return new LineStreamTask(feed, SourceKeys.lineFormat(config, SOURCE, json),
                TimeUnit.MILLISECONDS.toNanos(config.getLong("flush_interval_ms")), context, System::nanoTime, SOURCE);
    }
}
