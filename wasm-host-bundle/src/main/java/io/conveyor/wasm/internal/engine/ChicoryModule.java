package io.conveyor.wasm.internal.engine;

import java.util.Set;
import java.util.function.Function;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.MemoryLimits;

/** A parsed module; compiled to JVM bytecode once, on the first instantiation. */
final class ChicoryModule implements CompiledModule {

    private final ModuleShape shape;
    private final WasmModule module;
    private final Deadlines deadlines;
    private volatile Function<Instance, Machine> machines;

    ChicoryModule(ModuleShape shape, Deadlines deadlines) {
        this.shape = shape;
        this.module = shape.module();
        this.deadlines = deadlines;
    }

    @Override
    public ModuleShape shape() {
        return shape;
    }

    /** Confines memory itself: the instance's memory may grow to the smaller of its maximum and the sandbox's. */
    @Override
    public WasmInstance instantiate(Sandbox sandbox) throws WasmFailure {
        return instantiate(sandbox, machines());
    }

    /** Runs on Chicory's interpreter: compiling to bytecode takes longer than a few calls. */
    @Override
    public WasmInstance instantiateForFewCalls(Sandbox sandbox) throws WasmFailure {
        return instantiate(sandbox, null);
    }

    /** @param machines the compiled code, or {@code null} for the interpreter */
    private WasmInstance instantiate(Sandbox sandbox, Function<Instance, Machine> machines) throws WasmFailure {
        Failures.checkImports(shape.importedFunctions());
        Failures.checkInitialMemory(shape, sandbox);
        int initial = shape.initialPages();
        int declared = shape.declaredMaximumPages();
        int maximum = declared < 0 ? sandbox.memoryPages() : Math.min(declared, sandbox.memoryPages());
        ConfinedWasi wasi = new ConfinedWasi(sandbox);
        try {
            Instance.Builder builder = Instance.builder(module)
                    .withMemoryLimits(new MemoryLimits(initial, maximum))
                    .withMemoryFactory(ByteArrayMemory::new)
                    .withImportValues(ImportValues.builder().addFunction(wasi.functions()).build())
                    .withInitialize(false)
                    .withStart(false);
            if (machines != null) {
                builder.withMachineFactory(machines);
            }
            Instance instance = builder.build();
            ChicoryInstance confined = new ChicoryInstance(instance, Set.copyOf(shape.exportedFunctions()), wasi, sandbox, deadlines);
            confined.initialize();
            return confined;
        } catch (ChicoryException e) {
            wasi.close();
            throw new WasmFailure(WasmFailure.Kind.ABI, "it cannot be instantiated: " + e.getMessage(), e);
        } catch (WasmFailure | RuntimeException e) {
            wasi.close();
            throw e;
        }
    }

    private Function<Instance, Machine> machines() {
        Function<Instance, Machine> compiled = machines;
        if (compiled == null) {
            synchronized (this) {
                compiled = machines;
                if (compiled == null) {
                    compiled = MachineFactoryCompiler.compile(module);
                    machines = compiled;
                }
            }
        }
        return compiled;
    }
}
