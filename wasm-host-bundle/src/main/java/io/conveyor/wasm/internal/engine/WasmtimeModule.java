package io.conveyor.wasm.internal.engine;

import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import io.github.kawamuray.wasmtime.Module;

/**
 * A module compiled to native code by wasmtime. Since wasmtime-java cannot limit an instance's
 * memory, only a module whose memory declares a maximum within the sandbox's limit is
 * instantiated; any other is refused, naming why, rather than run unconfined.
 */
final class WasmtimeModule implements CompiledModule {

    /** Past 2 GiB wasmtime-java cannot hand a memory to Java (its ByteBuffer's capacity overflows). */
    static final int MAX_PAGES = 32_767;
    /** Blocks natively, where the epoch deadline cannot stop it. */
    static final String POLL_ONEOFF = Failures.WASI + ".poll_oneoff";

    private final WasmtimeEngine engine;
    private final ModuleShape shape;
    private final Module module;
    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed;

    WasmtimeModule(WasmtimeEngine engine, ModuleShape shape, Module module) {
        this.engine = engine;
        this.shape = shape;
        this.module = module;
    }

    @Override
    public ModuleShape shape() {
        return shape;
    }

    @Override
    public WasmInstance instantiate(Sandbox sandbox) throws WasmFailure {
        checkConfinable(sandbox);
        lifecycle.readLock().lock();
        try {
            if (closed) {
                throw new WasmFailure(WasmFailure.Kind.REFUSED, "it has been unloaded");
            }
            return WasmtimeInstance.create(engine, shape, module, sandbox);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    private void checkConfinable(Sandbox sandbox) throws WasmFailure {
        Failures.checkImports(shape.importedFunctions());
        if (!shape.importedOthers().isEmpty()) {
            throw new WasmFailure(WasmFailure.Kind.ABI, "it imports " + String.join(", ", shape.importedOthers())
                    + ", which the host does not provide (only " + Failures.WASI + " functions are)");
        }
        if (shape.importedFunctions().contains(POLL_ONEOFF)) {
            throw refused("it imports " + POLL_ONEOFF + ", which blocks in native code where the call deadline"
                    + " cannot stop it", "");
        }
        Failures.checkInitialMemory(shape, sandbox);
        if (!shape.hasMemory()) {
            return;
        }
        int limit = Math.min(sandbox.memoryPages(), MAX_PAGES);
        int maximum = shape.declaredMaximumPages();
        if (maximum < 0) {
            throw refused("its memory declares no maximum, and wasmtime cannot hold it to its limit of "
                    + Failures.mib(sandbox.memoryPages()) + " (wasm_memory_mb) any other way",
                    "declare a maximum of at most " + limit + " pages");
        }
        if (maximum > limit) {
            throw refused("its memory may grow to " + Failures.mib(maximum) + " (its declared maximum), more than "
                    + (limit < sandbox.memoryPages() ? "wasmtime-java can address (" + Failures.mib(limit) + ")"
                            : "its limit of " + Failures.mib(limit) + " (wasm_memory_mb)")
                    + ", and wasmtime cannot stop it earlier",
                    "lower the maximum to at most " + limit + " pages"
                    + (limit < sandbox.memoryPages() ? "" : ", raise wasm_memory_mb"));
        }
    }

    /** Says why wasmtime cannot confine the module, what would let it, and that chicory can. */
    private static WasmFailure refused(String reason, String fix) {
        return new WasmFailure(WasmFailure.Kind.REFUSED, "the wasmtime engine refuses to run it: " + reason + "; "
                + (fix.isEmpty() ? "run it" : fix + ", or run it")
                + " on chicory (wasm_engine = \"chicory\"), which enforces every limit itself");
    }

    /** Frees the native module; instances already made keep what they need of it. */
    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                module.dispose();
            }
        } finally {
            lifecycle.writeLock().unlock();
        }
    }
}
