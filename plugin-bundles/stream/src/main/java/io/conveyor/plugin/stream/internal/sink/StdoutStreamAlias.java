package io.conveyor.plugin.stream.internal.sink;

import java.util.List;

import org.osgi.service.component.annotations.Component;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.api.stage.Sink;
import io.conveyor.api.stage.SinkTask;
import io.conveyor.api.stage.Stage;
import io.conveyor.api.stage.StageConfig;
import io.conveyor.api.stage.StageContext;
import io.conveyor.api.stage.StageDescriptor;
import io.conveyor.api.stage.StageException;

/**
 * {@code stdout_stream.write}: the name the original tool registered its streaming stdout sink
 * under (its documentation said stdout.stream), kept so that its pipelines run unchanged.
 */
@Component(property = {Stage.FUNCTION + "=stdout_stream.write", Stage.ROLE + "=sink"})
public final class StdoutStreamAlias implements Sink {

    static final StageDescriptor DESCRIPTOR = StdoutStreamSink.descriptor("stdout_stream.write",
            "The original tool's name for stdout.stream, which it is in every way. " + StdoutStreamSink.DESCRIPTION,
            "stdout_stream.write");

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<ConfigProblem> validate(StageConfig config) {
        return StdoutStreamSink.problems(config);
    }

    @Override
    public SinkTask open(StageConfig config, StageContext context, List<String> inputs) throws StageException {
        return StdoutStreamSink.openTask(config, context);
    }
}
