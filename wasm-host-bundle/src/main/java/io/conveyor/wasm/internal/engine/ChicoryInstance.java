package io.conveyor.wasm.internal.engine;

import java.util.Set;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.ChicoryException;

/** One Chicory instance with its sandbox: every call runs under the deadline and maps failures. */
final class ChicoryInstance implements WasmInstance {

    private final Instance instance;
    private final ConfinedWasi wasi;
    private final Sandbox sandbox;
    private final Deadlines deadlines;
    private final Set<String> exported;

    ChicoryInstance(Instance instance, Set<String> exported, ConfinedWasi wasi, Sandbox sandbox, Deadlines deadlines) {
        this.instance = instance;
        this.exported = exported;
        this.wasi = wasi;
        this.sandbox = sandbox;
        this.deadlines = deadlines;
    }

    /** Runs the start function and {@code _initialize}, as a reactor expects, under the deadline. */
    void initialize() throws WasmFailure {
        try {
            Deadlines.Armed deadline = deadlines.arm(sandbox.callMillis());
            try {
                instance.initialize(true);
                if (exports("_initialize")) {
                    instance.export("_initialize").apply();
                }
            } catch (ChicoryInterruptedException e) {
                throw interrupted(deadline, "_initialize");
            } catch (ChicoryException | StackOverflowError e) {
                throw failure("_initialize", e);
            } finally {
                deadline.disarm();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WasmFailure(WasmFailure.Kind.TRAP, "instantiation was interrupted");
        }
    }

    @Override
    public boolean exports(String function) {
        return exported.contains(function);
    }

    @Override
    public long[] call(String function, long... args) throws WasmFailure, InterruptedException {
        ExportFunction export = instance.export(function);
        Deadlines.Armed deadline = deadlines.arm(sandbox.callMillis());
        try {
            return export.apply(args);
        } catch (ChicoryInterruptedException e) {
            throw interrupted(deadline, function);
        } catch (ChicoryException | StackOverflowError e) {
            throw failure(function, e);
        } finally {
            deadline.disarm();
        }
    }

    private InterruptedException interrupted(Deadlines.Armed deadline, String function) throws WasmFailure {
        if (deadline.disarm()) {
            throw Failures.deadline(function, sandbox);
        }
        return new InterruptedException(function + " was interrupted");
    }

    private WasmFailure failure(String function, Throwable e) {
        String reason = e instanceof StackOverflowError ? "call stack exhausted" : e.getMessage();
        return Failures.trapped(function, reason, memoryAtLimit(), sandbox, e);
    }

    @Override
    public byte[] read(int address, int length) throws WasmFailure {
        try {
            return instance.memory().readBytes(address, length);
        } catch (ChicoryException | IndexOutOfBoundsException e) {
            throw new WasmFailure(WasmFailure.Kind.ABI, "it returned " + length + " bytes at " + address
                    + ", outside its memory", e);
        }
    }

    @Override
    public void write(int address, byte[] bytes) throws WasmFailure {
        try {
            instance.memory().write(address, bytes);
        } catch (ChicoryException | IndexOutOfBoundsException e) {
            throw new WasmFailure(WasmFailure.Kind.ABI, "cv_alloc returned " + address + ", where "
                    + bytes.length + " bytes do not fit in its memory", e);
        }
    }

    @Override
    public boolean memoryAtLimit() {
        Memory memory = instance.memory();
        return memory != null && memory.pages() >= sandbox.memoryPages();
    }

    @Override
    public void close() {
        wasi.close();
    }
}
