package io.conveyor.wasm.internal.engine;

import java.util.List;

/** The words every engine uses for the same failure, so that a module fails alike on each. */
final class Failures {

    static final String WASI = "wasi_snapshot_preview1";

    static WasmFailure deadline(String function, Sandbox sandbox) {
        return new WasmFailure(WasmFailure.Kind.DEADLINE, function + " ran past its deadline of "
                + sandbox.callMillis() + " ms (wasm_timeout_ms)");
    }

    /** A trap; blamed on the memory limit when the memory has grown to it. */
    static WasmFailure trapped(String function, String reason, boolean memoryAtLimit, Sandbox sandbox, Throwable cause) {
        if (memoryAtLimit) {
            return new WasmFailure(WasmFailure.Kind.MEMORY, function + " trapped at its memory limit of "
                    + mib(sandbox.memoryPages()) + " (wasm_memory_mb): " + reason, cause);
        }
        return new WasmFailure(WasmFailure.Kind.TRAP, function + " trapped: " + reason, cause);
    }

    /** Refuses a module that imports a function the host does not provide; the host provides WASI only. */
    static void checkImports(List<String> importedFunctions) throws WasmFailure {
        for (String imported : importedFunctions) {
            if (!imported.startsWith(WASI + ".")) {
                throw new WasmFailure(WasmFailure.Kind.ABI, "it imports " + imported
                        + ", which the host does not provide (only " + WASI + " functions are)");
            }
        }
    }

    static void checkInitialMemory(ModuleShape shape, Sandbox sandbox) throws WasmFailure {
        if (shape.initialPages() > sandbox.memoryPages()) {
            throw new WasmFailure(WasmFailure.Kind.MEMORY, "its memory starts at " + mib(shape.initialPages())
                    + ", more than its limit of " + mib(sandbox.memoryPages()));
        }
    }

    static String mib(long pages) {
        long bytes = pages * Sandbox.PAGE_BYTES;
        return bytes % (1 << 20) == 0 ? bytes / (1 << 20) + " MiB" : bytes / 1024 + " KiB";
    }

    private Failures() {
    }
}
