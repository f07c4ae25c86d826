package io.conveyor.plugin.aggregate.internal.column;

import java.util.ArrayList;
import java.util.List;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/** Whole-batch versions of {@link Gather}: chosen rows of every column, or every row shared. */
public final class Batches {

    private Batches() {
    }

    /** A new batch with rows {@code rows[0..count)} of every column of {@code from}; {@code from} is only read. */
    public static VectorSchemaRoot gather(VectorSchemaRoot from, int[] rows, int count, BufferAllocator allocator) {
        List<FieldVector> vectors = new ArrayList<>();
        try {
            for (FieldVector vector : from.getFieldVectors()) {
                vectors.add(Gather.rows(vector, vector.getField(), rows, count, allocator));
            }
        } catch (RuntimeException e) {
            vectors.forEach(FieldVector::close);
            throw e;
        }
        return new VectorSchemaRoot(from.getSchema().getFields(), vectors, count);
    }

    /** A batch holding the same data as {@code from}, sharing its memory, that outlives it. */
    public static VectorSchemaRoot share(VectorSchemaRoot from, BufferAllocator allocator) {
        List<FieldVector> vectors = new ArrayList<>();
        try {
            for (FieldVector vector : from.getFieldVectors()) {
                vectors.add(Gather.share(vector, vector.getField(), from.getRowCount(), allocator));
            }
        } catch (RuntimeException e) {
            vectors.forEach(FieldVector::close);
            throw e;
        }
        return new VectorSchemaRoot(from.getSchema().getFields(), vectors, from.getRowCount());
    }

    /** A batch without rows with these columns: the schema of an empty result. */
    public static VectorSchemaRoot empty(Schema schema, BufferAllocator allocator) {
        VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
        root.setRowCount(0);
        return root;
    }
}
