package io.conveyor.wasm.internal.stage;

import java.util.List;

import org.apache.arrow.vector.VectorSchemaRoot;

import io.conveyor.api.stage.Emitter;
import io.conveyor.api.stage.StageContext;
import io.conveyor.api.stage.StageException;
import io.conveyor.wasm.internal.abi.Guest;
import io.conveyor.wasm.internal.engine.WasmFailure;

/**
 * What the tasks of every role share: one instance for the task's whole run (so a module may
 * keep state across batches), calls mapped to stage errors, outputs decoded and emitted.
 */
abstract class GuestTask implements AutoCloseable {

    /** A call into the module. */
    interface Call<T> {
        T run(Guest guest) throws WasmFailure, InterruptedException;
    }

    private final WasmPlugin plugin;
    private final Guest guest;
    private final StageContext context;

    GuestTask(WasmPlugin plugin, Guest guest, StageContext context) {
        this.plugin = plugin;
        this.guest = guest;
        this.context = context;
    }

    final <T> T call(Call<T> call) throws StageException {
        try {
            return call.run(guest);
        } catch (WasmFailure e) {
            throw plugin.failure(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StageException.cancelled();
        }
    }

    final byte[] encode(VectorSchemaRoot batch) throws StageException {
        return plugin.codec().encode(batch);
    }

    /** Decodes an output and emits its batches; an empty output emits nothing. */
    final void emit(byte[] output, Emitter out) throws StageException {
        List<VectorSchemaRoot> batches;
        try {
            batches = plugin.codec().decode(output, context.allocator());
        } catch (StageException e) {
            throw new StageException(e.code(), null, "wasm module " + plugin.file() + ": " + e.getMessage(), e);
        }
        for (int i = 0; i < batches.size(); i++) {
            try {
                out.emit(batches.get(i));
            } catch (StageException | RuntimeException e) {
                batches.subList(i + 1, batches.size()).forEach(VectorSchemaRoot::close);
                throw e;
            }
        }
    }

    @Override
    public final void close() {
        guest.close();
    }
}
