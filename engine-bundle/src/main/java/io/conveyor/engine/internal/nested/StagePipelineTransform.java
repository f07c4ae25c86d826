package io.conveyor.engine.internal.nested;

import java.util.List;
import java.util.Optional;

import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.api.stage.Emitter;
import io.conveyor.api.stage.SchemaContext;
import io.conveyor.api.stage.StageConfig;
import io.conveyor.api.stage.StageContext;
import io.conveyor.api.stage.StageDescriptor;
import io.conveyor.api.stage.StageException;
import io.conveyor.api.stage.Transform;
import io.conveyor.api.stage.TransformTask;

/**
 * {@code stage.pipeline} with inputs: runs a sub-pipeline that receives them through
 * {@code pipeline.input} and emits what it returns; or, for a sub-pipeline that returns nothing
 * (the original tool's standalone form), runs it and passes the first input through unchanged.
 */
final class StagePipelineTransform implements Transform {

    private final SubPipelines subPipelines;

    StagePipelineTransform(SubPipelines subPipelines) {
        this.subPipelines = subPipelines;
    }

    @Override
    public StageDescriptor descriptor() {
        return Descriptors.TRANSFORM;
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
    public TransformTask open(StageConfig config, StageContext context, List<String> inputs) throws StageException {
        NestedRun run = subPipelines.prepare(config, context, inputs);
        boolean passThrough = run.returnsNothing();
        String first = inputs.get(0);
        boolean readsAny = passThrough || inputs.stream().anyMatch(run::reads);
        return new TransformTask() {
            /**
             * With nothing to read, the task is done reading at once; otherwise it takes every
             * input, and drops the batches of those nobody reads rather than leave them queued,
             * blocking their producer.
             */
            @Override
            public boolean accepts(String input) {
                return readsAny;
            }

            @Override
            public void process(String input, VectorSchemaRoot batch, Emitter out) throws StageException {
                run.offer(input, batch, out);
                if (passThrough && input.equals(first)) {
                    out.emit(batch);
                }
            }

            @Override
            public void endOfInput(String input, Emitter out) throws StageException {
                run.endInput(input, out);
            }

            @Override
            public void finish(Emitter out) throws StageException {
                run.finish(out);
            }

            @Override
            public void close() {
                run.close();
            }
        };
    }
}
