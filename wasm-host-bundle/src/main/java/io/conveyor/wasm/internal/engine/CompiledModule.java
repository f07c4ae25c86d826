package io.conveyor.wasm.internal.engine;

import java.util.List;

/**
 * A module compiled once, from which any number of confined instances are made. Closed when its
 * plugin is unloaded; instances made before stay usable until they are closed themselves.
 */
public interface CompiledModule extends AutoCloseable {

    /** The functions the module imports, as {@code module.name}. */
    List<String> importedFunctions();

    /** The names of the functions the module exports. */
    List<String> exportedFunctions();

    /**
     * The maximum number of 64 KiB pages the module's memory declares, or -1 when it declares
     * none (then only the host's limit confines it).
     */
    int declaredMaximumPages();

    /** A new instance, confined by {@code sandbox}; its start function and {@code _initialize} have run. */
    WasmInstance instantiate(Sandbox sandbox) throws WasmFailure;

    /** Frees what the engine holds for the module; no instance can be made afterwards. */
    @Override
    default void close() {
    }
}
