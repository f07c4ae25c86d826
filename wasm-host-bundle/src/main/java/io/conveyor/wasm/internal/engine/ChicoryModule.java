package io.conveyor.wasm.internal.engine;

import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.MemoryLimits;

/** A parsed module; compiled to JVM bytecode once, on the first instantiation. */
final class ChicoryModule implements CompiledModule {

    private static final String WASI = "wasi_snapshot_preview1";

    private final WasmModule module;
    private final Deadlines deadlines;
    private volatile Function<Instance, Machine> machines;

    ChicoryModule(WasmModule module, Deadlines deadlines) {
        this.module = module;
        this.deadlines = deadlines;
    }

    @Override
    public List<String> importedFunctions() {
        return module.importSection().stream().filter(i -> i.importType() == ExternalType.FUNCTION)
                .map(i -> i.module() + "." + i.name()).toList();
    }

    @Override
    public List<String> exportedFunctions() {
        var exports = module.exportSection();
        return IntStream.range(0, exports.exportCount()).mapToObj(exports::getExport)
                .filter(e -> e.exportType() == ExternalType.FUNCTION).map(e -> e.name()).toList();
    }

    @Override
    public int declaredMaximumPages() {
        return module.memorySection().filter(m -> m.memoryCount() > 0)
                .map(m -> m.getMemory(0).limits())
                .map(limits -> limits.maximumPages() >= MemoryLimits.MAX_PAGES ? -1 : limits.maximumPages())
                .orElse(-1);
    }

    private int declaredInitialPages() {
        return module.memorySection().filter(m -> m.memoryCount() > 0)
                .map(m -> m.getMemory(0).limits().initialPages()).orElse(0);
    }

    @Override
    public WasmInstance instantiate(Sandbox sandbox) throws WasmFailure {
        for (String imported : importedFunctions()) {
            if (!imported.startsWith(WASI + ".")) {
                throw new WasmFailure(WasmFailure.Kind.ABI, "it imports " + imported
                        + ", which the host does not provide (only " + WASI + " functions are)");
            }
        }
        int initial = declaredInitialPages();
        if (initial > sandbox.memoryPages()) {
            throw new WasmFailure(WasmFailure.Kind.MEMORY, "its memory starts at " + ChicoryInstance.mib(initial)
                    + ", more than its limit of " + ChicoryInstance.mib(sandbox.memoryPages()));
        }
        int maximum = declaredMaximumPages() < 0 ? sandbox.memoryPages()
                : Math.min(declaredMaximumPages(), sandbox.memoryPages());
        ConfinedWasi wasi = new ConfinedWasi(sandbox);
        try {
            Instance instance = Instance.builder(module)
                    .withMemoryLimits(new MemoryLimits(initial, maximum))
                    .withMemoryFactory(ByteArrayMemory::new)
                    .withImportValues(ImportValues.builder().addFunction(wasi.functions()).build())
                    .withMachineFactory(machines())
                    .withInitialize(false)
                    .withStart(false)
                    .build();
            ChicoryInstance confined = new ChicoryInstance(instance, Set.copyOf(exportedFunctions()), wasi, sandbox, deadlines);
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
