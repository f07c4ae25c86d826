package io.conveyor.wasm.internal.engine;

/**
 * Chicory, pure Java: a module is parsed once and compiled to JVM bytecode on its first
 * instantiation; each instance gets its own memory with the sandbox's page limit, a deadline
 * enforced by interrupting the calling thread (the compiled code checks for interrupts), and WASI
 * functions confined by {@link ConfinedWasi}.
 */
public final class ChicoryEngine implements WasmEngine {

    public static final String NAME = "chicory";

    private final Deadlines deadlines;

    public ChicoryEngine(Deadlines deadlines) {
        this.deadlines = deadlines;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CompiledModule compile(String name, byte[] bytes) throws WasmFailure {
        return new ChicoryModule(ModuleShape.parse(bytes), deadlines);
    }
}
