package io.conveyor.wasm.internal.stage;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.conveyor.api.stage.ErrorCode;
import io.conveyor.api.stage.Parameter;
import io.conveyor.api.stage.ParameterType;
import io.conveyor.api.stage.StageConfig;
import io.conveyor.api.stage.StageDescriptor;
import io.conveyor.api.stage.StageException;
import io.conveyor.api.stage.StageRole;
import io.conveyor.wasm.internal.abi.Description;
import io.conveyor.wasm.internal.abi.Guest;
import io.conveyor.wasm.internal.codec.ArrowStreamCodec;
import io.conveyor.wasm.internal.codec.BatchCodec;
import io.conveyor.wasm.internal.codec.NdjsonCodec;
import io.conveyor.wasm.internal.engine.CompiledModule;
import io.conveyor.wasm.internal.engine.Engines;
import io.conveyor.wasm.internal.engine.Sandbox;
import io.conveyor.wasm.internal.engine.WasmFailure;

/**
 * A loaded module: its file, its checked description, its code compiled for each engine a stage
 * asks for (on first use) and the server's limits. Starts a confined, configured instance for
 * each task.
 */
public final class WasmPlugin {

    static final String MEMORY_MB = "wasm_memory_mb";
    static final String TIMEOUT_MS = "wasm_timeout_ms";
    static final String OUTPUT_MB = "wasm_max_output_mb";
    static final String READ_DIRS = "wasm_read_dirs";
    static final String CLOCK = "wasm_clock";
    static final String ENV = "wasm_env";
    static final String ENGINE = "wasm_engine";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(WasmPlugin.class);

    private final String file;
    private final Description description;
    private final byte[] bytes;
    private final Engines engines;
    private final Limits limits;
    private final BatchCodec codec;
    private final Map<String, CompiledModule> compiled = new LinkedHashMap<>();
    private boolean closed;

    /**
     * @param module the module as {@code limits.engine()} compiled it from {@code bytes}; the plugin
     *               now owns it
     */
    public WasmPlugin(String file, Description description, byte[] bytes, CompiledModule module, Engines engines,
            Limits limits) {
        this.file = file;
        this.description = description;
        this.bytes = bytes;
        this.engines = engines;
        this.limits = limits;
        this.compiled.put(limits.engine(), module);
        this.codec = description.format() == Description.BatchFormat.ARROW ? new ArrowStreamCodec() : new NdjsonCodec();
    }

    public String file() {
        return file;
    }

    public Description description() {
        return description;
    }

    /** The engine the module was loaded on, and that runs it unless a stage sets {@code wasm_engine}. */
    public String engine() {
        return limits.engine();
    }

    BatchCodec codec() {
        return codec;
    }

    /** The stage descriptor for one of the module's roles: its parameters and the host's {@code wasm_*} keys. */
    public StageDescriptor descriptor(StageRole role) {
        StageDescriptor.Builder builder = StageDescriptor.builder(description.name(), role)
                .description(description.description().isEmpty()
                        ? "WebAssembly module " + file + "."
                        : description.description() + " (WebAssembly module " + file + ", " + description.version() + ")");
        description.parameters().forEach(builder::parameter);
        builder.parameter(Parameter.builder(MEMORY_MB, ParameterType.INTEGER).defaultValue(limits.memoryMb())
                .description("The most memory one instance may use, in MiB.").build());
        builder.parameter(Parameter.builder(TIMEOUT_MS, ParameterType.INTEGER).defaultValue(limits.callTimeoutMs())
                .description("How long one call (one batch) may run, in milliseconds.").build());
        builder.parameter(Parameter.builder(OUTPUT_MB, ParameterType.INTEGER).defaultValue(limits.outputMb())
                .description("The largest output one call may return, in MiB.").build());
        builder.parameter(Parameter.builder(READ_DIRS, ParameterType.STRING_LIST)
                .description("Folders the module may read (WASI preopens, read-only), each under its own name.").build());
        builder.parameter(Parameter.builder(CLOCK, ParameterType.BOOLEAN).defaultValue(false)
                .description("Whether the module sees the real clock; otherwise time stands at 1970-01-01.").build());
        builder.parameter(Parameter.builder(ENV, ParameterType.STRING_LIST)
                .description("Environment variables of the server the module may read.").build());
        builder.parameter(Parameter.builder(ENGINE, ParameterType.STRING).defaultValue(limits.engine())
                .allowedValues(Engines.NAMES.toArray())
                .description("The engine that runs the module: chicory (pure Java) or wasmtime (native, refuses a"
                        + " module whose memory declares no maximum within wasm_memory_mb).").build());
        return builder.build();
    }

