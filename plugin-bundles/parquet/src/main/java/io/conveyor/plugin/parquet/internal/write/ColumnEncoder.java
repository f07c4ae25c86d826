package io.conveyor.plugin.parquet.internal.write;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.io.api.Binary;

/**
 * Writes the cells of one Arrow vector to one optional Parquet column (definition level 1 for a
 * value, 0 for a null), reading the vector's buffers directly. Each kind has its own loop, so
 * that every loop calls one known method per cell.
 */
abstract class ColumnEncoder {

    /** Writes rows {@code [from, to)} of {@code vector}. */
    abstract void write(FieldVector vector, int from, int to, ColumnWriter out);

    static boolean isNull(ArrowBuf validity, boolean mayHaveNulls, int row) {
        return mayHaveNulls && BitVectorHelper.get(validity, row) == 0;
    }

    /** 64-bit integers, timestamps and times: {@code long} cells times {@code scale}. */
    static final class Int64 extends ColumnEncoder {
        private final long scale;

        Int64(long scale) {
            this.scale = scale;
        }

        @Override
        void write(FieldVector vector, int from, int to, ColumnWriter out) {
            ArrowBuf data = vector.getDataBuffer();
            ArrowBuf validity = vector.getValidityBuffer();
            boolean mayHaveNulls = vector.getNullCount() > 0;
            for (int row = from; row < to; row++) {
                if (isNull(validity, mayHaveNulls, row)) {
                    out.writeNull(0, 0);
                } else {
                    out.write(data.getLong((long) row * Long.BYTES) * scale, 0, 1);
                }
            }
        }
    }

    /** Integers of 32 bits or fewer, dates and times in millis: {@code int} cells. */
    static final class Int32 extends ColumnEncoder {
        /** How a cell is read: its width in bytes, negative for an unsigned one. */
        private final int width;
        private final int scale;

        Int32(int width, int scale) {
            this.width = width;
            this.scale = scale;
        }

        @Override
        void write(FieldVector vector, int from, int to, ColumnWriter out) {
            ArrowBuf data = vector.getDataBuffer();
            ArrowBuf validity = vector.getValidityBuffer();
            boolean mayHaveNulls = vector.getNullCount() > 0;
            for (int row = from; row < to; row++) {
                if (isNull(validity, mayHaveNulls, row)) {
                    out.writeNull(0, 0);
                } else {
                    out.write(cell(data, row) * scale, 0, 1);
                }
            }
        }

        private int cell(ArrowBuf data, int row) {
            return switch (width) {
                case 4 -> data.getInt((long) row * 4);
                case 2 -> data.getShort((long) row * 2);
                case -2 -> data.getShort((long) row * 2) & 0xFFFF;
                case 1 -> data.getByte(row);
                case -1 -> data.getByte(row) & 0xFF;
                default -> throw new IllegalStateException("width " + width);
            };
        }
    }

    /** Dates held as milliseconds (Arrow's date64): whole days since the epoch. */
    static final class DateMillis extends ColumnEncoder {
        private static final long DAY = 86_400_000L;

        @Override
        void write(FieldVector vector, int from, int to, ColumnWriter out) {
            ArrowBuf data = vector.getDataBuffer();
            ArrowBuf validity = vector.getValidityBuffer();
            boolean mayHaveNulls = vector.getNullCount() > 0;
            for (int row = from; row < to; row++) {
                if (isNull(validity, mayHaveNulls, row)) {
                    out.writeNull(0, 0);
                } else {
                    out.write((int) Math.floorDiv(data.getLong((long) row * Long.BYTES), DAY), 0, 1);
                }
            }
        }
    }

    static final class Float64 extends ColumnEncoder {
        @Override
        void write(FieldVector vector, int from, int to, ColumnWriter out) {
            ArrowBuf data = vector.getDataBuffer();
            ArrowBuf validity = vector.getValidityBuffer();
            boolean mayHaveNulls = vector.getNullCount() > 0;
            for (int row = from; row < to; row++) {
                if (isNull(validity, mayHaveNulls, row)) {
                    out.writeNull(0, 0);
                } else {
                    out.write(data.getDouble((long) row * Double.BYTES), 0, 1);
                }
            }
        }
    }

    static final class Float32 extends ColumnEncoder {
        @Override
        void write(FieldVector vector, int from, int to, ColumnWriter out) {
            ArrowBuf data = vector.getDataBuffer();
            ArrowBuf validity = vector.getValidityBuffer();
            boolean mayHaveNulls = vector.getNullCount() > 0;
            for (int row = from; row < to; row++) {
                if (isNull(validity, mayHaveNulls, row)) {
                    out.writeNull(0, 0);
                } else {
                    out.write(data.getFloat((long) row * Float.BYTES), 0, 1);
                }
            }
        }
    }

