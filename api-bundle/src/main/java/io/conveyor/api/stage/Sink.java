package io.conveyor.api.stage;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/** A stage service that writes the batches of its inputs outside the pipeline. */
@ConsumerType
public interface Sink extends Stage {

    /**
     * Opens one run of this sink. Called once per run, on the stage's own thread.
     *
     * @param inputs the input names, in the order the pipeline lists them
     */
    SinkTask open(StageConfig config, StageContext context, List<String> inputs) throws StageException;
}
