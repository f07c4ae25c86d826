package io.conveyor.engine.internal.exec;

import io.conveyor.engine.internal.model.GlobalSpec;

/**
 * Limits that apply to every run, set by the runtime's configuration.
 *
 * @param memoryLimitBytes  the most Arrow memory one run may hold (the limit of the run's allocator,
 *                          a child of the engine's, which has the same limit for all runs together)
 * @param batchSize         the rows-per-batch hint given to stages
 * @param stopGraceMillis   how long a stopping run waits for its stages before interrupting them,
 *                          and again before giving up on them
 * @param upgradeWaitMillis how long a continuous run waits for the new version of a stage whose
 *                          bundle went away before it stops with an error
 * @param defaultTimeoutSeconds the wall-clock limit of a run whose file does not set
 *                          {@code [global] timeout_seconds}
 */
public record ExecutionSettings(long memoryLimitBytes, int batchSize, long stopGraceMillis, long upgradeWaitMillis,
        long defaultTimeoutSeconds) {

    public static final long DEFAULT_MEMORY_LIMIT = 1L << 30;
    public static final int DEFAULT_BATCH_SIZE = 8192;
    public static final long DEFAULT_STOP_GRACE_MILLIS = 5_000;
    public static final long DEFAULT_UPGRADE_WAIT_SECONDS = 30;

    /** Settings with the default upgrade wait and run timeout. */
    public ExecutionSettings(long memoryLimitBytes, int batchSize, long stopGraceMillis) {
        this(memoryLimitBytes, batchSize, stopGraceMillis, DEFAULT_UPGRADE_WAIT_SECONDS * 1000,
                GlobalSpec.DEFAULT_TIMEOUT_SECONDS);
    }

    public static ExecutionSettings defaults() {
        return new ExecutionSettings(DEFAULT_MEMORY_LIMIT, DEFAULT_BATCH_SIZE, DEFAULT_STOP_GRACE_MILLIS);
    }
}
