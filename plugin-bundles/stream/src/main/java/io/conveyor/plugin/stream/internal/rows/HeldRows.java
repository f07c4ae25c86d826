package io.conveyor.plugin.stream.internal.rows;

import java.util.List;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Rows a stateful streaming stage keeps across batches (the rows of open windows, a chunk being
 * filled), in arrival order, copied into buffers of the stage's allocator. The rows are kept in
 * the union of the schemas of the batches they came from ({@link Schemas#union}), so a stream
 * whose later batches gain columns or wider types keeps working; rows held before such a change
 * are converted to the wider schema.
 *
 * <p>Ownership: owns its buffers until {@link #close()}; batches passed in are only read.
 * Not thread-safe.
 */
public final class HeldRows implements AutoCloseable {

    private final BufferAllocator allocator;
    private VectorSchemaRoot rows;
    private int count;

    public HeldRows(BufferAllocator allocator) {
        this.allocator = allocator;
    }

    /** The schema rows are held in, or {@code null} before the first append. */
    public Schema schema() {
        return rows == null ? null : rows.getSchema();
    }

    public int size() {
        return count;
    }

    /** Copies rows {@code [from, from + n)} of {@code batch} to the end. */
    public void append(VectorSchemaRoot batch, int from, int n) {
        if (rows == null) {
            rows = VectorSchemaRoot.create(batch.getSchema(), allocator);
            rows.allocateNew();
        }
        if (Schemas.matches(batch, rows.getSchema())) {
            copyIn(batch, from, n);
            return;
        }
        Schema union = Schemas.union(rows.getSchema(), batch.getSchema());
        if (!Schemas.matches(rows, union)) {
            VectorSchemaRoot widened = Schemas.conform(rows, union, allocator);
            rows.close();
            rows = widened;
        }
        try (VectorSchemaRoot conformed = Schemas.conform(batch, union, allocator)) {
            copyIn(conformed, from, n);
        }
    }

    private void copyIn(VectorSchemaRoot batch, int from, int n) {
        List<FieldVector> targets = rows.getFieldVectors();
        for (int c = 0; c < targets.size(); c++) {
            FieldVector source = batch.getVector(c);
            FieldVector target = targets.get(c);
            for (int r = 0; r < n; r++) {
                Cells.copy(source, from + r, target, count + r);
            }
        }
        count += n;
        rows.setRowCount(count);
    }

    /** A new batch of the held rows at {@code indices[0..n)}, in that order; the caller owns it. */
    public VectorSchemaRoot copy(int[] indices, int n) {
        return Cells.copyRows(rows, indices, n, allocator);
    }

    /** The held rows, for reading; valid until the next call that changes them. */
    public VectorSchemaRoot view() {
        return rows;
    }

    /** Keeps only the held rows at {@code indices[0..n)}, in that order. */
    public void keep(int[] indices, int n) {
        if (n == 0) {
            close();
            return;
        }
        VectorSchemaRoot kept = Cells.copyRows(rows, indices, n, allocator);
        rows.close();
        rows = kept;
        count = n;
    }

    @Override
    public void close() {
        if (rows != null) {
            rows.close();
            rows = null;
        }
        count = 0;
    }
}
