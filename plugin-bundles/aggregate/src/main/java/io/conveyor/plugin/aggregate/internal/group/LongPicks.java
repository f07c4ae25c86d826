package io.conveyor.plugin.aggregate.internal.group;

import java.util.Arrays;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * min, max, first or last of a column read as {@code long} (integers, booleans, temporals),
 * written back in the column's own type. first and last are the first and last non-null values
 * in input order.
 */
final class LongPicks extends Accumulator {

    private final Operation operation;
    private long[] picks = new long[0];
    private long[] counts = new long[0];

    LongPicks(Operation operation) {
        this.operation = operation;
    }

    @Override
    void resize(int groups) {
        if (picks.length < groups) {
            int length = grown(picks.length, groups);
            picks = Arrays.copyOf(picks, length);
            counts = Arrays.copyOf(counts, length);
        }
    }

    @Override
    void add(BatchColumn column, int[] groupIds, int rows) {
        int[] ids = column.ids();
        long[] values = column.longs();
        long[] picks = this.picks;
        long[] counts = this.counts;
        switch (operation) {
            case MIN -> {
                for (int r = 0; r < rows; r++) {
                    int g = ids[r];
                    if (g >= 0) {
                        picks[g] = counts[g]++ == 0 ? values[r] : Math.min(picks[g], values[r]);
                    }
                }
            }
            case MAX -> {
                for (int r = 0; r < rows; r++) {
                    int g = ids[r];
                    if (g >= 0) {
                        picks[g] = counts[g]++ == 0 ? values[r] : Math.max(picks[g], values[r]);
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
        return Results.longs(field, picks, counts, groups, allocator);
    }
}
