package io.conveyor.wasm.internal.stage;

import java.util.List;

import org.apache.arrow.vector.VectorSchemaRoot;

import io.conveyor.api.stage.Sink;
import io.conveyor.api.stage.SinkTask;
import io.conveyor.api.stage.StageConfig;
import io.conveyor.api.stage.StageContext;
import io.conveyor.api.stage.StageException;
import io.conveyor.api.stage.StageRole;

/** A module in the sink role: one {@code cv_write} per batch, {@code cv_commit} when the run succeeds. */
public final class WasmSink extends WasmStage implements Sink {

    public WasmSink(WasmPlugin plugin) {
        super(plugin, StageRole.SINK);
    }

    @Override
    public SinkTask open(StageConfig config, StageContext context, List<String> inputs) throws StageException {
        return new Task(plugin, context, config);
    }

    private static final class Task extends GuestTask implements SinkTask {
        Task(WasmPlugin plugin, StageContext context, StageConfig config) throws StageException {
            super(plugin, plugin.start(config), context);
        }

        @Override
        public void write(String input, VectorSchemaRoot batch) throws StageException {
            byte[] encoded = encode(batch);
            call(guest -> {
                guest.write(encoded);
                return null;
            });
        }

        @Override
        public void commit() throws StageException {
            call(guest -> {
                guest.commit();
                return null;
            });
        }
    }
}
