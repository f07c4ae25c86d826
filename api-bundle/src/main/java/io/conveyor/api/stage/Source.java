package io.conveyor.api.stage;

import org.osgi.annotation.versioning.ConsumerType;

/** A stage service that produces batches from outside the pipeline. It takes no inputs. */
@ConsumerType
public interface Source extends Stage {

    /**
     * Opens one run of this source. Called once per run, on the stage's own thread.
     *
     * @throws StageException when the source cannot start (missing file, bad connection, ...)
     */
    SourceTask open(StageConfig config, StageContext context) throws StageException;
}
