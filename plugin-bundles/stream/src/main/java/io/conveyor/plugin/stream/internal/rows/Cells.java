package io.conveyor.plugin.stream.internal.rows;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.NullVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Copies cells between vectors of the same type, including the null type, which Arrow's own
 * {@code copyFromSafe} refuses (a null-typed column holds nothing to copy; its length is set
 * with the row count). The streaming sources give a column that has held only nulls so far that
 * type.
 */
public final class Cells {

    private Cells() {
    }

    /** Copies cell {@code fromIndex} of {@code from} to cell {@code toIndex} of {@code to}. */
    public static void copy(FieldVector from, int fromIndex, FieldVector to, int toIndex) {
        if (!(to instanceof NullVector)) {
            to.copyFromSafe(fromIndex, toIndex, from);
        }
    }

    /**
     * A new batch with rows {@code rows[0..count)} of {@code from}, in that order, allocated from
     * {@code allocator}; the caller owns it. {@code from} is only read.
     */
    public static VectorSchemaRoot copyRows(VectorSchemaRoot from, int[] rows, int count, BufferAllocator allocator) {
        VectorSchemaRoot to = VectorSchemaRoot.create(from.getSchema(), allocator);
        try {
            for (int c = 0; c < from.getFieldVectors().size(); c++) {
                FieldVector source = from.getVector(c);
                FieldVector target = to.getVector(c);
                target.setInitialCapacity(count);
                target.allocateNew();
                for (int r = 0; r < count; r++) {
                    copy(source, rows[r], target, r);
                }
            }
            to.setRowCount(count);
            return to;
        } catch (RuntimeException e) {
            to.close();
            throw e;
        }
    }
}
