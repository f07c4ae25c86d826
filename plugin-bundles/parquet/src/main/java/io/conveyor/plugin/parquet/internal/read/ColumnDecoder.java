package io.conveyor.plugin.parquet.internal.read;

import java.nio.ByteBuffer;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.io.api.Binary;

/**
 * Moves the values of one Parquet column into an Arrow vector, a batch at a time: a value where
 * the definition level is the column's maximum, a null below it. Fixed-width vectors come
 * allocated for the batch with every validity bit clear; each kind has its own loop.
 */
abstract class ColumnDecoder {

    /** Reads the next {@code rows} values of {@code in} into rows {@code [0, rows)} of {@code vector}. */
    abstract void read(ColumnReader in, int maxDefinition, FieldVector vector, int rows);

    /** 64-bit values: integers, timestamps, times. */
    static final class Int64 extends ColumnDecoder {
        @Override
        void read(ColumnReader in, int maxDefinition, FieldVector vector, int rows) {
            ArrowBuf data = vector.getDataBuffer();
            ArrowBuf validity = vector.getValidityBuffer();
            for (int row = 0; row < rows; row++) {
                if (in.getCurrentDefinitionLevel() == maxDefinition) {
                    data.setLong((long) row * Long.BYTES, in.getLong());
                    BitVectorHelper.setBit(validity, row);
                }
                in.consume();
            }
        }
    }

    /** 32-bit values into cells of {@code width} bytes: integers, dates, times in millis. */
    static final class Int32 extends ColumnDecoder {
        private final int width;

        Int32(int width) {
            this.width = width;
        }

        @Override
        void read(ColumnReader in, int maxDefinition, FieldVector vector, int rows) {
            ArrowBuf data = vector.getDataBuffer();
            ArrowBuf validity = vector.getValidityBuffer();
            for (int row = 0; row < rows; row++) {
                if (in.getCurrentDefinitionLevel() == maxDefinition) {
                    int value = in.getInteger();
                    switch (width) {
                        case 4 -> data.setInt((long) row * 4, value);
                        case 2 -> data.setShort((long) row * 2, (short) value);
                        default -> data.setByte(row, (byte) value);
                    }
                    BitVectorHelper.setBit(validity, row);
                }
                in.consume();
            }
        }
    }

    static final class Float64 extends ColumnDecoder {
        @Override
        void read(ColumnReader in, int maxDefinition, FieldVector vector, int rows) {
            ArrowBuf data = vector.getDataBuffer();
            ArrowBuf validity = vector.getValidityBuffer();
            for (int row = 0; row < rows; row++) {
                if (in.getCurrentDefinitionLevel() == maxDefinition) {
                    data.setDouble((long) row * Double.BYTES, in.getDouble());
                    BitVectorHelper.setBit(validity, row);
                }
                in.consume();
            }
        }
    }

    static final class Float32 extends ColumnDecoder {
        @Override
        void read(ColumnReader in, int maxDefinition, FieldVector vector, int rows) {
            ArrowBuf data = vector.getDataBuffer();
            ArrowBuf validity = vector.getValidityBuffer();
            for (int row = 0; row < rows; row++) {
                if (in.getCurrentDefinitionLevel() == maxDefinition) {
                    data.setFloat((long) row * Float.BYTES, in.getFloat());
                    BitVectorHelper.setBit(validity, row);
                }
                in.consume();
            }
        }
    }

    static final class Bool extends ColumnDecoder {
        @Override
        void read(ColumnReader in, int maxDefinition, FieldVector vector, int rows) {
            ArrowBuf data = vector.getDataBuffer();
            ArrowBuf validity = vector.getValidityBuffer();
            for (int row = 0; row < rows; row++) {
                if (in.getCurrentDefinitionLevel() == maxDefinition) {
                    BitVectorHelper.setValidityBit(data, row, in.getBoolean() ? 1 : 0);
                    BitVectorHelper.setBit(validity, row);
                }
                in.consume();
            }
        }
    }

