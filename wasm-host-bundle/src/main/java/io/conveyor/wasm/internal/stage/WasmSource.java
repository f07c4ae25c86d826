package io.conveyor.wasm.internal.stage;

import io.conveyor.api.stage.Emitter;
import io.conveyor.api.stage.Source;
import io.conveyor.api.stage.SourceTask;
import io.conveyor.api.stage.StageConfig;
import io.conveyor.api.stage.StageContext;
import io.conveyor.api.stage.StageException;
import io.conveyor.api.stage.StageRole;

/** A module in the source role: each {@code produce} emits what one {@code cv_next} returns. */
public final class WasmSource extends WasmStage implements Source {

    public WasmSource(WasmPlugin plugin) {
        super(plugin, StageRole.SOURCE);
    }

    @Override
    public SourceTask open(StageConfig config, StageContext context) throws StageException {
        return new Task(plugin, context, config);
    }

    private static final class Task extends GuestTask implements SourceTask {
        Task(WasmPlugin plugin, StageContext context, StageConfig config) throws StageException {
            super(plugin, plugin.start(config), context);
        }

        @Override
        public boolean produce(Emitter out) throws StageException {
            byte[] batch = call(guest -> guest.next());
            if (batch.length == 0) {
                return false;
            }
            emit(batch, out);
            return true;
        }
    }
}
