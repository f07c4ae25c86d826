package io.conveyor.plugin.aggregate.internal.group;

import java.util.Arrays;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * median: the middle value, or the mean of the two middle values for an even count. A median
 * needs every value, so this keeps each group's non-null values as doubles (8 bytes a value, on
 * the heap) until the end.
 */
final class Medians extends Accumulator {

    private static final double[] NONE = new double[0];

    private double[][] values = new double[0][];
    private int[] counts = new int[0];

    @Override
    void resize(int groups) {
        if (values.length < groups) {
            int old = values.length;
            int length = grown(old, groups);
            values = Arrays.copyOf(values, length);
            counts = Arrays.copyOf(counts, length);
            Arrays.fill(values, old, length, NONE);
        }
    }

    @Override
    void add(BatchColumn column, int[] groupIds, int rows) {
        int[] ids = column.ids();
        double[] batch = column.doubles();
        for (int r = 0; r < rows; r++) {
            int g = ids[r];
            if (g >= 0) {
                int n = counts[g];
                double[] list = values[g];
                if (n == list.length) {
                    list = Arrays.copyOf(list, Math.max(8, n * 2));
                    values[g] = list;
                }
                list[n] = batch[r];
                counts[g] = n + 1;
            }
        }
    }

    @Override
    FieldVector result(Field field, int groups, BufferAllocator allocator) {
        Float8Vector vector = Results.float64(field, groups, allocator);
        for (int g = 0; g < groups; g++) {
            int n = counts[g];
            if (n == 0) {
                vector.setNull(g);
                continue;
            }
            double[] list = values[g];
            Arrays.sort(list, 0, n);
            vector.set(g, n % 2 == 1 ? list[n / 2] : (list[n / 2 - 1] + list[n / 2]) / 2);
            values[g] = NONE; // sorted and used: let it go
        }
        vector.setValueCount(groups);
        return vector;
    }
}
