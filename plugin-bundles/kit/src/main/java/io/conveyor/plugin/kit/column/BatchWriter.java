package io.conveyor.plugin.kit.column;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Fills one batch of typed columns row by row. Cells not set in a row are null.
 *
 * <p>Ownership: the batch belongs to this writer until {@link #finish()} hands it over; closing
 * an unfinished writer releases it, so a reader failing mid-batch leaks nothing.
 */
public final class BatchWriter implements AutoCloseable {

    private final VectorSchemaRoot root;
    private final FieldVector[] vectors;
    private int row;
    private boolean finished;

    public BatchWriter(List<String> names, List<ColumnType> types, BufferAllocator allocator, int capacity) {
        Field[] fields = new Field[names.size()];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = types.get(i).field(names.get(i));
        }
        this.root = VectorSchemaRoot.create(new Schema(List.of(fields)), allocator);
        this.vectors = root.getFieldVectors().toArray(new FieldVector[0]);
        try {
            for (FieldVector vector : vectors) {
                vector.setInitialCapacity(capacity);
                vector.allocateNew();
            }
        } catch (RuntimeException e) {
            root.close();
            throw e;
        }
    }

    /** The index of the row being filled, which is also the number of rows completed. */
    public int row() {
        return row;
    }

    public void setLong(int column, long value) {
        ((BigIntVector) vectors[column]).setSafe(row, value);
    }

    public void setDouble(int column, double value) {
        ((Float8Vector) vectors[column]).setSafe(row, value);
    }

    public void setBoolean(int column, boolean value) {
        ((BitVector) vectors[column]).setSafe(row, value ? 1 : 0);
    }

    public void setString(int column, String value) {
        ((VarCharVector) vectors[column]).setSafe(row, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Completes the current row and starts the next. */
    public void endRow() {
        row++;
    }

    /** Hands over the batch holding every completed row; the caller owns it from now on. */
    public VectorSchemaRoot finish() {
        root.setRowCount(row);
        finished = true;
        return root;
    }

    @Override
    public void close() {
        if (!finished) {
            root.close();
        }
    }
}
