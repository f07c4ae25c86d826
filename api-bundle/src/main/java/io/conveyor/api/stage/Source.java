package io.conveyor.api.stage;

import org.osgi.annotation.versioning.ConsumerType;

/** A stage service that produces batches from outside the pipeline. It takes no inputs. */
@ConsumerType
public interface Source extends Stage {

    /**
     * Opens a task for a run of this source. Called once when the run starts, and again if the
     * engine replaces the task during the run (a plugin upgrade in a continuous run): the replaced
     * task is closed first, and the new one continues the same stream.
     *
     * @throws StageException when the source cannot start (missing file, bad connection, ...)
     */
    SourceTask open(StageConfig config, StageContext context) throws StageException;
}
