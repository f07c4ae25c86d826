package io.conveyor.plugin.aggregate.internal.group;

import org.apache.arrow.memory.util.Float16;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BaseLargeVariableWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float2Vector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TinyIntVector;

import io.conveyor.plugin.aggregate.internal.column.ValueKind;

/**
 * One value column of the current batch, read once into primitive arrays that every aggregate of
 * that column shares (avg, min and max of one column read it once): numbers as {@code long[]} or
 * {@code double[]}, text as one byte array with row offsets, and the group ids with {@code -1} for
 * the rows whose value is null, so that aggregate loops skip nulls with one test. The arrays are
 * reused from batch to batch; values of null rows are undefined.
 */
final class BatchColumn {

    private FieldVector vector;
    private final ValueKind kind;
    private int rows;
    private int[] groupIds;

    private long[] longs = new long[0];
    private double[] doubles = new double[0];
    private int[] maskedIds = new int[0];
    private byte[] bytes = new byte[0];
    private int[] starts = new int[0];
    private boolean longsRead;
    private boolean doublesRead;
    private boolean idsMasked;
    private boolean bytesRead;

    BatchColumn(ValueKind kind) {
        this.kind = kind;
    }

    void reset(FieldVector vector, int rows, int[] groupIds) {
        this.vector = vector;
        this.rows = rows;
        this.groupIds = groupIds;
        longsRead = false;
        doublesRead = false;
        idsMasked = false;
        bytesRead = false;
    }

    FieldVector vector() {
        return vector;
    }

    /** The group id of each row, {@code -1} where the value is null. */
    int[] ids() {
        if (vector.getNullCount() == 0) {
            return groupIds;
        }
        if (!idsMasked) {
            if (maskedIds.length < rows) {
                maskedIds = new int[rows];
            }
            if (vector instanceof BaseFixedWidthVector || vector instanceof BaseVariableWidthVector
                    || vector instanceof BaseLargeVariableWidthVector) {
                long validity = vector.getValidityBufferAddress();
                for (int r = 0; r < rows; r++) {
                    boolean valid = ((MemoryUtil.getByte(validity + (r >>> 3)) >> (r & 7)) & 1) != 0;
                    maskedIds[r] = valid ? groupIds[r] : -1;
                }
            } else { // nested and other types, counted only
                for (int r = 0; r < rows; r++) {
                    maskedIds[r] = vector.isNull(r) ? -1 : groupIds[r];
                }
            }
            idsMasked = true;
        }
        return maskedIds;
    }

    /** Integers (sign- or zero-extended by type), temporals and booleans (0, 1) as {@code long}. */
    long[] longs() {
        if (!longsRead) {
            if (longs.length < rows) {
                longs = new long[rows];
            }
            readLongs();
            longsRead = true;
        }
        return longs;
    }

    /** Integers and floats as {@code double}. */
    double[] doubles() {
        if (!doublesRead) {
            if (doubles.length < rows) {
                doubles = new double[rows];
            }
            readDoubles();
            doublesRead = true;
        }
        return doubles;
    }

    /** Text: row {@code r}'s UTF-8 bytes are {@code bytes()[starts()[r], starts()[r + 1])}. */
    byte[] bytes() {
        readBytes();
        return bytes;
    }

    int[] starts() {
        readBytes();
        return starts;
    }

    private void readLongs() {
        if (rows == 0) {
            return;
        }
        if (vector instanceof BitVector bits) {
            long address = bits.getDataBufferAddress();
            for (int r = 0; r < rows; r++) {
                longs[r] = (MemoryUtil.getByte(address + (r >>> 3)) >> (r & 7)) & 1;
            }
        } else if (vector instanceof BigIntVector || vector instanceof IntVector || vector instanceof SmallIntVector
                || vector instanceof TinyIntVector || kind == ValueKind.TEMPORAL) {
            readSigned((BaseFixedWidthVector) vector);
        } else {
            BaseIntVector unsigned = (BaseIntVector) vector;
            for (int r = 0; r < rows; r++) {
                longs[r] = vector.isNull(r) ? 0 : unsigned.getValueAsLong(r);
            }
        }
    }

    private void readSigned(BaseFixedWidthVector fixed) {
        long address = fixed.getDataBufferAddress();
        switch (fixed.getTypeWidth()) {
            case 8 -> {
                for (int r = 0; r < rows; r++) {
                    longs[r] = MemoryUtil.getLong(address + ((long) r << 3));
                }
            }
            case 4 -> {
                for (int r = 0; r < rows; r++) {
                    longs[r] = MemoryUtil.getInt(address + ((long) r << 2));
                }
            }
            case 2 -> {
                for (int r = 0; r < rows; r++) {
                    longs[r] = MemoryUtil.getShort(address + ((long) r << 1));
                }
            }
            case 1 -> {
                for (int r = 0; r < rows; r++) {
                    longs[r] = MemoryUtil.getByte(address + r);
                }
            }
            default -> throw new IllegalStateException("unexpected width " + fixed.getTypeWidth());
        }
    }

    private void readDoubles() {
        if (rows == 0) {
            return;
        }
        if (vector instanceof Float8Vector floats) {
            long address = floats.getDataBufferAddress();
            for (int r = 0; r < rows; r++) {
                doubles[r] = Double.longBitsToDouble(MemoryUtil.getLong(address + ((long) r << 3)));
            }
        } else if (vector instanceof Float4Vector floats) {
            long address = floats.getDataBufferAddress();
            for (int r = 0; r < rows; r++) {
                doubles[r] = Float.intBitsToFloat(MemoryUtil.getInt(address + ((long) r << 2)));
            }
        } else if (vector instanceof Float2Vector floats) {
            long address = floats.getDataBufferAddress();
            for (int r = 0; r < rows; r++) {
                doubles[r] = Float16.toFloat(MemoryUtil.getShort(address + ((long) r << 1)));
            }
        } else {
            long[] values = longs();
            for (int r = 0; r < rows; r++) {
                doubles[r] = values[r];
            }
        }
    }

    private void readBytes() {
        if (bytesRead) {
            return;
        }
        if (starts.length < rows + 1) {
            starts = new int[rows + 1];
        }
        long total;
        long data;
        if (vector instanceof BaseVariableWidthVector variable) {
            long offsets = variable.getOffsetBufferAddress();
            int first = rows == 0 ? 0 : MemoryUtil.getInt(offsets);
            for (int r = 0; r <= rows; r++) {
                starts[r] = rows == 0 ? 0 : MemoryUtil.getInt(offsets + ((long) r << 2)) - first;
            }
            total = starts[rows];
            data = variable.getDataBufferAddress() + first;
        } else {
            BaseLargeVariableWidthVector large = (BaseLargeVariableWidthVector) vector;
            long offsets = large.getOffsetBufferAddress();
            long first = rows == 0 ? 0 : MemoryUtil.getLong(offsets);
            total = rows == 0 ? 0 : MemoryUtil.getLong(offsets + ((long) rows << 3)) - first;
            if (total > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("the text of one batch's column takes more than 2 GB");
            }
            for (int r = 0; r <= rows; r++) {
                starts[r] = rows == 0 ? 0 : (int) (MemoryUtil.getLong(offsets + ((long) r << 3)) - first);
            }
            data = large.getDataBufferAddress() + first;
        }
        if (bytes.length < total) {
            bytes = new byte[(int) Math.max(total, Math.min(Integer.MAX_VALUE - 8, bytes.length * 2L))];
        }
        if (total > 0) {
            MemoryUtil.copyFromMemory(data, bytes, 0, total);
        }
        bytesRead = true;
    }
}
