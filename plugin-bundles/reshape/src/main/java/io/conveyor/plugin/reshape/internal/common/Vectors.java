package io.conveyor.plugin.reshape.internal.common;

import java.util.ArrayList;
import java.util.List;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.TransferPair;

/**
 * Shares vectors of a batch the engine owns without copying their data.
 *
 * <p>The engine's batches may be shared with other stages, so their buffers cannot be moved out
 * ({@code TransferPair.transfer} would empty them for every other consumer).
 * {@code splitAndTransfer} instead gives the new vector a reference to the same memory: data and
 * validity slices starting on a byte boundary are retained, not copied (a variable-width column's
 * offsets are rebuilt). The memory is then accounted to the receiving allocator once the engine
 * releases its own reference.
 */
public final class Vectors {

    private Vectors() {
    }

    /** Rows {@code [from, from + count)} of {@code vector} as a new vector, which the caller owns. */
    public static FieldVector slice(FieldVector vector, int from, int count, BufferAllocator allocator) {
        return slice(vector, vector.getField(), from, count, allocator);
    }

    /** The same, under another field (a new name); {@code field} must have the vector's type. */
    public static FieldVector slice(FieldVector vector, Field field, int from, int count, BufferAllocator allocator) {
        if (count == 0) {
            FieldVector empty = field.createVector(allocator);
            empty.allocateNew();
            empty.setValueCount(0);
            return empty;
        }
        TransferPair pair = vector.getTransferPair(field, allocator);
        pair.splitAndTransfer(from, count);
        return (FieldVector) pair.getTo();
    }

    /** Rows {@code [from, from + count)} of every column of {@code batch}, as a new batch the caller owns. */
    public static VectorSchemaRoot slice(VectorSchemaRoot batch, int from, int count, BufferAllocator allocator) {
        List<FieldVector> vectors = new ArrayList<>(batch.getFieldVectors().size());
        try {
            for (FieldVector vector : batch.getFieldVectors()) {
                vectors.add(slice(vector, from, count, allocator));
            }
        } catch (RuntimeException e) {
            vectors.forEach(FieldVector::close);
            throw e;
        }
        return root(vectors, count);
    }

    /** A batch of {@code vectors} with {@code rows} rows; closes the vectors if that fails. */
    public static VectorSchemaRoot root(List<FieldVector> vectors, int rows) {
        try {
            VectorSchemaRoot root = new VectorSchemaRoot(vectors);
            root.setRowCount(rows);
            return root;
        } catch (RuntimeException e) {
            vectors.forEach(FieldVector::close);
            throw e;
        }
    }

    /** A batch without rows: the schema of an empty result. */
    public static VectorSchemaRoot empty(Schema schema, BufferAllocator allocator) {
        VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
        root.setRowCount(0);
        return root;
    }

    /** A column of {@code rows} nulls of the field's type. */
    public static FieldVector nulls(Field field, int rows, BufferAllocator allocator) {
        FieldVector vector = field.createVector(allocator);
        try {
            vector.setInitialCapacity(rows);
            vector.allocateNew();
            for (int r = 0; r < rows; r++) {
                vector.setNull(r);
            }
            vector.setValueCount(rows);
            return vector;
        } catch (RuntimeException e) {
            vector.close();
            throw e;
        }
    }
}