    /** Variable-width bytes into a utf8 or binary vector, which grows as needed. */
    static final class Bytes extends ColumnDecoder {
        @Override
        void read(ColumnReader in, int maxDefinition, FieldVector vector, int rows) {
            BaseVariableWidthVector out = (BaseVariableWidthVector) vector;
            for (int row = 0; row < rows; row++) {
                if (in.getCurrentDefinitionLevel() == maxDefinition) {
                    ByteBuffer bytes = in.getBinary().toByteBuffer();
                    out.setSafe(row, bytes, bytes.position(), bytes.remaining());
                } else {
                    out.setNull(row);
                }
                in.consume();
            }
        }
    }

    /** Fixed-length bytes into a fixed-size binary vector of the same width. */
    static final class FixedBytes extends ColumnDecoder {
        private final int width;

        FixedBytes(int width) {
            this.width = width;
        }

        @Override
        void read(ColumnReader in, int maxDefinition, FieldVector vector, int rows) {
            ArrowBuf data = vector.getDataBuffer();
            ArrowBuf validity = vector.getValidityBuffer();
            for (int row = 0; row < rows; row++) {
                if (in.getCurrentDefinitionLevel() == maxDefinition) {
                    ByteBuffer bytes = in.getBinary().toByteBuffer();
                    if (bytes.remaining() != width) {
                        throw new IllegalStateException("a value of " + bytes.remaining() + " bytes in a column of "
                                + width + "-byte values");
                    }
                    data.setBytes((long) row * width, bytes);
                    BitVectorHelper.setBit(validity, row);
                }
                in.consume();
            }
        }
    }

    /**
     * Legacy INT96 timestamps (Impala, Spark, Hive) into nanoseconds since the epoch: 8 bytes of
     * nanoseconds within the day, then 4 bytes of Julian day, both little-endian.
     */
    static final class Int96 extends ColumnDecoder {
        private static final long JULIAN_EPOCH_DAY = 2_440_588L;
        private static final long NANOS_PER_DAY = 86_400_000_000_000L;

        @Override
        void read(ColumnReader in, int maxDefinition, FieldVector vector, int rows) {
            ArrowBuf data = vector.getDataBuffer();
            ArrowBuf validity = vector.getValidityBuffer();
            for (int row = 0; row < rows; row++) {
                if (in.getCurrentDefinitionLevel() == maxDefinition) {
                    ByteBuffer bytes = in.getBinary().toByteBuffer().order(java.nio.ByteOrder.LITTLE_ENDIAN);
                    int at = bytes.position();
                    long nanos = bytes.getLong(at);
                    long day = bytes.getInt(at + 8);
                    data.setLong((long) row * Long.BYTES, (day - JULIAN_EPOCH_DAY) * NANOS_PER_DAY + nanos);
                    BitVectorHelper.setBit(validity, row);
                }
                in.consume();
            }
        }
    }

    /** Decimals stored as INT32 or INT64 unscaled values. */
    static final class DecimalFromLong extends ColumnDecoder {
        private final boolean int32;

        DecimalFromLong(boolean int32) {
            this.int32 = int32;
        }

        @Override
        void read(ColumnReader in, int maxDefinition, FieldVector vector, int rows) {
            DecimalVector out = (DecimalVector) vector;
            for (int row = 0; row < rows; row++) {
                if (in.getCurrentDefinitionLevel() == maxDefinition) {
                    out.set(row, int32 ? in.getInteger() : in.getLong());
                }
                in.consume();
            }
        }
    }

    /** Decimals stored as big-endian two's complement bytes (fixed-length or binary). */
    static final class DecimalFromBytes extends ColumnDecoder {
        @Override
        void read(ColumnReader in, int maxDefinition, FieldVector vector, int rows) {
            DecimalVector out = (DecimalVector) vector;
            for (int row = 0; row < rows; row++) {
                if (in.getCurrentDefinitionLevel() == maxDefinition) {
                    Binary value = in.getBinary();
                    out.setBigEndian(row, value.getBytes());
                }
                in.consume();
            }
        }
    }
}
