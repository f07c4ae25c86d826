package io.conveyor.plugin.stream.internal.chunk;

import java.util.ArrayList;
import java.util.List;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

import io.conveyor.api.stage.Emitter;
import io.conveyor.api.stage.StageException;
import io.conveyor.api.stage.TransformTask;
import io.conveyor.plugin.stream.internal.chunk.ChunkBuilder.Segment;
import io.conveyor.plugin.stream.internal.rows.HeldRows;
import io.conveyor.plugin.stream.internal.rows.Schemas;

/**
 * One run of chunk.apply. Full chunks are built straight from the batch; only the rows of the
 * chunk still being filled are copied aside until the next batch completes it. Not thread-safe.
 */
final class ChunkTask implements TransformTask {

    private final String column;
    private final int chunkSize;
    private final BufferAllocator allocator;
    private final HeldRows pending;
    private boolean emitted;

    ChunkTask(String column, int chunkSize, BufferAllocator allocator) {
        this.column = column;
        this.chunkSize = chunkSize;
        this.allocator = allocator;
        this.pending = new HeldRows(allocator);
    }

    @Override
    public void process(String input, VectorSchemaRoot batch, Emitter out) throws StageException {
        int rows = batch.getRowCount();
        if (rows == 0) {
            if (!emitted) {
                emit(ChunkBuilder.empty(column, batch.getSchema(), allocator), out);
            }
            return;
        }
        int from = 0;
        List<Segment> segments = new ArrayList<>();
        if (pending.size() > 0) {
            from = Math.min(chunkSize - pending.size(), rows);
            pending.append(batch, 0, from);
            if (pending.size() < chunkSize) {
                return;
            }
            if (!Schemas.matches(batch, pending.schema())) {
                emitPending(out);
            } else {
                segments.add(new Segment(pending.view(), 0, pending.size()));
            }
        }
        int whole = (rows - from) / chunkSize * chunkSize;
        if (whole > 0) {
            segments.add(new Segment(batch, from, whole));
        }
        if (!segments.isEmpty()) {
            emit(ChunkBuilder.chunks(column, batch.getSchema(), segments, chunkSize, allocator), out);
        }
        pending.close();
        if (from + whole < rows) {
            pending.append(batch, from + whole, rows - from - whole);
        }
    }

    @Override
    public void finish(Emitter out) throws StageException {
        if (pending.size() > 0) {
            emitPending(out);
        }
    }

    private void emitPending(Emitter out) throws StageException {
        VectorSchemaRoot chunk = ChunkBuilder.chunks(column, pending.schema(),
                List.of(new Segment(pending.view(), 0, pending.size())), chunkSize, allocator);
        pending.close();
        emit(chunk, out);
    }

    private void emit(VectorSchemaRoot batch, Emitter out) throws StageException {
        emitted = true;
        out.emit(batch);
    }

    @Override
    public void close() {
        pending.close();
    }
}
