package io.conveyor.engine.internal.nested;

import java.util.List;
import java.util.Optional;

import org.apache.arrow.vector.types.pojo.Schema;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.api.stage.Emitter;
import io.conveyor.api.stage.SchemaContext;
import io.conveyor.api.stage.Source;
import io.conveyor.api.stage.SourceTask;
import io.conveyor.api.stage.StageConfig;
import io.conveyor.api.stage.StageContext;
import io.conveyor.api.stage.StageDescriptor;
import io.conveyor.api.stage.StageException;

/** {@code stage.pipeline} without inputs: runs a sub-pipeline and emits what it returns, if anything. */
final class StagePipelineSource implements Source {

    private final SubPipelines subPipelines;

    StagePipelineSource(SubPipelines subPipelines) {
        this.subPipelines = subPipelines;
    }

    @Override
    public StageDescriptor descriptor() {
        return Descriptors.SOURCE;
    }

    @Override
    public List<ConfigProblem> validate(StageConfig config) {
        return subPipelines.validate(config);
    }

    @Override
    public Optional<Schema> outputSchema(StageConfig config, SchemaContext context) {
        return subPipelines.outputSchema(config, context);
    }

    @Override
    public SourceTask open(StageConfig config, StageContext context) throws StageException {
        NestedRun run = subPipelines.prepare(config, context, List.of());
        return new SourceTask() {
            @Override
            public boolean produce(Emitter out) throws StageException {
                return run.pump(out);
            }

            @Override
            public void close() {
                run.close();
            }
        };
    }
}