    /** A new instance confined as {@code config} says, configured with the module's own keys. */
    Guest start(StageConfig config) throws StageException {
        Sandbox sandbox = sandbox(config);
        Guest guest;
        try {
            guest = new Guest(module(config.getString(ENGINE)).instantiate(sandbox), sandbox.outputBytes());
        } catch (WasmFailure e) {
            throw failure(e);
        }
        try {
            guest.configure(configJson(config));
            return guest;
        } catch (WasmFailure e) {
            guest.close();
            throw failure(e);
        } catch (InterruptedException e) {
            guest.close();
            Thread.currentThread().interrupt();
            throw StageException.cancelled();
        }
    }

    /** The module compiled for {@code engine}, compiling it on first use. */
    private CompiledModule module(String engine) throws WasmFailure {
        synchronized (compiled) {
            if (closed) {
                throw new WasmFailure(WasmFailure.Kind.REFUSED, "it has been unloaded");
            }
            CompiledModule module = compiled.get(engine);
            if (module == null) {
                module = engines.get(engine).compile(file, bytes);
                compiled.put(engine, module);
            }
            return module;
        }
    }

    /** Frees the compiled modules; instances already started run on, no new one starts. */
    public void close() {
        synchronized (compiled) {
            closed = true;
            compiled.values().forEach(CompiledModule::close);
            compiled.clear();
        }
    }

    private Sandbox sandbox(StageConfig config) {
        List<Path> readDirs = new ArrayList<>();
        if (config.isSet(READ_DIRS)) {
            config.getStringList(READ_DIRS).forEach(dir -> readDirs.add(Path.of(dir).toAbsolutePath().normalize()));
        }
        Map<String, String> environment = new LinkedHashMap<>();
        if (config.isSet(ENV)) {
            for (String name : config.getStringList(ENV)) {
                String value = System.getenv(name);
                if (value != null) {
                    environment.put(name, value);
                }
            }
        }
        int pages = (int) Math.min(Integer.MAX_VALUE, config.getLong(MEMORY_MB) * (1 << 20) / Sandbox.PAGE_BYTES);
        return new Sandbox(pages, config.getLong(TIMEOUT_MS), config.getLong(OUTPUT_MB) << 20, readDirs,
                config.getBoolean(CLOCK), environment,
                line -> LOG.info("wasm {}: {}", file, line), line -> LOG.warn("wasm {}: {}", file, line));
    }

    /** The module's own keys as the pipeline sets them (text already converted), then the defaults of the others. */
    private byte[] configJson(StageConfig config) throws StageException {
        Map<String, Object> own = new LinkedHashMap<>(config.asMap());
        own.keySet().removeIf(key -> key.startsWith("wasm_"));
        for (Parameter parameter : description.parameters()) {
            if (parameter.defaultValue() != null) {
                own.putIfAbsent(parameter.name(), parameter.defaultValue());
            }
        }
        try {
            return JSON.writeValueAsString(own).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new StageException(ErrorCode.CONFIG, null, "cannot pass the configuration as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** The stage error for a failed call: names the module file and what went wrong. */
    StageException failure(WasmFailure e) {
        return new StageException(ErrorCode.PLUGIN, null, "wasm module " + file + ": " + e.getMessage(), e);
    }
}
