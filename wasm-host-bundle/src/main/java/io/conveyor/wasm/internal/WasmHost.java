package io.conveyor.wasm.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.conveyor.api.stage.Stage;
import io.conveyor.api.stage.StageRole;
import io.conveyor.wasm.WasmModuleDTO;
import io.conveyor.wasm.WasmModuleException;
import io.conveyor.wasm.WasmModules;
import io.conveyor.wasm.internal.engine.Deadlines;
import io.conveyor.wasm.internal.engine.Engines;
import io.conveyor.wasm.internal.engine.WasmFailure;
import io.conveyor.wasm.internal.stage.Limits;
import io.conveyor.wasm.internal.stage.WasmPlugin;
import io.conveyor.wasm.internal.stage.WasmSink;
import io.conveyor.wasm.internal.stage.WasmSource;
import io.conveyor.wasm.internal.stage.WasmTransform;

/**
 * Loads WebAssembly modules and registers each as stage services, one per role, under its
 * function name. At activation it loads every {@code *.wasm} of its plugins folder (the
 * {@code plugins.dir} setting, else the framework property {@value #DIR_PROPERTY}); the server's
 * deploy folder adds, replaces and removes modules through {@link WasmModules}.
 */
@Component(service = WasmModules.class, configurationPid = WasmHost.PID)
public final class WasmHost implements WasmModules {

    static final String PID = "io.conveyor.wasm";
    static final String DIR_PROPERTY = "conveyor.wasm.dir";
    private static final Logger LOG = LoggerFactory.getLogger(WasmHost.class);

    /** Configuration (PID {@code io.conveyor.wasm}). */
    public @interface Config {
        /** The most memory one instance may use, in MiB, unless a stage sets {@code wasm_memory_mb}. */
        long memory_max_mb() default 64;

        /** How long one call may run, in milliseconds, unless a stage sets {@code wasm_timeout_ms}. */
        long call_timeout_ms() default 10_000;

        /** The largest output of one call, in MiB, unless a stage sets {@code wasm_max_output_mb}. */
        long output_max_mb() default 64;

        /** The folder whose modules are loaded at start; empty for the framework property conveyor.wasm.dir. */
        String plugins_dir() default "";

        /**
         * The engine that loads every module and runs it unless a stage sets {@code wasm_engine}:
         * chicory or wasmtime.
         */
        String engine() default "chicory";
    }

    private final Map<Path, Loaded> loaded = new LinkedHashMap<>();
    private BundleContext context;
    private Deadlines deadlines;
    private Engines engines;
    private ModuleLoader loader;
    private volatile Limits limits = Limits.DEFAULTS;

    private record Loaded(WasmPlugin plugin, List<ServiceRegistration<?>> registrations) {
    }

    @Activate
    void activate(BundleContext context, Config config) {
        this.context = context;
        this.deadlines = new Deadlines();
        this.engines = new Engines(deadlines);
        this.loader = new ModuleLoader(engines);
        this.limits = limits(config);
        Path dir = pluginsDir(config);
        if (dir != null) {
            loadFolder(dir);
        }
    }

    @Modified
    void modified(Config config) {
        this.limits = limits(config);
        List<Path> files;
        synchronized (loaded) {
            files = new ArrayList<>(loaded.keySet());
        }
        for (Path file : files) {
            try {
                install(file);
            } catch (WasmModuleException e) {
                LOG.error("{}", e.getMessage());
            }
        }
    }

    @Deactivate
    void deactivate() {
        synchronized (loaded) {
            loaded.values().forEach(WasmHost::unregister);
            loaded.clear();
        }
        engines.shutdown();
        deadlines.shutdown();
    }

    private static Limits limits(Config config) {
        String engine = config.engine().strip();
        if (!Engines.exists(engine)) {
            LOG.error("{}: {}; no WASM module loads until it is corrected", PID, unknownEngine(engine));
        }
        return new Limits(config.memory_max_mb(), config.call_timeout_ms(), config.output_max_mb(), engine);
    }

