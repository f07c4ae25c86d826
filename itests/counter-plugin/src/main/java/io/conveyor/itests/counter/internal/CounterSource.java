package io.conveyor.itests.counter.internal;

import org.osgi.service.component.annotations.Component;

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

/**
 * {@code counter.stream}: an unbounded stream of numbered rows at a steady rate, each carrying the
 * time it was made, so that integration tests can see every row of a long run arrive exactly once
 * and how long each one took.
 */
@Component(property = {Stage.FUNCTION + "=" + CounterSource.FUNCTION, Stage.ROLE + "=source"})
public class CounterSource implements Source {

    static final String FUNCTION = "counter.stream";
    static final String NUMBER = "n";
    static final String EMITTED = "emitted_nanos";

    static final StageDescriptor DESCRIPTOR = StageDescriptor.builder(FUNCTION, StageRole.SOURCE)
            .unbounded()
            .description("Emits rows numbered 1, 2, 3, ... (column '" + NUMBER + "') at a steady rate, each with the"
                    + " JVM's System.nanoTime() when its batch was made (column '" + EMITTED + "'). The stream goes"
                    + " on until the run stops, or until stop_file exists. Its position is the number of rows emitted: after an"
                    + " upgrade of its plugin during a continuous run, the new version goes on with the next number.")
            .parameter(Parameter.builder("rows_per_second", ParameterType.INTEGER).defaultValue(100)
                    .description("How many rows per second, on average.").example("200").build())
            .parameter(Parameter.builder("batch_rows", ParameterType.INTEGER).defaultValue(10)
                    .description("Rows per batch.").example("5").build())
            .parameter(Parameter.builder("stop_file", ParameterType.STRING)
                    .description("The stream ends once this file exists (relative to the run's working directory).")
                    .example("\"stop\"").build())
            .example("Count at 200 rows per second", """
                    [[stages]]
                    id = "numbers"
                    function = "counter.stream"
                    [stages.config]
                    rows_per_second = 200
                    """)
            .build();

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public SourceTask open(StageConfig config, StageContext context) throws StageException {
        return new CounterTask(context, config.getLong("rows_per_second"), (int) config.getLong("batch_rows"),
                config.isSet("stop_file") ? config.getPath("stop_file") : null);
    }
}
