package io.conveyor.plugin.aggregate.internal.column;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseLargeVariableWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.util.TransferPair;

/**
 * Builds a new vector from chosen rows of another, for joins and keep-last distinct: the rows
 * {@code rows[0..count)} of {@code source}, in that order, where a negative row gives a null.
 * Fixed-width and variable-width vectors are copied with raw memory reads and writes (no boxing,
 * no per-cell bounds checks after the one check of the whole index vector); other types fall back
 * to Arrow's cell-by-cell copy.
 */
public final class Gather {

    private Gather() {
    }

    /** A new vector of {@code field}, owned by the caller; {@code source} is only read. */
    public static FieldVector rows(FieldVector source, Field field, int[] rows, int count, BufferAllocator allocator) {
        checkRows(source, rows, count);
        FieldVector target = field.createVector(allocator);
        try {
            if (source instanceof BitVector bits) {
                bits((BitVector) target, bits, rows, count);
            } else if (source instanceof BaseFixedWidthVector fixed && fixed.getTypeWidth() > 0) {
                fixed((BaseFixedWidthVector) target, fixed, rows, count);
            } else if (source instanceof BaseVariableWidthVector variable) {
                variable((BaseVariableWidthVector) target, variable, rows, count);
            } else if (source instanceof BaseLargeVariableWidthVector large) {
                large((BaseLargeVariableWidthVector) target, large, rows, count);
            } else {
                cellByCell(target, source, rows, count);
            }
            return target;
        } catch (RuntimeException e) {
            target.close();
            throw e;
        }
    }

    /** A vector of {@code count} nulls of {@code field}'s type. */
    public static FieldVector nulls(Field field, int count, BufferAllocator allocator) {
        FieldVector target = field.createVector(allocator);
        try {
            target.setInitialCapacity(count);
            target.allocateNew();
            for (int i = 0; i < count; i++) {
                target.setNull(i);
            }
            target.setValueCount(count);
            return target;
        } catch (RuntimeException e) {
            target.close();
            throw e;
        }
    }

    /**
     * The first {@code count} rows of {@code source} as a new vector sharing its memory (no copy):
     * the source may be shared with other stages, so its buffers are sliced, not moved.
     */
    public static FieldVector share(FieldVector source, Field field, int count, BufferAllocator allocator) {
        TransferPair pair = source.getTransferPair(field, allocator);
        pair.splitAndTransfer(0, count);
        return (FieldVector) pair.getTo();
    }

    private static void checkRows(FieldVector source, int[] rows, int count) {
        int limit = source.getValueCount();
        for (int i = 0; i < count; i++) {
            if (rows[i] >= limit) {
                throw new IndexOutOfBoundsException("row " + rows[i] + " of a vector of " + limit);
            }
        }
    }

    private static boolean isValid(long validity, int row) {
        return ((MemoryUtil.getByte(validity + (row >>> 3)) >> (row & 7)) & 1) != 0;
    }

    /** Writes the validity of every target row: set where the row is not negative and not null in the source. */
    private static void validity(long target, FieldVector source, long sourceValidity, int[] rows, int count) {
        boolean sourceHasNulls = source.getNullCount() > 0;
        if (!sourceHasNulls && noneNegative(rows, count)) {
            MemoryUtil.setMemory(target, count >>> 3, (byte) 0xFF);
            if ((count & 7) != 0) {
                MemoryUtil.putByte(target + (count >>> 3), (byte) ((1 << (count & 7)) - 1));
            }
            return;
        }
        for (int start = 0; start < count; start += 8) {
            int end = Math.min(count, start + 8);
            int bits = 0;
            for (int i = start; i < end; i++) {
                int row = rows[i];
                if (row >= 0 && (!sourceHasNulls || isValid(sourceValidity, row))) {
                    bits |= 1 << (i - start);
                }
            }
            MemoryUtil.putByte(target + (start >>> 3), (byte) bits);
        }
    }

    private static boolean noneNegative(int[] rows, int count) {
        int min = 0;
        for (int i = 0; i < count; i++) {
            min = Math.min(min, rows[i]);
        }
        return min >= 0;
    }

    private static void bits(BitVector target, BitVector source, int[] rows, int count) {
        target.allocateNew(count);
        target.zeroVector();
        for (int i = 0; i < count; i++) {
            int row = rows[i];
            if (row >= 0 && !source.isNull(row)) {
                target.set(i, source.get(row));
            }
        }
        target.setValueCount(count);
    }

