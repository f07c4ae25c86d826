package io.conveyor.plugin.stream.internal.window;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.osgi.service.component.annotations.Component;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.api.stage.Parameter;
import io.conveyor.api.stage.ParameterType;
import io.conveyor.api.stage.SchemaContext;
import io.conveyor.api.stage.Stage;
import io.conveyor.api.stage.StageConfig;
import io.conveyor.api.stage.StageContext;
import io.conveyor.api.stage.StageDescriptor;
import io.conveyor.api.stage.StageException;
import io.conveyor.api.stage.StageRole;
import io.conveyor.api.stage.Transform;
import io.conveyor.api.stage.TransformTask;
import io.conveyor.plugin.kit.config.ConfigValues;
import io.conveyor.plugin.stream.internal.rows.SingleInput;

/** {@code window.apply}: tumbling, sliding and session windows over a stream of rows. */
@Component(property = {Stage.FUNCTION + "=window.apply", Stage.ROLE + "=transform"})
public final class WindowApply implements Transform {

    static final String FUNCTION = "window.apply";

    static final StageDescriptor DESCRIPTOR = StageDescriptor.builder(FUNCTION, StageRole.TRANSFORM)
            .description("Cuts a stream into tumbling, sliding or session windows and emits each window's rows when "
                    + "it closes. Three columns are added: window_id (int64; 0, 1, 2 and so on, in the order "
                    + "windows are emitted), window_start and window_end (the window's bounds, start included, end "
                    + "excluded). "
                    + "At the end of the input the windows still open are emitted too, so the last ones may be "
                    + "shorter. Without time_column, tumbling and sliding windows count rows: window k holds rows "
                    + "k*slide to k*slide+size-1 (counting from 0; tumbling windows slide by their size), bounds "
                    + "are those row numbers (int64), and a window closes with its last row. With time_column, "
                    + "durations are measured on that column: windows are aligned to 0 (the epoch), window k "
                    + "holding the rows with time in [k*slide, k*slide+size), and a window closes when a row at or "
                    + "after its end arrives. A session holds rows less than gap apart and is [first time, last "
                    + "time + gap); without time_column its times are the moments batches reach the stage, so a "
                    + "session closes when the next batch arrives gap or more after the last, or at the end of "
                    + "the input. A sliding window repeats a row in every window it falls in; rows between windows "
                    + "(slide larger than size) are dropped. Times must come in order, except within windows that "
                    + "are still open: a row whose window has already closed is an error. The time column may be a "
                    + "number (durations in its own unit, e.g. epoch seconds), a timestamp (durations in seconds, "
                    + "bounds of the column's type) or ISO-8601 text such as 2024-05-01T10:15:00Z (durations in "
                    + "seconds, bounds as ISO-8601 UTC text, as are the bounds of arrival-time sessions). Windows "
                    + "no row falls in are not emitted. The rows of open windows are held in memory, no more.")
            .parameter(Parameter.builder("type", ParameterType.STRING).defaultValue("tumbling")
                    .allowedValues("tumbling", "sliding", "session")
                    .description("tumbling: windows side by side; sliding: windows of size starting every slide; "
                            + "session: runs of rows separated by gaps.")
                    .example("\"sliding\"").build())
            .parameter(Parameter.builder("size", ParameterType.FLOAT)
                    .description("Tumbling and sliding windows (required): rows per window, or with time_column "
                            + "the window's length (seconds, or the column's own unit for a number column).")
                    .example("100").build())
            .parameter(Parameter.builder("slide", ParameterType.FLOAT)
                    .description("Sliding windows (required): how far each window starts after the previous "
                            + "one, in rows or on time_column.")
                    .example("10").build())
            .parameter(Parameter.builder("gap", ParameterType.FLOAT)
                    .description("Session windows (required): how long without rows ends a session: seconds "
                            + "of arrival time without time_column, else measured on it like size.")
                    .example("30").build())
            .parameter(Parameter.builder("time_column", ParameterType.STRING)
                    .description("The column giving each row's time: a number, a timestamp or ISO-8601 text. "
                            + "Without it, windows count rows (sessions use arrival time).")
                    .example("\"ts\"").build())
            .example("Tumbling windows of 100 rows", """
                    [[stages]]
                    id = "hundreds"
                    function = "window.apply"
                    inputs = ["events"]
                    [stages.config]
                    type = "tumbling"
                    size = 100
                    """)
            .example("One-minute windows every 10 seconds on the event time", """
                    [[stages]]
                    id = "minutes"
                    function = "window.apply"
                    inputs = ["events"]
                    [stages.config]
                    type = "sliding"
                    size = 60
                    slide = 10
                    time_column = "ts"
                    """)
            .example("Sessions of a user's clicks, ended by 30 seconds of silence", """
                    [[stages]]
                    id = "sessions"
                    function = "window.apply"
                    inputs = ["clicks"]
                    [stages.config]
                    type = "session"
                    gap = 30
                    time_column = "clicked_at"
                    """)
            .build();

    private final Clock clock;

    public WindowApply() {
        this(Clock.systemUTC());
    }

    /** Reads arrival times (sessions without a time column) from {@code clock}. */
    WindowApply(Clock clock) {
        this.clock = clock;
    }

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<ConfigProblem> validate(StageConfig config) {
        return WindowSpec.problems(config);
    }

    @Override
    public Optional<Schema> outputSchema(StageConfig config, SchemaContext context) {
        Optional<Schema> input = SingleInput.schema(FUNCTION, context);
        if (input.isEmpty()) {
            return Optional.empty();
        }
        WindowSpec spec = WindowSpec.of(config);
        WindowOutput output = new WindowOutput(spec, clock);
        List<ConfigProblem> problems = new ArrayList<>();
        TimeAxis axis = output.axisFor(input.get(), context.inputs().get(0), problems);
        problems.forEach(context::report);
        if (axis == null) {
            return Optional.empty();
        }
        List<Field> fields = new ArrayList<>(input.get().getFields());
        fields.addAll(output.windowFields(axis));
        return Optional.of(new Schema(fields));
    }

    @Override
    public TransformTask open(StageConfig config, StageContext context, List<String> inputs) throws StageException {
        ConfigValues.throwFirst(validate(config));
        SingleInput.check(FUNCTION, inputs);
        return new WindowTask(new WindowOutput(WindowSpec.of(config), clock), context.allocator());
    }
}
