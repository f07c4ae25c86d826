package io.conveyor.plugin.expression.internal.filter;

import java.util.ArrayList;
import java.util.List;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Copies the selected rows of a batch into a new batch, column by column: fixed-width values
 * with one typed read and write per row, variable-width values as byte ranges into a data buffer
 * sized exactly (both at raw addresses, the bounds being known), validity bits only when the column has nulls. Other vector kinds (nested) fall
 * back to Arrow's per-row copy.
 */
final class Gather {

    private Gather() {
    }

    /** A new batch of rows {@code selected[0, count)} of {@code from}; the caller owns it. */
    static VectorSchemaRoot rows(VectorSchemaRoot from, int[] selected, int count, BufferAllocator allocator) {
        List<FieldVector> columns = new ArrayList<>(from.getFieldVectors().size());
        try {
            for (FieldVector source : from.getFieldVectors()) {
                FieldVector target = source.getField().createVector(allocator);
                columns.add(target);
                copy(source, target, selected, count);
            }
        } catch (RuntimeException e) {
            columns.forEach(FieldVector::close);
            throw e;
        }
        VectorSchemaRoot root = new VectorSchemaRoot(from.getSchema(), columns, count);
        root.setRowCount(count);
        return root;
    }

    private static void copy(FieldVector source, FieldVector target, int[] selected, int count) {
        if (source instanceof BitVector s) {
            bits(s, (BitVector) target, selected, count);
        } else if (source instanceof BaseFixedWidthVector s) {
            fixedWidth(s, (BaseFixedWidthVector) target, selected, count);
        } else if (source instanceof BaseVariableWidthVector s) {
            variableWidth(s, (BaseVariableWidthVector) target, selected, count);
        } else {
            target.setInitialCapacity(count);
            target.allocateNew();
            for (int j = 0; j < count; j++) {
                target.copyFromSafe(selected[j], j, source);
            }
            target.setValueCount(count);
            return;
        }
        validity(source, target, selected, count);
        target.setValueCount(count);
    }

    /**
     * Fixed-width values. The common widths go through raw addresses: every index is below the
     * source's row count or the target's capacity, so Arrow's per-access checks are not needed.
     */
    private static void fixedWidth(BaseFixedWidthVector source, BaseFixedWidthVector target, int[] selected,
            int count) {
        target.allocateNew(count);
        ArrowBuf from = source.getDataBuffer();
        ArrowBuf to = target.getDataBuffer();
        int width = source.getTypeWidth();
        long src = from.memoryAddress();
        long dst = to.memoryAddress();
        switch (width) {
            case 8 -> {
                for (int j = 0; j < count; j++) {
                    MemoryUtil.putLong(dst + j * 8L, MemoryUtil.getLong(src + selected[j] * 8L));
                }
            }
            case 4 -> {
                for (int j = 0; j < count; j++) {
                    MemoryUtil.putInt(dst + j * 4L, MemoryUtil.getInt(src + selected[j] * 4L));
                }
            }
            case 2 -> {
                for (int j = 0; j < count; j++) {
                    to.setShort(j * 2L, from.getShort(selected[j] * 2L));
                }
            }
            case 1 -> {
                for (int j = 0; j < count; j++) {
                    to.setByte(j, from.getByte(selected[j]));
                }
            }
            default -> {
                for (int j = 0; j < count; j++) {
                    to.setBytes((long) j * width, from, (long) selected[j] * width, width);
                }
            }
        }
    }

    private static void bits(BitVector source, BitVector target, int[] selected, int count) {
        target.allocateNew(count);
        ArrowBuf from = source.getDataBuffer();
        ArrowBuf to = target.getDataBuffer();
        copyBits(from, to, selected, count);
    }

    private static void variableWidth(BaseVariableWidthVector source, BaseVariableWidthVector target,
            int[] selected, int count) {
        long offsets = source.getOffsetBuffer().memoryAddress();
        long total = 0;
        for (int j = 0; j < count; j++) {
            long row = selected[j];
            total += MemoryUtil.getInt(offsets + (row + 1) * 4) - MemoryUtil.getInt(offsets + row * 4);
        }
        target.allocateNew(Math.max(total, 1), count);
        long from = source.getDataBuffer().memoryAddress();
        long to = target.getDataBuffer().memoryAddress();
        long toOffsets = target.getOffsetBuffer().memoryAddress();
        int position = 0;
        MemoryUtil.putInt(toOffsets, 0);
        for (int j = 0; j < count; j++) {
            long row = selected[j];
            int start = MemoryUtil.getInt(offsets + row * 4);
            int length = MemoryUtil.getInt(offsets + (row + 1) * 4) - start;
            MemoryUtil.copyMemory(from + start, to + position, length);
            position += length;
            MemoryUtil.putInt(toOffsets + (j + 1) * 4L, position);
        }
        target.setLastSet(count - 1);
    }

    private static void validity(FieldVector source, FieldVector target, int[] selected, int count) {
        ArrowBuf to = target.getValidityBuffer();
        if (source.getNullCount() == 0) {
            int full = count >> 3;
            to.setOne(0, full);
            if ((count & 7) != 0) {
                to.setByte(full, (1 << (count & 7)) - 1);
            }
            return;
        }
        copyBits(source.getValidityBuffer(), to, selected, count);
    }

    /** Sets bit {@code j} of {@code to} to bit {@code selected[j]} of {@code from}, a byte at a time. */
    private static void copyBits(ArrowBuf from, ArrowBuf to, int[] selected, int count) {
        int j = 0;
        int byteIndex = 0;
        while (j < count) {
            int b = 0;
            int limit = Math.min(8, count - j);
            for (int k = 0; k < limit; k++) {
                int row = selected[j + k];
                b |= (from.getByte(row >> 3) >> (row & 7) & 1) << k;
            }
            to.setByte(byteIndex++, b);
            j += limit;
        }
    }
}
