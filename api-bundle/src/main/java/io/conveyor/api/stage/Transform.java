package io.conveyor.api.stage;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A stage service that turns one or more named input streams into one output stream. The inputs
 * are named after the upstream stage ids listed in the pipeline's {@code inputs}.
 */
@ConsumerType
public interface Transform extends Stage {

    /**
     * Opens a task for a run of this transform. Called once when the run starts, and again if
     * the engine replaces the task during the run (a plugin upgrade in a continuous run): the
     * replaced task is closed without {@code finish}, and the new one receives the batches that
     * follow.
     *
     * @param inputs the input names, in the order the pipeline lists them
     */
    TransformTask open(StageConfig config, StageContext context, List<String> inputs)
            throws StageException;
}
