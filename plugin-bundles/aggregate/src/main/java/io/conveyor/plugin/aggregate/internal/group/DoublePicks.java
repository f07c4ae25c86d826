package io.conveyor.plugin.aggregate.internal.group;

import java.util.Arrays;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FloatingPointVector;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * min, max, first or last of a float column, in the column's own type. min and max skip NaN
 * (as the original did) unless a group has nothing else; first and last take values as they come.
 */
final class DoublePicks extends Accumulator {

    private final Operation operation;
    private double[] picks = new double[0];
    private long[] counts = new long[0];
    private boolean[] sawNaN = new boolean[0];

    DoublePicks(Operation operation) {
        this.operation = operation;
    }

    @Override
    void resize(int groups) {
        if (picks.length < groups) {
            int length = grown(picks.length, groups);
            picks = Arrays.copyOf(picks, length);
            counts = Arrays.copyOf(counts, length);
            sawNaN = Arrays.copyOf(sawNaN, length);
        }
    }

    @Override
    void add(BatchColumn column, int[] groupIds, int rows) {
        int[] ids = column.ids();
        double[] values = column.doubles();
        double[] picks = this.picks;
        long[] counts = this.counts;
        switch (operation) {
            case MIN -> {
                for (int r = 0; r < rows; r++) {
                    int g = ids[r];
                    double v = values[r];
                    if (g >= 0) {
                        if (v != v) {
                            sawNaN[g] = true;
                        } else if (counts[g]++ == 0 || v < picks[g]) {
                            picks[g] = v;
                        }
                    }
                }
            }
            case MAX -> {
                for (int r = 0; r < rows; r++) {
                    int g = ids[r];
                    double v = values[r];
                    if (g >= 0) {
                        if (v != v) {
                            sawNaN[g] = true;
                        } else if (counts[g]++ == 0 || v > picks[g]) {
                            picks[g] = v;
                        }
                    }
                }
            }
            case FIRST -> {
                for (int r = 0; r < rows; r++) {
                    int g = ids[r];
                    if (g >= 0 && counts[g]++ == 0) {
                        picks[g] = values[r];
                    }
                }
            }
            default -> {
                for (int r = 0; r < rows; r++) {
                    int g = ids[r];
                    if (g >= 0) {
                        picks[g] = values[r];
                        counts[g]++;
                    }
                }
            }
        }
    }

    @Override
    FieldVector result(Field field, int groups, BufferAllocator allocator) {
        FieldVector vector = field.createVector(allocator);
        vector.setInitialCapacity(groups);
        vector.allocateNew();
        FloatingPointVector floats = (FloatingPointVector) vector;
        for (int g = 0; g < groups; g++) {
            if (counts[g] > 0) {
                floats.setWithPossibleTruncate(g, picks[g]);
            } else if (sawNaN[g]) {
                floats.setWithPossibleTruncate(g, Double.NaN);
            } else {
                vector.setNull(g);
            }
        }
        vector.setValueCount(groups);
        return vector;
    }
}
