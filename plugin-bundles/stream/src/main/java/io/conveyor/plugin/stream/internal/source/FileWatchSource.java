package io.conveyor.plugin.stream.internal.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
import io.conveyor.plugin.kit.column.NumberText;

/** {@code file.watch}: follows a file, passing on the lines appended to it, without end. */
@Component(property = {Stage.FUNCTION + "=file.watch", Stage.ROLE + "=source"})
public final class FileWatchSource implements Source {

    static final StageDescriptor DESCRIPTOR = StageDescriptor.builder("file.watch", StageRole.SOURCE)
            .unbounded()
            .description("Follows a file as tail -F does, streaming each line appended to it exactly once. It "
                    + "checks the file every poll interval and passes on the complete lines written since its "
                    + "last read (a line waits for its line break). A file that is truncated, or replaced by a new "
                    + "one (log rotation), is read again from its start, the old file first read to its end; a "
                    + "missing file is waited for. The source never ends by itself: the run's stop or its "
                    + "timeout_seconds ends it, so sinks that write files (which commit only when a run succeeds) "
                    + "belong after a bounded source; stdout.stream shows a watch as it happens. Rows are parsed as "
                    + "stdin.stream parses them, with the same growing schema. When its plugin is upgraded during a "
                    + "continuous run, the new version goes on after the last line passed on.")
            .parameter(Parameter.builder("path", ParameterType.STRING).required()
                    .description("The file to follow, relative to the working directory of the run.")
                    .example("\"logs/app.log\"").build())
            .parameter(SourceKeys.format(List.of("jsonl", "json", "text", "csv")))
            .parameter(Parameter.builder("poll_interval", ParameterType.FLOAT).defaultValue(1.0)
                    .description("Seconds between checks of the file, as in the original tool; fractions allowed.")
                    .example("0.5").build())
            .parameter(Parameter.builder("poll_interval_ms", ParameterType.INTEGER)
                    .description("The same interval in milliseconds, the name the original tool's documentation "
                            + "used; set only one of the two.")
                    .example("250").build())
            .parameter(Parameter.builder("from_beginning", ParameterType.BOOLEAN).defaultValue(true)
                    .description("Whether the lines already in the file when the run starts are read first (as the "
                            + "original did); false reads only lines completed after the start.")
                    .example("false").build())
            .parameter(SourceKeys.headers())
            .parameter(SourceKeys.delimiter())
            .example("Follow an application's JSON log", """
                    [[stages]]
                    id = "log"
                    function = "file.watch"
                    [stages.config]
                    path = "logs/app.jsonl"
                    format = "jsonl"
                    poll_interval = 1
                    """)
            .example("Only new lines of a text file, checked four times a second", """
                    [[stages]]
                    id = "tail"
                    function = "file.watch"
                    [stages.config]
                    path = "/var/log/syslog"
                    format = "text"
                    poll_interval_ms = 250
                    from_beginning = false
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
        ConfigProblem path = ConfigValues.emptyProblem(config, "path");
        if (path != null) {
            problems.add(path);
        }
        if (config.isSet("poll_interval") && config.isSet("poll_interval_ms")) {
            problems.add(new ConfigProblem("poll_interval_ms", "config key 'poll_interval_ms' sets the same interval "
                    + "as 'poll_interval'; set only one of them"));
        } else if (config.isSet("poll_interval_ms") && config.getLong("poll_interval_ms") < 1) {
            problems.add(new ConfigProblem("poll_interval_ms", "config key 'poll_interval_ms' must be 1 or more, got "
                    + config.getLong("poll_interval_ms")));
        } else if (!(config.getDouble("poll_interval") > 0) || Double.isInfinite(config.getDouble("poll_interval"))) {
            problems.add(new ConfigProblem("poll_interval", "config key 'poll_interval' must be more than 0 seconds, "
                    + "got " + NumberText.format(config.getDouble("poll_interval"))));
        }
        ConfigProblem delimiter = SourceKeys.delimiterProblem(config);
        if (delimiter != null) {
            problems.add(delimiter);
        }
        return problems;
    }

    @Override
    public Optional<Schema> outputSchema(StageConfig config, SchemaContext context) {
        return Optional.ofNullable(SourceKeys.lineFormat(config, config.getString("path"), json).fixedSchema());
    }

    @Override
    public SourceTask open(StageConfig config, StageContext context) throws StageException {
        return open(config, context, Pause.untilStopped(context));
    }

    /** Opens the task with a pause of the caller's choosing between polls. */
    SourceTask open(StageConfig config, StageContext context, Pause pause) throws StageException {
        ConfigValues.throwFirst(validate(config));
        String name = config.getString("path");
        boolean csvHeader = "csv".equals(config.getString("format")) && config.getBoolean("headers");
        FileTail tail = new FileTail(config.getPath("path"), name, config.getBoolean("from_beginning"), csvHeader);
        FileWatchTask task = new FileWatchTask(tail, SourceKeys.lineFormat(config, name, json), context, pause,
                pollMillis(config), name);
        Optional<String> resume = context.resumePosition();
        return resume.isPresent() ? task.resumingFrom(resume.get()) : task;
    }

    static long pollMillis(StageConfig config) {
        if (config.isSet("poll_interval_ms")) {
            return config.getLong("poll_interval_ms");
        }
        return Math.max(1, Math.round(config.getDouble("poll_interval") * 1000));
    }
}
