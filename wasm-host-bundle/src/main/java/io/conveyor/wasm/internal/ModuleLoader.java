package io.conveyor.wasm.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.conveyor.api.stage.StageRole;
import io.conveyor.wasm.internal.abi.Description;
import io.conveyor.wasm.internal.abi.Guest;
import io.conveyor.wasm.internal.engine.CompiledModule;
import io.conveyor.wasm.internal.engine.Engines;
import io.conveyor.wasm.internal.engine.Sandbox;
import io.conveyor.wasm.internal.engine.WasmFailure;
import io.conveyor.wasm.internal.engine.WasmFailure.Kind;
import io.conveyor.wasm.internal.stage.Limits;
import io.conveyor.wasm.internal.stage.WasmPlugin;

/**
 * Reads a module file and checks it keeps to the ABI: the exports every module has, the ABI
 * version, a valid self-description, and the exports each declared role needs. The description
 * is read from an instance with no grants and the server's limits, on the server's engine, which
 * is then discarded.
 */
final class ModuleLoader {

    private final Engines engines;

    ModuleLoader(Engines engines) {
        this.engines = engines;
    }

    WasmPlugin load(Path file, Limits limits) throws IOException, WasmFailure {
        String name = file.getFileName().toString();
        byte[] bytes = Files.readAllBytes(file);
        CompiledModule module = engines.get(limits.engine()).compile(name, bytes);
        try {
            return new WasmPlugin(name, check(module, limits), bytes, module, engines, limits);
        } catch (WasmFailure | RuntimeException e) {
            module.close();
            throw e;
        }
    }

    private static Description check(CompiledModule module, Limits limits) throws WasmFailure {
        List<String> exports = module.shape().exportedFunctions();
        List<String> missing = new ArrayList<>(Description.COMMON_EXPORTS);
        missing.removeAll(exports);
        if (!missing.isEmpty()) {
            throw new WasmFailure(Kind.ABI, "it does not export " + String.join(", ", missing)
                    + " (docs/wasm-abi.md lists what a plugin module exports)");
        }
        Description description = describe(module, limits);
        for (StageRole role : description.roles()) {
            for (String needed : Description.exportsOf(role)) {
                if (!exports.contains(needed)) {
                    throw new WasmFailure(Kind.ABI, "it declares the role " + role.id() + " but does not export "
                            + needed);
                }
            }
        }
        return description;
    }

    private static Description describe(CompiledModule module, Limits limits) throws WasmFailure {
        Sandbox sandbox = new Sandbox((int) (limits.memoryMb() * (1 << 20) / Sandbox.PAGE_BYTES), limits.callTimeoutMs(),
                limits.outputMb() << 20, List.of(), false, Map.of(), line -> { }, line -> { });
        try (Guest guest = new Guest(module.instantiateForFewCalls(sandbox), sandbox.outputBytes())) {
            int abi = guest.abiVersion();
            if (abi != Guest.ABI_VERSION) {
                throw new WasmFailure(Kind.ABI, "it implements ABI version " + abi + ", and this host supports version "
                        + Guest.ABI_VERSION);
            }
            return Description.parse(guest.describe());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WasmFailure(Kind.ABI, "loading was interrupted");
        }
    }
}
