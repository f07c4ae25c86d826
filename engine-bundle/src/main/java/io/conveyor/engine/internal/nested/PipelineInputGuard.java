package io.conveyor.engine.internal.nested;

import java.util.List;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.api.stage.ErrorCode;
import io.conveyor.api.stage.Source;
import io.conveyor.api.stage.SourceTask;
import io.conveyor.api.stage.StageConfig;
import io.conveyor.api.stage.StageContext;
import io.conveyor.api.stage.StageDescriptor;
import io.conveyor.api.stage.StageException;

/**
 * {@code pipeline.input} as the registry serves it: listed and documented like any function, but
 * only a sub-pipeline's planner replaces it with one bound to the calling stage's inputs
 * ({@link NestedInput}). Used anywhere else, it explains where it belongs.
 */
final class PipelineInputGuard implements Source {

    static final String MISPLACED = "pipeline.input receives the inputs of a stage.pipeline stage, so it works only "
            + "in a pipeline that stage.pipeline runs (its file or inline), not in a pipeline run on its own";

    @Override
    public StageDescriptor descriptor() {
        return Descriptors.INPUT;
    }

    @Override
    public List<ConfigProblem> validate(StageConfig config) {
        return List.of(new ConfigProblem(null, MISPLACED));
    }

    @Override
    public SourceTask open(StageConfig config, StageContext context) throws StageException {
        throw new StageException(ErrorCode.CONFIG, MISPLACED);
    }
}
