package io.conveyor.engine.internal.exec;

import io.conveyor.engine.internal.model.RunDefaults;

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
 * @param runDefaults       the {@code [global]} values of a file that leaves them unset
 */
public record ExecutionSettings(long memoryLimitBytes, int batchSize, long stopGraceMillis, long upgradeWaitMillis,
        RunDefaults runDefaults) {

    public static final long DEFAULT_MEMORY_LIMIT = 1L << 30;
    public static final int DEFAULT_BATCH_SIZE = 8192;
    public static final long DEFAULT_STOP_GRACE_MILLIS = 5_000;
    public static final long DEFAULT_UPGRADE_WAIT_SECONDS = 30;

    /** Settings with the default upgrade wait and the original tool's {@code [global]} defaults. */
    public ExecutionSettings(long memoryLimitBytes, int batchSize, long stopGraceMillis) {
        this(memoryLimitBytes, batchSize, stopGraceMillis, DEFAULT_UPGRADE_WAIT_SECONDS * 1000, RunDefaults.ORIGINAL);
    }

    public static ExecutionSettings defaults() {
        return new ExecutionSettings(DEFAULT_MEMORY_LIMIT, DEFAULT_BATCH_SIZE, DEFAULT_STOP_GRACE_MILLIS);
    }
}
