package io.conveyor.wasm.internal.engine;

/**
 * A module compiled once, from which any number of confined instances are made. Closed when its
 * plugin is unloaded; instances made before stay usable until they are closed themselves.
 */
public interface CompiledModule extends AutoCloseable {

    /** What the module imports, exports and declares of its memory. */
    ModuleShape shape();

    /** A new instance, confined by {@code sandbox}; its start function and {@code _initialize} have run. */
    WasmInstance instantiate(Sandbox sandbox) throws WasmFailure;

    /**
     * An instance for a few calls only (the host reads the self-description from it), as confined
     * as {@link #instantiate}: an engine that compiles on first use may interpret instead, so that
     * loading a module does not pay for a compilation no run may need.
     */
    default WasmInstance instantiateForFewCalls(Sandbox sandbox) throws WasmFailure {
        return instantiate(sandbox);
    }

    /** Frees what the engine holds for the module; no instance can be made afterwards. */
    @Override
    default void close() {
    }
}
