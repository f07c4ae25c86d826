package io.conveyor.api.stage;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/** A stage service that writes the batches of its inputs outside the pipeline. */
@ConsumerType
public interface Sink extends Stage {

    /**
     * Opens a task for a run of this sink. Called once when the run starts, and again if the
     * engine replaces the task during the run (a plugin upgrade in a continuous run).
     *
     * @param inputs the input names, in the order the pipeline lists them
     */
    SinkTask open(StageConfig config, StageContext context, List<String> inputs) throws StageException;
}
