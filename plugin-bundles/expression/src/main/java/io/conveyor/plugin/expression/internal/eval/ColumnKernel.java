package io.conveyor.plugin.expression.internal.eval;

import java.nio.ByteOrder;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.FloatingPointVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;

import io.conveyor.plugin.expression.internal.lang.Type;

/**
 * Reads one input column into its {@link Vec}: fixed-width data and string offsets in bulk
 * copies, validity bits only when the column has nulls.
 */
final class ColumnKernel extends Kernel {

    private final int index;
    private byte[] validityScratch = new byte[0];

    ColumnKernel(Type type, int index, int at) {
        super(type, at);
        this.index = index;
    }

    int index() {
        return index;
    }

    @Override
    void compute(Frame frame, Vec out) {
        FieldVector vector = frame.columns[index];
        int rows = frame.rows;
        if (rows == 0) {
            return;
        }
        switch (type) {
            case INT -> readIntegers(vector, rows, out);
            case FLOAT -> readFloats(vector, rows, out);
            case BOOL -> readBools((BitVector) vector, rows, out);
            case STRING -> readStrings(vector, rows, out);
            case DATE -> readDates(vector, rows, out);
            case TIMESTAMP -> readTimestamps((TimeStampVector) vector, rows, out);
            case NULL -> out.allNull();
        }
        if (type != Type.NULL) {
            readValidity(vector, rows, out);
        }
    }

    private static void readIntegers(FieldVector vector, int rows, Vec out) {
        if (vector instanceof BigIntVector v) {
            v.getDataBuffer().nioBuffer(0, rows * 8).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer()
                    .get(out.longs, 0, rows);
        } else {
            BaseIntVector v = (BaseIntVector) vector;
            long[] longs = out.longs;
            for (int i = 0; i < rows; i++) {
                longs[i] = v.getValueAsLong(i);
            }
        }
    }

    private static void readFloats(FieldVector vector, int rows, Vec out) {
        if (vector instanceof Float8Vector v) {
            v.getDataBuffer().nioBuffer(0, rows * 8).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer()
                    .get(out.doubles, 0, rows);
        } else {
            FloatingPointVector v = (FloatingPointVector) vector;
            double[] doubles = out.doubles;
            for (int i = 0; i < rows; i++) {
                doubles[i] = v.getValueAsDouble(i);
            }
        }
    }

    private void readBools(BitVector vector, int rows, Vec out) {
        byte[] bits = bytesOf(vector.getDataBuffer(), rows);
        boolean[] bools = out.bools;
        for (int i = 0; i < rows; i++) {
            bools[i] = (bits[i >> 3] >> (i & 7) & 1) != 0;
        }
    }

    private static void readStrings(FieldVector vector, int rows, Vec out) {
        int[] offsets = out.offsets;
        if (vector instanceof VarCharVector v) {
            v.getOffsetBuffer().nioBuffer(0, (rows + 1) * 4).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer()
                    .get(offsets, 0, rows + 1);
        } else {
            ArrowBuf large = ((LargeVarCharVector) vector).getOffsetBuffer();
            for (int i = 0; i <= rows; i++) {
                offsets[i] = Math.toIntExact(large.getLong(i * 8L));
            }
        }
        int end = offsets[rows];
        out.reserveBytes(0, end);
        vector.getDataBuffer().getBytes(0, out.bytes, 0, end);
    }

    private static void readDates(FieldVector vector, int rows, Vec out) {
        long[] longs = out.longs;
        if (vector instanceof DateDayVector v) {
            ArrowBuf data = v.getDataBuffer();
            for (int i = 0; i < rows; i++) {
                longs[i] = data.getInt(i * 4L);
            }
        } else {
            ArrowBuf data = ((DateMilliVector) vector).getDataBuffer();
            for (int i = 0; i < rows; i++) {
                longs[i] = Math.floorDiv(data.getLong(i * 8L), 86_400_000L);
            }
        }
    }

    private static void readTimestamps(TimeStampVector vector, int rows, Vec out) {
        TimeUnit unit = ((ArrowType.Timestamp) vector.getField().getType()).getUnit();
        long[] longs = out.longs;
        vector.getDataBuffer().nioBuffer(0, rows * 8).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer()
                .get(longs, 0, rows);
        switch (unit) {
            case SECOND -> scale(longs, rows, 1_000_000L);
            case MILLISECOND -> scale(longs, rows, 1_000L);
            case MICROSECOND -> {
                // already microseconds
            }
            case NANOSECOND -> {
                for (int i = 0; i < rows; i++) {
                    longs[i] = Math.floorDiv(longs[i], 1_000L);
                }
            }
        }
    }

    private static void scale(long[] longs, int rows, long factor) {
        for (int i = 0; i < rows; i++) {
            longs[i] *= factor;
        }
    }

    private void readValidity(FieldVector vector, int rows, Vec out) {
        if (vector.getNullCount() == 0) {
            out.hasNulls = false;
            return;
        }
        byte[] bits = bytesOf(vector.getValidityBuffer(), rows);
        out.trackNulls();
        boolean[] nulls = out.nulls;
        for (int i = 0; i < rows; i++) {
            nulls[i] = (bits[i >> 3] >> (i & 7) & 1) == 0;
        }
    }

    private byte[] bytesOf(ArrowBuf buffer, int rows) {
        int length = (rows + 7) >> 3;
        if (validityScratch.length < length) {
            validityScratch = new byte[Math.max(length, validityScratch.length * 2)];
        }
        buffer.getBytes(0, validityScratch, 0, length);
        return validityScratch;
    }
}