    private static String unknownEngine(String engine) {
        return Engines.unknown("the setting engine", engine);
    }

    private Path pluginsDir(Config config) {
        String dir = config.plugins_dir().isBlank() ? context.getProperty(DIR_PROPERTY) : config.plugins_dir();
        return dir == null || dir.isBlank() ? null : Path.of(dir).toAbsolutePath().normalize();
    }

    private void loadFolder(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.wasm")) {
            for (Path file : files) {
                try {
                    install(file);
                } catch (WasmModuleException e) {
                    LOG.error("{}", e.getMessage());
                }
            }
        } catch (IOException e) {
            LOG.error("cannot list the WASM plugins folder {}: {}", dir, e.getMessage());
        }
    }

    @Override
    public WasmModuleDTO install(Path file) throws WasmModuleException {
        Path key = file.toAbsolutePath().normalize();
        if (!Engines.exists(limits.engine())) {
            throw new WasmModuleException(key + ": " + unknownEngine(limits.engine()) + " (" + PID + ")", null);
        }
        WasmPlugin plugin;
        try {
            plugin = loader.load(key, limits);
        } catch (IOException e) {
            throw new WasmModuleException(key + ": cannot read the module: " + e.getMessage(), e);
        } catch (WasmFailure e) {
            throw new WasmModuleException(key + ": " + e.getMessage(), e);
        }
        synchronized (loaded) {
            Loaded previous = loaded.remove(key);
            if (previous != null) {
                unregister(previous);
            }
            loaded.put(key, new Loaded(plugin, register(plugin)));
        }
        LOG.info("Loaded WASM module {} ({} {}, {}, on {})", key.getFileName(), plugin.description().name(),
                plugin.description().version(), plugin.description().roles(), plugin.engine());
        return dto(plugin);
    }

    @Override
    public void uninstall(Path file) {
        Loaded previous;
        synchronized (loaded) {
            previous = loaded.remove(file.toAbsolutePath().normalize());
        }
        if (previous != null) {
            unregister(previous);
            LOG.info("Unloaded WASM module {}", file.getFileName());
        }
    }

    @Override
    public List<WasmModuleDTO> modules() {
        synchronized (loaded) {
            return loaded.values().stream().map(l -> dto(l.plugin())).toList();
        }
    }

    private List<ServiceRegistration<?>> register(WasmPlugin plugin) {
        List<ServiceRegistration<?>> registrations = new ArrayList<>();
        for (StageRole role : plugin.description().roles()) {
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put(Stage.FUNCTION, plugin.description().name());
            properties.put(Stage.ROLE, role.id());
            properties.put(Stage.PROVIDER, plugin.file());
            properties.put(Stage.PROVIDER_VERSION, plugin.description().version());
            registrations.add(switch (role) {
                case SOURCE -> context.registerService(io.conveyor.api.stage.Source.class, new WasmSource(plugin),
                        properties);
                case TRANSFORM -> context.registerService(io.conveyor.api.stage.Transform.class,
                        new WasmTransform(plugin), properties);
                case SINK -> context.registerService(io.conveyor.api.stage.Sink.class, new WasmSink(plugin), properties);
            });
        }
        return registrations;
    }

    /** Takes the module's services away and frees its compiled code. */
    private static void unregister(Loaded loaded) {
        for (ServiceRegistration<?> registration : loaded.registrations()) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping and took its services with it
            }
        }
        loaded.plugin().close();
    }

    private static WasmModuleDTO dto(WasmPlugin plugin) {
        WasmModuleDTO dto = new WasmModuleDTO();
        dto.file = plugin.file();
        dto.function = plugin.description().name();
        dto.version = plugin.description().version();
        dto.roles = plugin.description().roles().stream().map(StageRole::id).toList();
        dto.format = plugin.description().format().name().toLowerCase(java.util.Locale.ROOT);
        dto.engine = plugin.engine();
        return dto;
    }
}
