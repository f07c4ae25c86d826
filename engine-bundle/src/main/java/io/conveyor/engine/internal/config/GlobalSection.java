package io.conveyor.engine.internal.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.conveyor.engine.internal.model.GlobalSpec;
import io.conveyor.engine.internal.model.Location;

/** Reads {@code [global]}: every key of the original tool, checked, with its default. */
final class GlobalSection {

    static final List<String> KEYS = List.of("variables", "timeout_seconds", "channel_buffer_size",
            "max_parallel_tasks", "concurrency", "log_level", "plugins", "wasm_plugins", "executor",
            "execution_mode", "stream_batch_size", "checkpoint_interval");
    static final List<String> LOG_LEVELS = List.of("trace", "debug", "info", "warn", "error");
    static final List<String> EXECUTORS = List.of("dag", "channel", "async");
    static final List<String> EXECUTION_MODES = List.of("batch", "streaming");

    private GlobalSection() {
    }

    /**
     * The spec and the variables; {@code reader} is empty when the file has no {@code [global]}.
     *
     * @param overrides variables that replace or add to {@code [global.variables]}
     */
    static Result read(Optional<TableReader> reader, Map<String, String> env, Map<String, String> overrides) {
        if (reader.isEmpty()) {
            Variables variables = Variables.none().withOverrides(overrides);
            return new Result(GlobalSpec.defaults().withVariables(variables.values()), variables);
        }
        TableReader r = reader.get();
        r.rejectUnknownKeys(KEYS, List.of());
        Variables variables = r.nested("variables")
                .map(v -> Variables.read(v, env))
                .orElse(Variables.none())
                .withOverrides(overrides);
        long timeout = r.integer("timeout_seconds", GlobalSpec.DEFAULT_TIMEOUT_SECONDS, 1, Long.MAX_VALUE);
        int buffer = (int) r.integer("channel_buffer_size", GlobalSpec.DEFAULT_CHANNEL_BUFFER_SIZE, 1,
                Integer.MAX_VALUE);
        int parallel = (int) r.integer("max_parallel_tasks", GlobalSpec.DEFAULT_MAX_PARALLEL_TASKS, 1,
                Integer.MAX_VALUE);
        int concurrency = (int) r.integer("concurrency", GlobalSpec.DEFAULT_CONCURRENCY, 1, Integer.MAX_VALUE);
        String logLevel = r.oneOf("log_level", "info", LOG_LEVELS);
        List<String> plugins = r.stringList("plugins");
        List<String> wasmPlugins = r.stringList("wasm_plugins");
        String executor = r.oneOf("executor", "dag", EXECUTORS);
        // Accepted for compatibility with the original tool, which never used them either.
        r.oneOf("execution_mode", "batch", EXECUTION_MODES);
        r.integer("stream_batch_size", 1000, 1, Integer.MAX_VALUE);
        r.integer("checkpoint_interval", 5000, 1, Long.MAX_VALUE);
        Location pluginsLocation = r.table().contains(List.of("plugins")) ? r.locationOf("plugins") : null;
        Location wasmPluginsLocation = r.table().contains(List.of("wasm_plugins")) ? r.locationOf("wasm_plugins") : null;
        Set<String> keysSet = KEYS.stream().filter(key -> r.table().contains(List.of(key)))
                .collect(Collectors.toUnmodifiableSet());
        GlobalSpec spec = new GlobalSpec(variables.values(), timeout, buffer, parallel, concurrency, plugins,
                wasmPlugins, logLevel, executor, pluginsLocation, wasmPluginsLocation, keysSet);
        return new Result(spec, variables);
    }

    record Result(GlobalSpec spec, Variables variables) {
    }
}
