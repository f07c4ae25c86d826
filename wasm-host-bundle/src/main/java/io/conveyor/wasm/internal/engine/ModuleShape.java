package io.conveyor.wasm.internal.engine;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.ValType;

/**
 * What a module declares, read with Chicory's parser whichever engine runs it, so that every
 * engine refuses the same files with the same words and sees the same imports, exports and
 * memory limits.
 */
public final class ModuleShape {

    private static final byte[] MAGIC = {0, 'a', 's', 'm'};

    private final WasmModule module;
    private final Map<String, FunctionType> exports = new LinkedHashMap<>();

    private ModuleShape(WasmModule module) {
        this.module = module;
        int importedFunctions = module.importSection().count(ExternalType.FUNCTION);
        List<FunctionImport> functionImports = module.importSection().stream()
                .filter(i -> i.importType() == ExternalType.FUNCTION).map(FunctionImport.class::cast).toList();
        var section = module.exportSection();
        for (int i = 0; i < section.exportCount(); i++) {
            Export export = section.getExport(i);
            if (export.exportType() == ExternalType.FUNCTION) {
                int index = export.index();
                int typeIndex = index < importedFunctions ? functionImports.get(index).typeIndex()
                        : module.functionSection().getFunctionType(index - importedFunctions);
                exports.put(export.name(), module.typeSection().getType(typeIndex));
            }
        }
    }

    /**
     * Parses and validates {@code bytes}.
     *
     * @throws WasmFailure {@link WasmFailure.Kind#NOT_WASM} when they are not a valid module
     */
    public static ModuleShape parse(byte[] bytes) throws WasmFailure {
        if (bytes.length < MAGIC.length || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new WasmFailure(WasmFailure.Kind.NOT_WASM,
                    "not a WebAssembly module: it does not start with the bytes \\0asm");
        }
        try {
            return new ModuleShape(Parser.parse(bytes));
        } catch (ChicoryException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new WasmFailure(WasmFailure.Kind.NOT_WASM, "not a valid WebAssembly module: " + e.getMessage(), e);
        }
    }

    WasmModule module() {
        return module;
    }

    /** The functions the module imports, as {@code module.name}. */
    public List<String> importedFunctions() {
        return module.importSection().stream().filter(i -> i.importType() == ExternalType.FUNCTION)
                .map(i -> i.module() + "." + i.name()).toList();
    }

    /** Every import that is not a function (a memory, table or global), as {@code module.name}. */
    List<String> importedOthers() {
        return module.importSection().stream().filter(i -> i.importType() != ExternalType.FUNCTION)
                .map(i -> i.module() + "." + i.name()).toList();
    }

    public List<String> exportedFunctions() {
        return List.copyOf(exports.keySet());
    }

    /** The parameter types of an exported function; whether each is an {@code i64}. */
    boolean[] wideParameters(String function) {
        List<ValType> params = exports.get(function).params();
        boolean[] wide = new boolean[params.size()];
        for (int i = 0; i < wide.length; i++) {
            wide[i] = ValType.I64.equals(params.get(i));
        }
        return wide;
    }

    boolean hasMemory() {
        return module.memorySection().map(m -> m.memoryCount() > 0).orElse(false);
    }

    int initialPages() {
        return hasMemory() ? module.memorySection().get().getMemory(0).limits().initialPages() : 0;
    }

    /** The most 64 KiB pages the memory declares, or -1 when it declares no maximum. */
    int declaredMaximumPages() {
        if (!hasMemory()) {
            return -1;
        }
        int maximum = module.memorySection().get().getMemory(0).limits().maximumPages();
        return maximum >= MemoryLimits.MAX_PAGES ? -1 : maximum;
    }
}
