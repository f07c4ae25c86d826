package io.conveyor.engine.internal.model;

import java.util.List;
import java.util.Map;

/**
 * The {@code [global]} table, with defaults applied.
 *
 * @param variables         {@code [global.variables]}, with {@code ${ENV}} already resolved
 * @param timeoutSeconds    wall-clock limit of a run (default 300, or the server's
 *                          {@code default.timeout.seconds} once {@link #withDefaultTimeout} applied it)
 * @param timeoutSet        whether the file sets {@code timeout_seconds} (or the loader decided it), so
 *                          that a server-wide default does not replace it
 * @param channelBufferSize batches queued per edge before the producer blocks (default 100)
 * @param maxParallelTasks  threads a stage may use for its own work (default 4)
 * @param concurrency       parallel requests per-row I/O stages may make (default 10)
 * @param plugins           functions or bundle symbolic names the run waits for
 * @param wasmPlugins       WASM modules the run waits for (accepted, served by a later issue)
 * @param logLevel          trace, debug, info, warn or error (default info)
 * @param executor          dag, channel or async: all served by the one streaming executor
 * @param pluginsLocation   where {@code plugins} is written, or {@code null} when it is not
 */
public record GlobalSpec(Map<String, String> variables, long timeoutSeconds, boolean timeoutSet, int channelBufferSize,
        int maxParallelTasks, int concurrency, List<String> plugins, List<String> wasmPlugins,
        String logLevel, String executor, Location pluginsLocation) {

    public static final long DEFAULT_TIMEOUT_SECONDS = 300;
    public static final int DEFAULT_CHANNEL_BUFFER_SIZE = 100;
    public static final int DEFAULT_MAX_PARALLEL_TASKS = 4;
    public static final int DEFAULT_CONCURRENCY = 10;

    /** The {@code timeout_seconds} of a run that may go on for ever (a continuous pipeline's default). */
    public static final long NO_TIMEOUT = Long.MAX_VALUE;

    /** The same settings with this timeout, which a server-wide default no longer replaces. */
    public GlobalSpec withTimeoutSeconds(long seconds) {
        return new GlobalSpec(variables, seconds, true, channelBufferSize, maxParallelTasks, concurrency, plugins,
                wasmPlugins, logLevel, executor, pluginsLocation);
    }

    /** These settings, with {@code seconds} as the timeout unless the file sets its own. */
    public GlobalSpec withDefaultTimeout(long seconds) {
        return timeoutSet ? this : new GlobalSpec(variables, seconds, false, channelBufferSize, maxParallelTasks,
                concurrency, plugins, wasmPlugins, logLevel, executor, pluginsLocation);
    }

    /** The same settings with these variables. */
    public GlobalSpec withVariables(Map<String, String> newVariables) {
        return new GlobalSpec(newVariables, timeoutSeconds, timeoutSet, channelBufferSize, maxParallelTasks, concurrency, plugins,
                wasmPlugins, logLevel, executor, pluginsLocation);
    }

    public static GlobalSpec defaults() {
        return new GlobalSpec(Map.of(), DEFAULT_TIMEOUT_SECONDS, false, DEFAULT_CHANNEL_BUFFER_SIZE,
                DEFAULT_MAX_PARALLEL_TASKS, DEFAULT_CONCURRENCY, List.of(), List.of(), "info", "dag", null);
    }
}
