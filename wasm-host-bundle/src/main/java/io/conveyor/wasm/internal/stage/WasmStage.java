package io.conveyor.wasm.internal.stage;

import io.conveyor.api.stage.Stage;
import io.conveyor.api.stage.StageDescriptor;
import io.conveyor.api.stage.StageRole;

/** What the stage services of every role share: the module, and its descriptor for that role. */
abstract class WasmStage implements Stage {

    final WasmPlugin plugin;
    private final StageDescriptor descriptor;

    WasmStage(WasmPlugin plugin, StageRole role) {
        this.plugin = plugin;
        this.descriptor = plugin.descriptor(role);
    }

    @Override
    public final StageDescriptor descriptor() {
        return descriptor;
    }
}
