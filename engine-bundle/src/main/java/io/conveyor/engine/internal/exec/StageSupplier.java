package io.conveyor.engine.internal.exec;

import java.time.Duration;

import io.conveyor.api.stage.StageException;
import io.conveyor.api.stage.StageRole;

/** Hands out the service that serves a function for one run; implemented by the stage registry. */
public interface StageSupplier {

    /**
     * Acquires the winning provider of this function in this role.
     *
     * @throws StageException with code {@code PLUGIN} when no provider is available any more
     */
    StageLease acquire(String function, StageRole role) throws StageException;

    /**
     * Acquires the winning provider of this function in this role, waiting up to {@code maxWait}
     * for one to appear (a plugin bundle being updated or started).
     *
     * @return the lease, or {@code null} if none could be acquired within the wait
     */
    StageLease await(String function, StageRole role, Duration maxWait) throws InterruptedException;
}
