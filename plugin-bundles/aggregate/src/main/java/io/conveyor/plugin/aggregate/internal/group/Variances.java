package io.conveyor.plugin.aggregate.internal.group;

import java.util.Arrays;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * var and std with one delta degree of freedom (the sample variance, as the original), by
 * Welford's update, which stays accurate where the sum of squares would cancel. A group with
 * fewer than two values has none: null.
 */
final class Variances extends Accumulator {

    private final boolean std;
    private double[] means = new double[0];
    private double[] squares = new double[0];
    private long[] counts = new long[0];

    Variances(boolean std) {
        this.std = std;
    }

    @Override
    void resize(int groups) {
        if (means.length < groups) {
            int length = grown(means.length, groups);
            means = Arrays.copyOf(means, length);
            squares = Arrays.copyOf(squares, length);
            counts = Arrays.copyOf(counts, length);
        }
    }

    @Override
    void add(BatchColumn column, int[] groupIds, int rows) {
        int[] ids = column.ids();
        double[] values = column.doubles();
        for (int r = 0; r < rows; r++) {
            int g = ids[r];
            if (g >= 0) {
                long n = ++counts[g];
                double delta = values[r] - means[g];
                means[g] += delta / n;
                squares[g] += delta * (values[r] - means[g]);
            }
        }
    }

    @Override
    FieldVector result(Field field, int groups, BufferAllocator allocator) {
        Float8Vector vector = Results.float64(field, groups, allocator);
        for (int g = 0; g < groups; g++) {
            if (counts[g] < 2) {
                vector.setNull(g);
            } else {
                double variance = squares[g] / (counts[g] - 1);
                vector.set(g, std ? Math.sqrt(variance) : variance);
            }
        }
        vector.setValueCount(groups);
        return vector;
    }
}
