package io.conveyor.engine.internal.nested;

import java.util.ArrayList;
import java.util.List;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.util.TransferPair;

/**
 * Moves a batch across the border between a pipeline and the sub-pipeline it runs, without
 * copying its data.
 */
final class BatchShare {

    private BatchShare() {
    }

    /**
     * A new batch owned by the caller, allocated from {@code allocator}, holding the same rows as
     * {@code batch}, which is left intact (it may belong to the engine and be shared with other
     * stages). {@code splitAndTransfer} over all rows gives the new vectors a reference to the
     * same memory: fixed-width data and validity are retained, not copied; only a variable-width
     * column's offsets are rebuilt. The memory is then accounted to {@code allocator} once the
     * other holders release it, so it counts against the limits of the side that holds it.
     */
    static VectorSchemaRoot share(VectorSchemaRoot batch, BufferAllocator allocator) {
        int rows = batch.getRowCount();
        if (rows == 0) {
            VectorSchemaRoot empty = VectorSchemaRoot.create(batch.getSchema(), allocator);
            empty.setRowCount(0);
            return empty;
        }
        List<FieldVector> shared = new ArrayList<>(batch.getFieldVectors().size());
        try {
            for (FieldVector vector : batch.getFieldVectors()) {
                TransferPair pair = vector.getTransferPair(allocator);
                pair.splitAndTransfer(0, rows);
                shared.add((FieldVector) pair.getTo());
            }
        } catch (RuntimeException e) {
            shared.forEach(FieldVector::close);
            throw e;
        }
        return new VectorSchemaRoot(batch.getSchema(), shared, rows);
    }
}
