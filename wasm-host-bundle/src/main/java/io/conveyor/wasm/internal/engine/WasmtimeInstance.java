package io.conveyor.wasm.internal.engine;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.kawamuray.wasmtime.Extern;
import io.github.kawamuray.wasmtime.Func;
import io.github.kawamuray.wasmtime.ImportType;
import io.github.kawamuray.wasmtime.Instance;
import io.github.kawamuray.wasmtime.Linker;
import io.github.kawamuray.wasmtime.Memory;
import io.github.kawamuray.wasmtime.Module;
import io.github.kawamuray.wasmtime.Store;
import io.github.kawamuray.wasmtime.Trap;
import io.github.kawamuray.wasmtime.Val;
import io.github.kawamuray.wasmtime.WasmFunctionError;
import io.github.kawamuray.wasmtime.WasmtimeException;
import io.github.kawamuray.wasmtime.wasi.WasiCtx;

/**
 * One wasmtime instance in its own store. Every call first sets the store's epoch deadline: a
 * store on an epoch engine traps at once without one, and after a deadline has passed it stays
 * passed until it is set again.
 *
 * <p>Using a native object after its store is freed crashes the JVM, so every method holds the
 * instance's lock and checks it is open, and {@link #close} frees each native object exactly
 * once, after any call in progress has returned.
 */
final class WasmtimeInstance implements WasmInstance {

    private final WasmtimeEngine engine;
    private final ModuleShape shape;
    private final Sandbox sandbox;
    private final WasmtimeWasi wasi;
    private final Store<Void> store;
    private final Instance instance;
    private final Memory memory;
    private final Map<String, Func> functions = new HashMap<>();
    private boolean closed;

    private WasmtimeInstance(WasmtimeEngine engine, ModuleShape shape, Sandbox sandbox, WasmtimeWasi wasi,
            Store<Void> store, Instance instance) {
        this.engine = engine;
        this.shape = shape;
        this.sandbox = sandbox;
        this.wasi = wasi;
        this.store = store;
        this.instance = instance;
        this.memory = instance.getMemory(store, "memory").orElse(null);
    }

    /** A new instance whose start function and {@code _initialize} have run; the engine counts it until closed. */
    static WasmtimeInstance create(WasmtimeEngine engine, ModuleShape shape, Module module, Sandbox sandbox)
            throws WasmFailure {
        engine.retain();
        WasmtimeWasi wasi = new WasmtimeWasi(sandbox);
        Store<Void> store;
        Instance instance;
        try {
            store = new Store<>(null, engine.engine(), WasmtimeWasi.needed(shape) ? wasi.context() : null);
        } catch (WasmFailure | RuntimeException e) {
            engine.released();
            throw e;
        }
        try {
            instance = link(engine, module, store, wasi, sandbox);
        } catch (WasmFailure | RuntimeException e) {
            store.dispose();
            engine.released();
            throw e;
        }
        WasmtimeInstance made = new WasmtimeInstance(engine, shape, sandbox, wasi, store, instance);
        try {
            made.initialize();
            return made;
        } catch (WasmFailure | RuntimeException e) {
            made.close();
            throw e;
        }
    }

    private static Instance link(WasmtimeEngine engine, Module module, Store<Void> store, WasmtimeWasi wasi,
            Sandbox sandbox) throws WasmFailure {
        List<Func> imports = new ArrayList<>();
        Linker linker = new Linker(engine.engine());
        try {
            WasiCtx.addToLinker(linker);
            for (ImportType imported : module.imports()) {
                Func func = wasi.hostFunction(store, imported.name());
                if (func == null) {
                    func = linker.get(store, imported.module(), imported.name()).map(Extern::func).orElseThrow(() ->
                            new WasmFailure(WasmFailure.Kind.ABI, "it imports " + imported.module() + "."
                                    + imported.name() + ", which the host does not provide"));
                }
                imports.add(func);
            }
            store.setEpochDeadline(WasmtimeEngine.ticksFor(sandbox.callMillis()));
            return new Instance(store, module, imports.stream().map(Extern::fromFunc).toList());
        } catch (WasmFunctionError e) {
            throw failure("_initialize", e, false, sandbox);
        } catch (WasmtimeException e) {
            throw new WasmFailure(WasmFailure.Kind.ABI, "it cannot be instantiated: " + e.getMessage(), e);
        } finally {
            // the store keeps the functions themselves; these are only handles to them
            imports.forEach(Func::dispose);
            linker.dispose();
        }
    }

    private synchronized void initialize() throws WasmFailure {
        if (exports("_initialize")) {
            invoke("_initialize", function("_initialize"), new Val[0]);
        }
    }

    @Override
    public boolean exports(String function) {
        return shape.exportedFunctions().contains(function);
    }

