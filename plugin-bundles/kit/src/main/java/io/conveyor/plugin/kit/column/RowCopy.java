package io.conveyor.plugin.kit.column;

import java.util.stream.Collectors;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Copies chosen rows of a batch into a new batch, for any column types. */
public final class RowCopy {

    private RowCopy() {
    }

    /**
     * A new batch with rows {@code rows[0..count)} of {@code from}, in that order, allocated from
     * {@code allocator}; the caller owns it. {@code from} is only read.
     */
    public static VectorSchemaRoot copy(VectorSchemaRoot from, int[] rows, int count, BufferAllocator allocator) {
        VectorSchemaRoot to = VectorSchemaRoot.create(from.getSchema(), allocator);
        try {
            for (int c = 0; c < from.getFieldVectors().size(); c++) {
                FieldVector source = from.getVector(c);
                FieldVector target = to.getVector(c);
                target.setInitialCapacity(count);
                target.allocateNew();
                for (int r = 0; r < count; r++) {
                    target.copyFromSafe(rows[r], r, source);
                }
            }
            to.setRowCount(count);
            return to;
        } catch (RuntimeException e) {
            to.close();
            throw e;
        }
    }

    /** The column names of a batch, for messages: {@code id, name, price}. */
    public static String columnNames(VectorSchemaRoot batch) {
        return batch.getSchema().getFields().stream().map(f -> f.getName()).collect(Collectors.joining(", "));
    }
}
