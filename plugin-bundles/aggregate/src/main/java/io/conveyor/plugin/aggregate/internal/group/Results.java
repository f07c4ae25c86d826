package io.conveyor.plugin.aggregate.internal.group;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.types.pojo.Field;

/** Builds result vectors from per-group primitive arrays. */
final class Results {

    private Results() {
    }

    static Float8Vector float64(Field field, int groups, BufferAllocator allocator) {
        Float8Vector vector = (Float8Vector) field.createVector(allocator);
        vector.allocateNew(groups);
        return vector;
    }

    /**
     * A vector of {@code field}'s type (an integer, bool or temporal type) with {@code values[g]}
     * for every group, null where {@code counts[g] == 0} ({@code counts} null: never null).
     */
    static FieldVector longs(Field field, long[] values, long[] counts, int groups, BufferAllocator allocator) {
        FieldVector vector = field.createVector(allocator);
        try {
            vector.setInitialCapacity(groups);
            vector.allocateNew();
            for (int g = 0; g < groups; g++) {
                if (counts != null && counts[g] == 0) {
                    vector.setNull(g);
                } else {
                    set(vector, g, values[g]);
                }
            }
            vector.setValueCount(groups);
            return vector;
        } catch (RuntimeException e) {
            vector.close();
            throw e;
        }
    }

    private static void set(FieldVector vector, int index, long value) {
        if (vector instanceof BitVector bits) {
            bits.set(index, (int) value);
        } else if (vector instanceof BaseIntVector ints) {
            ints.setWithPossibleTruncate(index, value);
        } else {
            BaseFixedWidthVector fixed = (BaseFixedWidthVector) vector;
            fixed.setIndexDefined(index);
            long address = fixed.getDataBufferAddress();
            if (fixed.getTypeWidth() == 8) {
                MemoryUtil.putLong(address + ((long) index << 3), value);
            } else {
                MemoryUtil.putInt(address + ((long) index << 2), (int) value);
            }
        }
    }
}