    @Override
    public synchronized long[] call(String function, long... args) throws WasmFailure, InterruptedException {
        checkOpen();
        if (Thread.interrupted()) {
            throw new InterruptedException(function + " was not called: the thread was interrupted");
        }
        Val[] results = invoke(function, function(function), values(function, args));
        long[] values = new long[results.length];
        for (int i = 0; i < results.length; i++) {
            values[i] = results[i].getType() == Val.Type.I64 ? results[i].i64() : results[i].i32();
        }
        return values;
    }

    private Val[] values(String function, long[] args) {
        boolean[] wide = shape.wideParameters(function);
        Val[] values = new Val[args.length];
        for (int i = 0; i < args.length; i++) {
            values[i] = wide[i] ? Val.fromI64(args[i]) : Val.fromI32((int) args[i]);
        }
        return values;
    }

    private Func function(String name) throws WasmFailure {
        Func func = functions.get(name);
        if (func == null) {
            func = instance.getFunc(store, name).orElseThrow(() ->
                    new WasmFailure(WasmFailure.Kind.ABI, "it does not export " + name));
            functions.put(name, func);
        }
        return func;
    }

    private Val[] invoke(String function, Func func, Val[] args) throws WasmFailure {
        store.setEpochDeadline(WasmtimeEngine.ticksFor(sandbox.callMillis()));
        try {
            return func.call(store, args);
        } catch (WasmFunctionError | WasmtimeException e) {
            throw failure(function, e, memoryAtLimit(), sandbox);
        }
    }

    /** The deadline, a trap or an exit, in the words Chicory uses for the same failure. */
    private static WasmFailure failure(String function, RuntimeException e, boolean memoryAtLimit, Sandbox sandbox) {
        if (e instanceof WasmFunctionError.TrapError trap && trap.trap() == Trap.INTERRUPT) {
            return Failures.deadline(function, sandbox);
        }
        String reason = e instanceof WasmFunctionError.TrapError trap ? reason(trap.trap())
                : e instanceof WasmFunctionError.I32ExitError exit ? "Process exit code: " + exit.exitCode()
                : e.getMessage();
        return Failures.trapped(function, reason, memoryAtLimit, sandbox, e);
    }

    private static String reason(Trap trap) {
        return switch (trap) {
            case UNREACHABLE_CODE_REACHED -> "Trapped on unreachable instruction";
            case MEMORY_OUT_OF_BOUNDS -> "out of bounds memory access";
            case INTEGER_DIVISION_BY_ZERO -> "integer divide by zero";
            case INTEGER_OVERFLOW -> "integer overflow";
            case BAD_CONVERSION_TO_INTEGER -> "invalid conversion to integer";
            case TABLE_OUT_OF_BOUNDS -> "out of bounds table access";
            case INDIRECT_CALL_TO_NULL -> "uninitialized element";
            case BAD_SIGNATURE -> "indirect call type mismatch";
            case STACK_OVERFLOW -> "call stack exhausted";
            default -> trap.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        };
    }

    @Override
    public synchronized byte[] read(int address, int length) throws WasmFailure {
        ByteBuffer buffer = buffer();
        if (!fits(address, length, buffer)) {
            throw new WasmFailure(WasmFailure.Kind.ABI, "it returned " + length + " bytes at " + address
                    + ", outside its memory");
        }
        byte[] bytes = new byte[length];
        buffer.get(address, bytes);
        return bytes;
    }

    @Override
    public synchronized void write(int address, byte[] bytes) throws WasmFailure {
        ByteBuffer buffer = buffer();
        if (!fits(address, bytes.length, buffer)) {
            throw new WasmFailure(WasmFailure.Kind.ABI, "cv_alloc returned " + address + ", where "
                    + bytes.length + " bytes do not fit in its memory");
        }
        buffer.put(address, bytes);
    }

    private static boolean fits(int address, int length, ByteBuffer buffer) {
        return address >= 0 && length >= 0 && (long) address + length <= buffer.capacity();
    }

    /** The memory as it is now: a call may have grown it, which moves it. */
    private ByteBuffer buffer() throws WasmFailure {
        checkOpen();
        if (memory == null) {
            throw new WasmFailure(WasmFailure.Kind.ABI, "it does not export its memory as \"memory\"");
        }
        return memory.buffer(store);
    }

    @Override
    public synchronized boolean memoryAtLimit() {
        return !closed && memory != null && memory.size(store) >= sandbox.memoryPages();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the instance is closed");
        }
    }

    /** Frees the instance's native objects, once; waits for a call in progress (at most its deadline). */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            functions.values().forEach(Func::dispose);
            functions.clear();
            if (memory != null) {
                memory.dispose();
            }
            instance.dispose();
            store.dispose();
        }
        wasi.flush();
        engine.released();
    }
}