    private static void fixed(BaseFixedWidthVector target, BaseFixedWidthVector source, int[] rows, int count) {
        target.allocateNew(count);
        if (count == 0) {
            target.setValueCount(0);
            return;
        }
        validity(target.getValidityBufferAddress(), source, source.getValidityBufferAddress(), rows, count);
        long from = source.getDataBufferAddress();
        long to = target.getDataBufferAddress();
        int width = source.getTypeWidth();
        switch (width) {
            case 8 -> {
                for (int i = 0; i < count; i++) {
                    int row = rows[i];
                    if (row >= 0) {
                        MemoryUtil.putLong(to + ((long) i << 3), MemoryUtil.getLong(from + ((long) row << 3)));
                    }
                }
            }
            case 4 -> {
                for (int i = 0; i < count; i++) {
                    int row = rows[i];
                    if (row >= 0) {
                        MemoryUtil.putInt(to + ((long) i << 2), MemoryUtil.getInt(from + ((long) row << 2)));
                    }
                }
            }
            default -> {
                for (int i = 0; i < count; i++) {
                    int row = rows[i];
                    if (row >= 0) {
                        MemoryUtil.copyMemory(from + (long) row * width, to + (long) i * width, width);
                    }
                }
            }
        }
        target.setValueCount(count);
    }

    private static void variable(BaseVariableWidthVector target, BaseVariableWidthVector source, int[] rows,
            int count) {
        long offsets = source.getOffsetBufferAddress();
        long bytes = 0;
        for (int i = 0; i < count; i++) {
            int row = rows[i];
            if (row >= 0) {
                bytes += MemoryUtil.getInt(offsets + ((long) (row + 1) << 2)) - MemoryUtil.getInt(offsets + ((long) row << 2));
            }
        }
        target.allocateNew(bytes + WORD, count); // room to copy short values a whole word at a time
        if (count > 0) {
            validity(target.getValidityBufferAddress(), source, source.getValidityBufferAddress(), rows, count);
        }
        long from = source.getDataBufferAddress();
        long fromEnd = from + source.getDataBuffer().capacity();
        long to = target.getDataBufferAddress();
        long targetOffsets = target.getOffsetBufferAddress();
        int position = 0;
        MemoryUtil.putInt(targetOffsets, 0);
        for (int i = 0; i < count; i++) {
            int row = rows[i];
            if (row >= 0) {
                int start = MemoryUtil.getInt(offsets + ((long) row << 2));
                int length = MemoryUtil.getInt(offsets + ((long) (row + 1) << 2)) - start;
                copyValue(from + start, fromEnd, to + position, length);
                position += length;
            }
            MemoryUtil.putInt(targetOffsets + ((long) (i + 1) << 2), position);
        }
        target.setLastSet(count - 1);
        target.setValueCount(count);
    }

    private static final int WORD = 8;

    /**
     * Copies a value; one of up to 8 bytes as one word when the source has 8 readable bytes (the
     * target was allocated with a word to spare), which is much cheaper than a memory copy call.
     */
    private static void copyValue(long from, long fromEnd, long to, int length) {
        if (length <= WORD && from + WORD <= fromEnd) {
            MemoryUtil.putLong(to, MemoryUtil.getLong(from));
        } else if (length > 0) {
            MemoryUtil.copyMemory(from, to, length);
        }
    }

    private static void large(BaseLargeVariableWidthVector target, BaseLargeVariableWidthVector source, int[] rows,
            int count) {
        long offsets = source.getOffsetBufferAddress();
        long bytes = 0;
        for (int i = 0; i < count; i++) {
            int row = rows[i];
            if (row >= 0) {
                bytes += MemoryUtil.getLong(offsets + ((long) (row + 1) << 3)) - MemoryUtil.getLong(offsets + ((long) row << 3));
            }
        }
        target.allocateNew(Math.max(bytes, 1), count);
        if (count > 0) {
            validity(target.getValidityBufferAddress(), source, source.getValidityBufferAddress(), rows, count);
        }
        long from = source.getDataBufferAddress();
        long to = target.getDataBufferAddress();
        long targetOffsets = target.getOffsetBufferAddress();
        long position = 0;
        MemoryUtil.putLong(targetOffsets, 0);
        for (int i = 0; i < count; i++) {
            int row = rows[i];
            if (row >= 0) {
                long start = MemoryUtil.getLong(offsets + ((long) row << 3));
                long length = MemoryUtil.getLong(offsets + ((long) (row + 1) << 3)) - start;
                MemoryUtil.copyMemory(from + start, to + position, length);
                position += length;
            }
            MemoryUtil.putLong(targetOffsets + ((long) (i + 1) << 3), position);
        }
        target.setLastSet(count - 1);
        target.setValueCount(count);
    }

    private static void cellByCell(FieldVector target, FieldVector source, int[] rows, int count) {
        target.setInitialCapacity(count);
        target.allocateNew();
        for (int i = 0; i < count; i++) {
            if (rows[i] < 0) {
                target.setNull(i);
            } else {
                target.copyFromSafe(rows[i], i, source);
            }
        }
        target.setValueCount(count);
    }
}
