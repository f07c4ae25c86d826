package io.conveyor.engine.internal.plan;

import java.nio.file.Path;

import io.conveyor.engine.internal.model.PipelineException;
import io.conveyor.engine.internal.model.PipelineSpec;

/** Checks a pipeline's graph, functions and stage configuration, and orders it for execution. */
public final class Planner {

    /**
     * @param workingDirectory where relative paths in stage config resolve
     * @throws PipelineException with every problem found (graph, functions, config)
     */
    public Plan plan(PipelineSpec spec, FunctionCatalog catalog, Path workingDirectory) throws PipelineException {
        throw new UnsupportedOperationException("not written yet");
    }
}
