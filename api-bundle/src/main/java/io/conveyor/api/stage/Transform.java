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
     * Opens one run of this transform. Called once per run, on the stage's own thread.
     *
     * @param inputs the input names, in the order the pipeline lists them
     */
    TransformTask open(StageConfig config, StageContext context, List<String> inputs)
            throws StageException;
}
