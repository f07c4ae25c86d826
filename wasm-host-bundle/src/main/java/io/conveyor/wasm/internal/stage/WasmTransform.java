package io.conveyor.wasm.internal.stage;

import java.util.List;

import org.apache.arrow.vector.VectorSchemaRoot;

import io.conveyor.api.stage.Emitter;
import io.conveyor.api.stage.StageConfig;
import io.conveyor.api.stage.StageContext;
import io.conveyor.api.stage.StageException;
import io.conveyor.api.stage.StageRole;
import io.conveyor.api.stage.Transform;
import io.conveyor.api.stage.TransformTask;

/**
 * A module in the transform role: one {@code cv_transform} call per batch of any input, and
 * {@code cv_finish} once every input has ended.
 */
public final class WasmTransform extends WasmStage implements Transform {

    public WasmTransform(WasmPlugin plugin) {
        super(plugin, StageRole.TRANSFORM);
    }

    @Override
    public TransformTask open(StageConfig config, StageContext context, List<String> inputs) throws StageException {
        return new Task(plugin, context, config);
    }

    private static final class Task extends GuestTask implements TransformTask {
        Task(WasmPlugin plugin, StageContext context, StageConfig config) throws StageException {
            super(plugin, plugin.start(config), context);
        }

        @Override
        public void process(String input, VectorSchemaRoot batch, Emitter out) throws StageException {
            byte[] encoded = encode(batch);
            emit(call(guest -> guest.transform(encoded)), out);
        }

        @Override
        public void finish(Emitter out) throws StageException {
            emit(call(guest -> guest.finish()), out);
        }
    }
}
