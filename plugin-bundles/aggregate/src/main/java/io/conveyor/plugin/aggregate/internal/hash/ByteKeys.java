package io.conveyor.plugin.aggregate.internal.hash;

import java.util.Arrays;

import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseLargeVariableWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float2Vector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;

/**
 * The keys of a batch as bytes, one range per row in a reused array: {@code data[starts[r],
 * starts[r + 1])}. A single text or binary column is its own encoding (its bytes copied in one
 * piece, no null marker: {@code nulls} says which rows are null). Several columns, or a wider
 * fixed-width one, are encoded column by column: per column a flag byte (0 null, 1 value), then
 * the value: fixed-width values as their bytes (floats made canonical), variable-width ones as a
 * 4-byte length and their bytes. The columns have fixed types, so equal keys have equal bytes.
 */
final class ByteKeys {

    private static final long CANONICAL_NAN8 = Double.doubleToLongBits(Double.NaN);
    private static final int CANONICAL_NAN4 = Float.floatToIntBits(Float.NaN);

    byte[] data = new byte[1024];
    int[] starts = new int[1];
    boolean[] nulls = new boolean[0];
    boolean anyNull;
    private int[] cursor = new int[0];

    void encodeSingle(FieldVector vector, int rows) {
        grow(rows);
        markNulls(vector, rows);
        if (vector instanceof BaseVariableWidthVector variable) {
            long offsets = variable.getOffsetBufferAddress();
            int first = rows == 0 ? 0 : MemoryUtil.getInt(offsets);
            for (int r = 0; r <= rows; r++) {
                starts[r] = rows == 0 ? 0 : MemoryUtil.getInt(offsets + ((long) r << 2)) - first;
            }
            copy(variable.getDataBufferAddress() + first, starts[rows]);
        } else {
            BaseLargeVariableWidthVector large = (BaseLargeVariableWidthVector) vector;
            long offsets = large.getOffsetBufferAddress();
            long first = rows == 0 ? 0 : MemoryUtil.getLong(offsets);
            long total = rows == 0 ? 0 : MemoryUtil.getLong(offsets + ((long) rows << 3)) - first;
            checkSize(total);
            for (int r = 0; r <= rows; r++) {
                starts[r] = rows == 0 ? 0 : (int) (MemoryUtil.getLong(offsets + ((long) r << 3)) - first);
            }
            copy(large.getDataBufferAddress() + first, starts[rows]);
        }
    }

    void encodeColumns(FieldVector[] vectors, int rows) {
        grow(rows);
        Arrays.fill(nulls, 0, rows, false);
        anyNull = false;
        // pass 1: the length of each row's encoding, in starts[r + 1] until the prefix sum
        Arrays.fill(starts, 0, rows + 1, 0);
        for (FieldVector vector : vectors) {
            addLengths(vector, rows);
        }
        long total = 0;
        for (int r = 1; r <= rows; r++) {
            total += starts[r];
            checkSize(total);
            starts[r] = (int) total;
        }
        if (data.length < total + Hashing.SLACK) {
            data = new byte[(int) Math.min(Integer.MAX_VALUE - 8, Math.max(total + Hashing.SLACK,
                    (long) data.length * 2))];
        }
        System.arraycopy(starts, 0, cursor, 0, rows);
        for (FieldVector vector : vectors) {
            writeColumn(vector, rows);
        }
    }

    private void grow(int rows) {
        if (starts.length < rows + 1) {
            starts = new int[rows + 1];
            nulls = new boolean[rows];
            cursor = new int[rows];
        }
    }

    private void markNulls(FieldVector vector, int rows) {
        anyNull = vector.getNullCount() > 0;
        for (int r = 0; r < rows; r++) {
            nulls[r] = anyNull && vector.isNull(r);
        }
    }

    private void copy(long address, int length) {
        if (data.length < length + Hashing.SLACK) {
            data = new byte[Math.max(length + Hashing.SLACK, data.length * 2)];
        }
        if (length > 0) {
            MemoryUtil.copyFromMemory(address, data, 0, length);
        }
    }

    private static void checkSize(long bytes) {
        if (bytes > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("the keys of one batch take more than 2 GB");
        }
    }

    private void addLengths(FieldVector vector, int rows) {
        boolean hasNulls = vector.getNullCount() > 0;
        if (hasNulls) {
            anyNull = true;
            for (int r = 0; r < rows; r++) {
                if (vector.isNull(r)) {
                    nulls[r] = true;
                }
            }
        }
        if (vector instanceof BaseVariableWidthVector variable) {
            long offsets = variable.getOffsetBufferAddress();
            for (int r = 0; r < rows; r++) {
                int length = MemoryUtil.getInt(offsets + ((long) (r + 1) << 2)) - MemoryUtil.getInt(offsets + ((long) r << 2));
                starts[r + 1] += hasNulls && vector.isNull(r) ? 1 : 5 + length;
            }
        } else if (vector instanceof BaseLargeVariableWidthVector large) {
            long offsets = large.getOffsetBufferAddress();
            for (int r = 0; r < rows; r++) {
                long length = MemoryUtil.getLong(offsets + ((long) (r + 1) << 3)) - MemoryUtil.getLong(offsets + ((long) r << 3));
                checkSize(length);
                starts[r + 1] += hasNulls && vector.isNull(r) ? 1 : 5 + (int) length;
            }
        } else {
            int width = vector instanceof BitVector ? 1 : ((BaseFixedWidthVector) vector).getTypeWidth();
            for (int r = 0; r < rows; r++) {
                starts[r + 1] += hasNulls && vector.isNull(r) ? 1 : 1 + width;
            }
        }
    }

