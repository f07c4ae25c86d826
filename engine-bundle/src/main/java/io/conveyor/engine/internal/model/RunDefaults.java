package io.conveyor.engine.internal.model;

/**
 * Server-wide values for the {@code [global]} keys a pipeline file may leave unset (engine settings
 * {@code default.timeout.seconds} and {@code default.max.parallel.tasks}); a file's own value wins.
 *
 * @param timeoutSeconds   {@code timeout_seconds} of a file that sets none
 * @param maxParallelTasks {@code max_parallel_tasks} of a file that sets none
 */
public record RunDefaults(long timeoutSeconds, int maxParallelTasks) {

    /** The original tool's defaults. */
    public static final RunDefaults ORIGINAL = new RunDefaults(GlobalSpec.DEFAULT_TIMEOUT_SECONDS,
            GlobalSpec.DEFAULT_MAX_PARALLEL_TASKS);
}
