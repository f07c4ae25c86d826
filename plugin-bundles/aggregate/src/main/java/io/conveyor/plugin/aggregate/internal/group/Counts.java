package io.conveyor.plugin.aggregate.internal.group;

import java.util.Arrays;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;

/** count: of rows, or of the non-null values of a column; 0 for a group with none. */
final class Counts extends Accumulator {

    private final boolean rows;
    private long[] counts = new long[0];

    Counts(boolean rows) {
        this.rows = rows;
    }

    @Override
    void resize(int groups) {
        if (counts.length < groups) {
            counts = Arrays.copyOf(counts, grown(counts.length, groups));
        }
    }

    @Override
    void add(BatchColumn column, int[] groupIds, int rowCount) {
        int[] ids = rows ? groupIds : column.ids();
        long[] counts = this.counts;
        for (int r = 0; r < rowCount; r++) {
            int g = ids[r];
            if (g >= 0) {
                counts[g]++;
            }
        }
    }

    @Override
    FieldVector result(Field field, int groups, BufferAllocator allocator) {
        return Results.longs(field, counts, null, groups, allocator);
    }
}
