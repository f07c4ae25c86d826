package io.conveyor.plugin.aggregate.internal.group;

import java.util.Arrays;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseLargeVariableWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * min, max, first or last of a text column; min and max compare UTF-8 bytes unsigned, which is
 * code point order. Each batch first finds its own pick per group (a row index, no copying),
 * then merges it into the held value, so a held value is rewritten at most once per batch.
 * Held values live in one byte arena that is compacted when replaced values fill half of it.
 */
final class TextPicks extends Accumulator {

    private final Operation operation;

    private byte[] arena = new byte[1024];
    private int used;
    private long live;
    private int[] starts = new int[0];
    private int[] lengths = new int[0]; // -1: no value yet

    private int[] candidates = new int[0]; // the batch's pick per group, -1 for none
    private int[] touched = new int[0];

    TextPicks(Operation operation) {
        this.operation = operation;
    }

    @Override
    void resize(int groups) {
        if (lengths.length < groups) {
            int old = lengths.length;
            int length = grown(old, groups);
            starts = Arrays.copyOf(starts, length);
            lengths = Arrays.copyOf(lengths, length);
            Arrays.fill(lengths, old, length, -1);
            candidates = Arrays.copyOf(candidates, length);
            Arrays.fill(candidates, old, length, -1);
        }
    }

    @Override
    void add(BatchColumn column, int[] groupIds, int rows) {
        int[] ids = column.ids();
        byte[] bytes = column.bytes();
        int[] offsets = column.starts();
        if (touched.length < rows) {
            touched = new int[rows];
        }
        int touchedCount = 0;
        for (int r = 0; r < rows; r++) {
            int g = ids[r];
            if (g < 0) {
                continue;
            }
            int current = candidates[g];
            if (current < 0) {
                candidates[g] = r;
                touched[touchedCount++] = g;
            } else if (better(bytes, offsets, r, current)) {
                candidates[g] = r;
            }
        }
        for (int i = 0; i < touchedCount; i++) {
            int g = touched[i];
            int r = candidates[g];
            candidates[g] = -1;
            int from = offsets[r];
            int to = offsets[r + 1];
            if (lengths[g] < 0 || replaces(g, bytes, from, to)) {
                store(g, bytes, from, to - from);
            }
        }
    }

    /** Whether row {@code r} beats the batch's current pick {@code current} of the same group. */
    private boolean better(byte[] bytes, int[] offsets, int r, int current) {
        return switch (operation) {
            case FIRST -> false;
            case LAST -> true;
            case MIN -> Arrays.compareUnsigned(bytes, offsets[r], offsets[r + 1], bytes, offsets[current],
                    offsets[current + 1]) < 0;
            default -> Arrays.compareUnsigned(bytes, offsets[r], offsets[r + 1], bytes, offsets[current],
                    offsets[current + 1]) > 0;
        };
    }

    /** Whether the batch's pick replaces the value held for group {@code g}. */
    private boolean replaces(int g, byte[] bytes, int from, int to) {
        return switch (operation) {
            case FIRST -> false;
            case LAST -> true;
            case MIN -> Arrays.compareUnsigned(bytes, from, to, arena, starts[g], starts[g] + lengths[g]) < 0;
            default -> Arrays.compareUnsigned(bytes, from, to, arena, starts[g], starts[g] + lengths[g]) > 0;
        };
    }

    private void store(int g, byte[] bytes, int from, int length) {
        if (lengths[g] >= 0) {
            live -= lengths[g];
        }
        if (used + (long) length > arena.length) {
            if (used > 2 * live + 65536) {
                compact();
            }
            if (used + (long) length > arena.length) {
                long size = Math.max(used + (long) length, arena.length * 2L);
                if (size > Integer.MAX_VALUE - 8) {
                    throw new IllegalStateException("the text values held by one aggregate take more than 2 GB");
                }
                arena = Arrays.copyOf(arena, (int) size);
            }
        }
        System.arraycopy(bytes, from, arena, used, length);
        starts[g] = used;
        lengths[g] = length;
        used += length;
        live += length;
    }

    /** Drops the bytes of replaced values. */
    private void compact() {
        byte[] packed = new byte[(int) Math.max(1024, live * 2)];
        int at = 0;
        for (int g = 0; g < lengths.length; g++) {
            if (lengths[g] > 0) {
                System.arraycopy(arena, starts[g], packed, at, lengths[g]);
                starts[g] = at;
                at += lengths[g];
            }
        }
        arena = packed;
        used = at;
    }

    @Override
    FieldVector result(Field field, int groups, BufferAllocator allocator) {
        FieldVector vector = field.createVector(allocator);
        try {
            vector.setInitialCapacity(groups);
            vector.allocateNew();
            for (int g = 0; g < groups; g++) {
                if (lengths[g] < 0) {
                    vector.setNull(g);
                } else if (vector instanceof BaseVariableWidthVector text) {
                    text.setSafe(g, arena, starts[g], lengths[g]);
                } else {
                    ((BaseLargeVariableWidthVector) vector).setSafe(g, arena, starts[g], lengths[g]);
                }
            }
            vector.setValueCount(groups);
            return vector;
        } catch (RuntimeException e) {
            vector.close();
            throw e;
        }
    }
}
