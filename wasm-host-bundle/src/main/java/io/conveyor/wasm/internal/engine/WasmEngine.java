package io.conveyor.wasm.internal.engine;

/**
 * A WebAssembly engine: compiles a module's bytes once, then makes confined instances of it.
 * The host talks to every engine through this interface only, so that the same conformance tests
 * run on each.
 */
public interface WasmEngine {

    /** The engine's name, as the {@code wasm_engine} setting spells it. */
    String name();

    /**
     * Parses and validates {@code bytes}; compiling to native or JVM code may happen now or on the
     * first {@link CompiledModule#instantiate}.
     *
     * @throws WasmFailure {@link WasmFailure.Kind#NOT_WASM} when the bytes are not a valid module
     */
    CompiledModule compile(String name, byte[] bytes) throws WasmFailure;
}
