package io.conveyor.plugin.aggregate.internal.group;

import java.util.Arrays;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;

import io.conveyor.api.stage.StageException;

/** sum of an integer column, exactly, as int64; overflow is an error, not a wrapped result. */
final class LongSums extends Accumulator {

    private final String column;
    private long[] sums = new long[0];
    private long[] counts = new long[0];

    LongSums(String column) {
        this.column = column;
    }

    @Override
    void resize(int groups) {
        if (sums.length < groups) {
            int length = grown(sums.length, groups);
            sums = Arrays.copyOf(sums, length);
            counts = Arrays.copyOf(counts, length);
        }
    }

    @Override
    void add(BatchColumn column, int[] groupIds, int rows) throws StageException {
        int[] ids = column.ids();
        long[] values = column.longs();
        long[] sums = this.sums;
        long[] counts = this.counts;
        try {
            for (int r = 0; r < rows; r++) {
                int g = ids[r];
                if (g >= 0) {
                    sums[g] = Math.addExact(sums[g], values[r]);
                    counts[g]++;
                }
            }
        } catch (ArithmeticException e) {
            throw StageException.data("the sum of column '" + this.column + "' overflows int64 (beyond "
                    + Long.MAX_VALUE + " in size)");
        }
    }

    @Override
    FieldVector result(Field field, int groups, BufferAllocator allocator) {
        return Results.longs(field, sums, counts, groups, allocator);
    }
}
