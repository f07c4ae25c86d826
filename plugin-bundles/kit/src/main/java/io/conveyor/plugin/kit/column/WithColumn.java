package io.conveyor.plugin.kit.column;

import java.util.ArrayList;
import java.util.List;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.TransferPair;

/**
 * A batch, or a schema, with one column added or replaced: a column whose name is already there
 * takes that column's place, otherwise it goes last. For transforms that derive a column from
 * others ({@code output_column}).
 */
public final class WithColumn {

    private WithColumn() {
    }

    /** {@code schema} with {@code column} in place of the field of the same name, or appended. */
    public static Schema schema(Schema schema, Field column) {
        List<Field> fields = new ArrayList<>(schema.getFields());
        int at = indexOf(fields, column.getName());
        if (at < 0) {
            fields.add(column);
        } else {
            fields.set(at, column);
        }
        return new Schema(fields);
    }

    /**
     * A new batch with the columns of {@code batch} and {@code column}, placed as {@link #schema}
     * places it. Takes ownership of {@code column}, which must hold {@code batch}'s row count. The
     * other columns share {@code batch}'s memory ({@code splitAndTransfer} over all rows retains
     * the buffers instead of copying them, and leaves {@code batch} intact for its other readers);
     * the caller owns the result.
     */
    public static VectorSchemaRoot batch(VectorSchemaRoot batch, FieldVector column, BufferAllocator allocator) {
        int rows = batch.getRowCount();
        List<FieldVector> vectors = new ArrayList<>(batch.getFieldVectors().size() + 1);
        boolean placed = false;
        try {
            for (FieldVector vector : batch.getFieldVectors()) {
                if (vector.getName().equals(column.getName())) {
                    vectors.add(column);
                    placed = true;
                } else {
                    vectors.add(share(vector, rows, allocator));
                }
            }
            if (!placed) {
                vectors.add(column);
            }
        } catch (RuntimeException e) {
            vectors.forEach(FieldVector::close);
            if (!vectors.contains(column)) {
                column.close();
            }
            throw e;
        }
        VectorSchemaRoot result = new VectorSchemaRoot(vectors);
        result.setRowCount(rows);
        return result;
    }

    private static FieldVector share(FieldVector vector, int rows, BufferAllocator allocator) {
        if (rows == 0) {
            FieldVector empty = vector.getField().createVector(allocator);
            empty.allocateNew();
            empty.setValueCount(0);
            return empty;
        }
        TransferPair pair = vector.getTransferPair(allocator);
        pair.splitAndTransfer(0, rows);
        return (FieldVector) pair.getTo();
    }

    private static int indexOf(List<Field> fields, String name) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).getName().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
