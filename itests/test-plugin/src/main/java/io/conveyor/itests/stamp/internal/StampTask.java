package io.conveyor.itests.stamp.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

import io.conveyor.api.stage.Emitter;
import io.conveyor.api.stage.StageException;
import io.conveyor.api.stage.TransformTask;

/**
 * One run of {@code stamp.apply}. Input batches are shared with other stages and must not be
 * changed, so every output batch is a copy of the input's columns plus the stamp column, all
 * allocated from the stage's allocator; ownership of the output passes to the engine on emit.
 */
final class StampTask implements TransformTask {

    private final BufferAllocator allocator;
    private final byte[] stamp;

    StampTask(BufferAllocator allocator, String stamp) {
        this.allocator = allocator;
        this.stamp = stamp.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void process(String input, VectorSchemaRoot batch, Emitter out) throws StageException {
        int rows = batch.getRowCount();
        List<FieldVector> columns = new ArrayList<>();
        try {
            for (FieldVector source : batch.getFieldVectors()) {
                FieldVector copy = source.getField().createVector(allocator);
                columns.add(copy);
                copy.allocateNew();
                for (int row = 0; row < rows; row++) {
                    copy.copyFromSafe(row, row, source);
                }
                copy.setValueCount(rows);
            }
            VarCharVector stamps = new VarCharVector(StampTransform.COLUMN, allocator);
            columns.add(stamps);
            stamps.allocateNew(rows);
            for (int row = 0; row < rows; row++) {
                stamps.setSafe(row, stamp);
            }
            stamps.setValueCount(rows);
        } catch (RuntimeException e) {
            columns.forEach(FieldVector::close);
            throw e;
        }
        VectorSchemaRoot result = new VectorSchemaRoot(columns);
        result.setRowCount(rows);
        out.emit(result);
    }
}
