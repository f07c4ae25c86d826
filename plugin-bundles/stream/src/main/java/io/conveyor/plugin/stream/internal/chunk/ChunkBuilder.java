package io.conveyor.plugin.stream.internal.chunk;

import java.util.List;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

import io.conveyor.plugin.stream.internal.rows.Cells;

/**
 * Builds chunk.apply's output: one list column whose every cell holds a run of consecutive input
 * rows as structs with the input's columns.
 */
final class ChunkBuilder {

    /** The name of the list's element field, as Arrow and Parquet writers name it. */
    static final String ITEM = "item";

    /** Rows {@code [from, from + count)} of a batch. */
    record Segment(VectorSchemaRoot rows, int from, int count) {
    }

    private ChunkBuilder() {
    }

    /** The output field: a list of structs of the row schema's fields. */
    static Field field(String column, Schema rowSchema) {
        Field item = new Field(ITEM, FieldType.nullable(ArrowType.Struct.INSTANCE), rowSchema.getFields());
        return new Field(column, FieldType.nullable(ArrowType.List.INSTANCE), List.of(item));
    }

    /** A batch without rows with the output column: the schema of an empty result. */
    static VectorSchemaRoot empty(String column, Schema rowSchema, BufferAllocator allocator) {
        VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(List.of(field(column, rowSchema))), allocator);
        root.setRowCount(0);
        return root;
    }

    /**
     * One output row per {@code chunkSize} rows of the segments taken in order (the last chunk
     * holds the rest). Every segment has the columns of {@code rowSchema}, in its order.
     */
    static VectorSchemaRoot chunks(String column, Schema rowSchema, List<Segment> segments, int chunkSize,
            BufferAllocator allocator) {
        int total = segments.stream().mapToInt(Segment::count).sum();
        int chunkCount = (total + chunkSize - 1) / chunkSize;
        ListVector list = (ListVector) field(column, rowSchema).createVector(allocator);
        try {
            list.setInitialCapacity(chunkCount);
            list.allocateNew();
            StructVector items = (StructVector) list.getDataVector();
            fillItems(items, segments);
            for (int chunk = 0; chunk < chunkCount; chunk++) {
                list.startNewValue(chunk);
                list.endValue(chunk, Math.min(chunkSize, total - chunk * chunkSize));
            }
            items.setValueCount(total);
            list.setValueCount(chunkCount);
        } catch (RuntimeException e) {
            list.close();
            throw e;
        }
        VectorSchemaRoot root = new VectorSchemaRoot(List.of((FieldVector) list));
        root.setRowCount(chunkCount);
        return root;
    }

    private static void fillItems(StructVector items, List<Segment> segments) {
        List<FieldVector> targets = items.getChildrenFromFields();
        int to = 0;
        for (Segment segment : segments) {
            for (int c = 0; c < targets.size(); c++) {
                FieldVector source = segment.rows().getVector(c);
                FieldVector target = targets.get(c);
                for (int r = 0; r < segment.count(); r++) {
                    Cells.copy(source, segment.from() + r, target, to + r);
                }
            }
            for (int r = 0; r < segment.count(); r++) {
                items.setIndexDefined(to + r);
            }
            to += segment.count();
        }
    }
}
