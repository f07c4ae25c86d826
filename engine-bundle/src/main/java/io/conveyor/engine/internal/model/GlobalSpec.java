package io.conveyor.engine.internal.model;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code [global]} table, with defaults applied: the original tool's, or the server's once
 * {@link #withDefaults} applied them.
 *
 * @param variables         {@code [global.variables]}, with {@code ${ENV}} already resolved
 * @param timeoutSeconds    wall-clock limit of a run (default 300)
 * @param channelBufferSize batches queued per edge before the producer blocks (default 100)
 * @param maxParallelTasks  threads a stage may use for its own work (default 4)
 * @param concurrency       parallel requests per-row I/O stages may make (default 10)
 * @param plugins           functions or bundle symbolic names the run waits for
 * @param wasmPlugins       WASM modules the run waits for: {@code echo_wasm} is the module loaded from
 *                          {@code conveyor_plugin_echo_wasm.wasm}, as in the original tool
 * @param logLevel          trace, debug, info, warn or error (default info)
 * @param executor          dag, channel or async: all served by the one streaming executor
 * @param pluginsLocation   where {@code plugins} is written, or {@code null} when it is not
 * @param wasmPluginsLocation where {@code wasm_plugins} is written, or {@code null} when it is not
 * @param keysSet           the keys the file sets (or the loader decided), which server-wide
 *                          defaults do not replace
 */
public record GlobalSpec(Map<String, String> variables, long timeoutSeconds, int channelBufferSize,
        int maxParallelTasks, int concurrency, List<String> plugins, List<String> wasmPlugins,
        String logLevel, String executor, Location pluginsLocation, Location wasmPluginsLocation, Set<String> keysSet) {

    static final String TIMEOUT_SECONDS = "timeout_seconds";
    static final String MAX_PARALLEL_TASKS = "max_parallel_tasks";

    public static final long DEFAULT_TIMEOUT_SECONDS = 300;
    public static final int DEFAULT_CHANNEL_BUFFER_SIZE = 100;
    public static final int DEFAULT_MAX_PARALLEL_TASKS = 4;
    public static final int DEFAULT_CONCURRENCY = 10;

    /** The {@code timeout_seconds} of a run that may go on for ever (a continuous pipeline's default). */
    public static final long NO_TIMEOUT = Long.MAX_VALUE;

    /** The same settings with this timeout, which a server-wide default no longer replaces. */
    public GlobalSpec withTimeoutSeconds(long seconds) {
        Set<String> set = new HashSet<>(keysSet);
        set.add(TIMEOUT_SECONDS);
        return new GlobalSpec(variables, seconds, channelBufferSize, maxParallelTasks, concurrency, plugins,
                wasmPlugins, logLevel, executor, pluginsLocation, wasmPluginsLocation, Set.copyOf(set));
    }

    /** These settings, with the server's defaults for the keys the file leaves unset. */
    public GlobalSpec withDefaults(RunDefaults defaults) {
        long timeout = keysSet.contains(TIMEOUT_SECONDS) ? timeoutSeconds : defaults.timeoutSeconds();
        int parallel = keysSet.contains(MAX_PARALLEL_TASKS) ? maxParallelTasks : defaults.maxParallelTasks();
        return new GlobalSpec(variables, timeout, channelBufferSize, parallel, concurrency, plugins, wasmPlugins,
                logLevel, executor, pluginsLocation, wasmPluginsLocation, keysSet);
    }

    /** The same settings with these variables. */
    public GlobalSpec withVariables(Map<String, String> newVariables) {
        return new GlobalSpec(newVariables, timeoutSeconds, channelBufferSize, maxParallelTasks, concurrency, plugins,
                wasmPlugins, logLevel, executor, pluginsLocation, wasmPluginsLocation, keysSet);
    }

    public static GlobalSpec defaults() {
        return new GlobalSpec(Map.of(), DEFAULT_TIMEOUT_SECONDS, DEFAULT_CHANNEL_BUFFER_SIZE,
                DEFAULT_MAX_PARALLEL_TASKS, DEFAULT_CONCURRENCY, List.of(), List.of(), "info", "dag", null, null, Set.of());
    }
}
