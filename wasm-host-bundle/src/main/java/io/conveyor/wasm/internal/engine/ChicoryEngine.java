package io.conveyor.wasm.internal.engine;

import java.util.Arrays;

import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;

/**
 * Chicory, pure Java: a module is parsed once and compiled to JVM bytecode on its first
 * instantiation; each instance gets its own memory with the sandbox's page limit, a deadline
 * enforced by interrupting the calling thread (the compiled code checks for interrupts), and WASI
 * functions confined by {@link ConfinedWasi}.
 */
public final class ChicoryEngine implements WasmEngine {

    public static final String NAME = "chicory";
    private static final byte[] MAGIC = {0, 'a', 's', 'm'};

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
        if (bytes.length < MAGIC.length || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new WasmFailure(WasmFailure.Kind.NOT_WASM,
                    "not a WebAssembly module: it does not start with the bytes \\0asm");
        }
        try {
            WasmModule module = Parser.parse(bytes);
            return new ChicoryModule(module, deadlines);
        } catch (ChicoryException | IllegalArgumentException e) {
            throw new WasmFailure(WasmFailure.Kind.NOT_WASM, "not a valid WebAssembly module: " + e.getMessage(), e);
        }
    }
}