    static final class Bool extends ColumnEncoder {
        @Override
        void write(FieldVector vector, int from, int to, ColumnWriter out) {
            ArrowBuf data = vector.getDataBuffer();
            ArrowBuf validity = vector.getValidityBuffer();
            boolean mayHaveNulls = vector.getNullCount() > 0;
            for (int row = from; row < to; row++) {
                if (isNull(validity, mayHaveNulls, row)) {
                    out.writeNull(0, 0);
                } else {
                    out.write(BitVectorHelper.get(data, row) != 0, 0, 1);
                }
            }
        }
    }

    /**
     * Variable-width bytes (utf8, binary; 32- or 64-bit offsets). The rows' bytes are copied
     * out of Arrow's buffer once per call into an array this encoder reuses; each cell is a slice
     * of it, which Parquet copies wherever it keeps a value (dictionary, statistics).
     */
    static final class Bytes extends ColumnEncoder {
        private final boolean largeOffsets;
        private byte[] bytes = new byte[1 << 16];

        Bytes(boolean largeOffsets) {
            this.largeOffsets = largeOffsets;
        }

        @Override
        void write(FieldVector vector, int from, int to, ColumnWriter out) {
            ArrowBuf offsets = vector.getOffsetBuffer();
            ArrowBuf validity = vector.getValidityBuffer();
            boolean mayHaveNulls = vector.getNullCount() > 0;
            long base = offset(offsets, from);
            int length = Math.toIntExact(offset(offsets, to) - base);
            if (bytes.length < length) {
                bytes = new byte[Math.max(length, bytes.length * 2)];
            }
            vector.getDataBuffer().getBytes(base, bytes, 0, length);
            long start = base;
            for (int row = from; row < to; row++) {
                long end = offset(offsets, row + 1);
                if (isNull(validity, mayHaveNulls, row)) {
                    out.writeNull(0, 0);
                } else {
                    out.write(Binary.fromReusedByteArray(bytes, (int) (start - base), (int) (end - start)), 0, 1);
                }
                start = end;
            }
        }

        private long offset(ArrowBuf offsets, int index) {
            return largeOffsets ? offsets.getLong((long) index * Long.BYTES) : offsets.getInt((long) index * Integer.BYTES);
        }
    }

    /** Fixed-width bytes. */
    static final class FixedBytes extends ColumnEncoder {
        private final int width;
        private byte[] bytes = new byte[0];

        FixedBytes(int width) {
            this.width = width;
        }

        @Override
        void write(FieldVector vector, int from, int to, ColumnWriter out) {
            ArrowBuf validity = vector.getValidityBuffer();
            boolean mayHaveNulls = vector.getNullCount() > 0;
            int length = (to - from) * width;
            if (bytes.length < length) {
                bytes = new byte[length];
            }
            vector.getDataBuffer().getBytes((long) from * width, bytes, 0, length);
            for (int row = from; row < to; row++) {
                if (isNull(validity, mayHaveNulls, row)) {
                    out.writeNull(0, 0);
                } else {
                    out.write(Binary.fromReusedByteArray(bytes, (row - from) * width, width), 0, 1);
                }
            }
        }
    }

    /**
     * Arrow's 128-bit decimals (little-endian two's complement) as Parquet's big-endian
     * fixed-length decimals of {@code width} bytes, the fewest that hold the precision.
     */
    static final class Decimal extends ColumnEncoder {
        private final int width;
        private final byte[] cell;

        Decimal(int width) {
            this.width = width;
            this.cell = new byte[width];
        }

        @Override
        void write(FieldVector vector, int from, int to, ColumnWriter out) {
            ArrowBuf data = vector.getDataBuffer();
            ArrowBuf validity = vector.getValidityBuffer();
            boolean mayHaveNulls = vector.getNullCount() > 0;
            for (int row = from; row < to; row++) {
                if (isNull(validity, mayHaveNulls, row)) {
                    out.writeNull(0, 0);
                } else {
                    long at = (long) row * 16;
                    for (int i = 0; i < width; i++) {
                        cell[width - 1 - i] = data.getByte(at + i);
                    }
                    out.write(Binary.fromReusedByteArray(cell), 0, 1);
                }
            }
        }
    }
}