    /** Appends the column's flag and value to every row's encoding, one loop per vector type. */
    private void writeColumn(FieldVector vector, int rows) {
        boolean hasNulls = vector.getNullCount() > 0;
        if (vector instanceof BitVector bits) {
            long address = bits.getDataBufferAddress();
            for (int r = 0; r < rows; r++) {
                if (!writeFlag(hasNulls && vector.isNull(r), r)) {
                    data[cursor[r]++] = (byte) ((MemoryUtil.getByte(address + (r >>> 3)) >> (r & 7)) & 1);
                }
            }
        } else if (vector instanceof Float8Vector floats) {
            long address = floats.getDataBufferAddress();
            for (int r = 0; r < rows; r++) {
                if (!writeFlag(hasNulls && vector.isNull(r), r)) {
                    long bits = MemoryUtil.getLong(address + ((long) r << 3));
                    double value = Double.longBitsToDouble(bits);
                    Hashing.LONGS.set(data, cursor[r], value == 0 ? 0L : value != value ? CANONICAL_NAN8 : bits);
                    cursor[r] += 8;
                }
            }
        } else if (vector instanceof Float4Vector floats) {
            long address = floats.getDataBufferAddress();
            for (int r = 0; r < rows; r++) {
                if (!writeFlag(hasNulls && vector.isNull(r), r)) {
                    int bits = MemoryUtil.getInt(address + ((long) r << 2));
                    float value = Float.intBitsToFloat(bits);
                    Hashing.INTS.set(data, cursor[r], value == 0 ? 0 : value != value ? CANONICAL_NAN4 : bits);
                    cursor[r] += 4;
                }
            }
        } else if (vector instanceof BaseFixedWidthVector fixed) {
            writeFixed(fixed, hasNulls, rows);
        } else if (vector instanceof BaseVariableWidthVector variable) {
            long offsets = variable.getOffsetBufferAddress();
            long address = variable.getDataBufferAddress();
            for (int r = 0; r < rows; r++) {
                if (!writeFlag(hasNulls && vector.isNull(r), r)) {
                    int start = MemoryUtil.getInt(offsets + ((long) r << 2));
                    int length = MemoryUtil.getInt(offsets + ((long) (r + 1) << 2)) - start;
                    writeBytes(address + start, length, r);
                }
            }
        } else {
            BaseLargeVariableWidthVector large = (BaseLargeVariableWidthVector) vector;
            long offsets = large.getOffsetBufferAddress();
            long address = large.getDataBufferAddress();
            for (int r = 0; r < rows; r++) {
                if (!writeFlag(hasNulls && vector.isNull(r), r)) {
                    long start = MemoryUtil.getLong(offsets + ((long) r << 3));
                    int length = (int) (MemoryUtil.getLong(offsets + ((long) (r + 1) << 3)) - start);
                    writeBytes(address + start, length, r);
                }
            }
        }
    }

    private void writeFixed(BaseFixedWidthVector fixed, boolean hasNulls, int rows) {
        long address = fixed.getDataBufferAddress();
        int width = fixed.getTypeWidth();
        for (int r = 0; r < rows; r++) {
            if (writeFlag(hasNulls && fixed.isNull(r), r)) {
                continue;
            }
            int at = cursor[r];
            if (fixed instanceof Float2Vector) {
                int bits = MemoryUtil.getShort(address + ((long) r << 1)) & 0xFFFF;
                boolean zero = (bits & 0x7FFF) == 0;
                boolean nan = (bits & 0x7C00) == 0x7C00 && (bits & 0x3FF) != 0;
                int canonical = zero ? 0 : nan ? 0x7E00 : bits;
                data[at] = (byte) canonical;
                data[at + 1] = (byte) (canonical >>> 8);
                cursor[r] = at + 2;
                continue;
            }
            switch (width) {
                case 8 -> Hashing.LONGS.set(data, at, MemoryUtil.getLong(address + ((long) r << 3)));
                case 4 -> Hashing.INTS.set(data, at, MemoryUtil.getInt(address + ((long) r << 2)));
                default -> MemoryUtil.copyFromMemory(address + (long) r * width, data, at, width);
            }
            cursor[r] = at + width;
        }
    }

    /** Writes the flag byte; true when the cell is null (and has no value bytes). */
    private boolean writeFlag(boolean isNull, int row) {
        data[cursor[row]++] = (byte) (isNull ? 0 : 1);
        return isNull;
    }

    private void writeBytes(long address, int length, int row) {
        int at = cursor[row];
        Hashing.INTS.set(data, at, length);
        if (length > 0) {
            MemoryUtil.copyFromMemory(address, data, at + 4, length);
        }
        cursor[row] = at + 4 + length;
    }
}
