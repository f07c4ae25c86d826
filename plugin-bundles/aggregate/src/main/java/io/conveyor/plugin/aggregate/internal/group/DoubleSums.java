package io.conveyor.plugin.aggregate.internal.group;

import java.util.Arrays;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;

/** sum of a float column, or avg (the sum over the count) of any numeric column, as float64. */
final class DoubleSums extends Accumulator {

    private final boolean average;
    private double[] sums = new double[0];
    private long[] counts = new long[0];

    DoubleSums(boolean average) {
        this.average = average;
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
    void add(BatchColumn column, int[] groupIds, int rows) {
        int[] ids = column.ids();
        double[] values = column.doubles();
        double[] sums = this.sums;
        long[] counts = this.counts;
        for (int r = 0; r < rows; r++) {
            int g = ids[r];
            if (g >= 0) {
                sums[g] += values[r];
                counts[g]++;
            }
        }
    }

    @Override
    FieldVector result(Field field, int groups, BufferAllocator allocator) {
        Float8Vector vector = Results.float64(field, groups, allocator);
        for (int g = 0; g < groups; g++) {
            if (counts[g] == 0) {
                vector.setNull(g);
            } else {
                vector.set(g, average ? sums[g] / counts[g] : sums[g]);
            }
        }
        vector.setValueCount(groups);
        return vector;
    }
}
