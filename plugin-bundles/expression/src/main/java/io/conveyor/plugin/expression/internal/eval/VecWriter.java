package io.conveyor.plugin.expression.internal.eval;

import java.nio.ByteOrder;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.pojo.Field;

import io.conveyor.plugin.expression.internal.lang.Type;

/** Copies a {@link Vec} into a new Arrow vector: fixed-width values and string offsets in bulk. */
final class VecWriter {

    private VecWriter() {
    }

    static FieldVector write(Vec vec, Field field, BufferAllocator allocator) {
        FieldVector vector = field.createVector(allocator);
        try {
            int n = vec.rows;
            switch (vec.type) {
                case INT -> {
                    BigIntVector v = (BigIntVector) vector;
                    v.allocateNew(n);
                    v.getDataBuffer().nioBuffer(0, n * 8).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer()
                            .put(vec.longs, 0, n);
                }
                case TIMESTAMP -> {
                    TimeStampMicroVector v = (TimeStampMicroVector) vector;
                    v.allocateNew(n);
                    v.getDataBuffer().nioBuffer(0, n * 8).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer()
                            .put(vec.longs, 0, n);
                }
                case FLOAT -> {
                    Float8Vector v = (Float8Vector) vector;
                    v.allocateNew(n);
                    v.getDataBuffer().nioBuffer(0, n * 8).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer()
                            .put(vec.doubles, 0, n);
                }
                case DATE -> {
                    DateDayVector v = (DateDayVector) vector;
                    v.allocateNew(n);
                    ArrowBuf data = v.getDataBuffer();
                    for (int i = 0; i < n; i++) {
                        data.setInt(i * 4L, (int) vec.longs[i]);
                    }
                }
                case BOOL -> {
                    BitVector v = (BitVector) vector;
                    v.allocateNew(n);
                    ArrowBuf data = v.getDataBuffer();
                    writeBits(data, vec.bools, n, false);
                }
                case STRING -> writeStrings((VarCharVector) vector, vec);
                case NULL -> {
                    VarCharVector v = (VarCharVector) vector;
                    v.allocateNew(0, n);
                }
            }
            writeValidity(vector, vec);
            vector.setValueCount(n);
            return vector;
        } catch (RuntimeException e) {
            vector.close();
            throw e;
        }
    }

    private static void writeStrings(VarCharVector v, Vec vec) {
        int n = vec.rows;
        int bytes = vec.offsets[n];
        v.allocateNew(Math.max(bytes, 1), n);
        v.getOffsetBuffer().nioBuffer(0, (n + 1) * 4).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer()
                .put(vec.offsets, 0, n + 1);
        v.getDataBuffer().setBytes(0, vec.bytes, 0, bytes);
        v.setLastSet(n - 1);
    }

    private static void writeValidity(FieldVector vector, Vec vec) {
        int n = vec.rows;
        ArrowBuf validity = vector.getValidityBuffer();
        if (vec.type == Type.NULL) {
            validity.setZero(0, (n + 7) >> 3);
            return;
        }
        if (!vec.hasNulls) {
            int full = n >> 3;
            validity.setOne(0, full);
            if ((n & 7) != 0) {
                validity.setByte(full, (1 << (n & 7)) - 1);
            }
            return;
        }
        writeBits(validity, vec.nulls, n, true);
    }

    /** Packs flags into bits, 8 rows a byte; {@code invert} writes 1 for false (validity from null flags). */
    private static void writeBits(ArrowBuf buffer, boolean[] flags, int n, boolean invert) {
        int i = 0;
        int byteIndex = 0;
        for (; i + 8 <= n; i += 8) {
            int b = 0;
            for (int k = 0; k < 8; k++) {
                if (flags[i + k] != invert) {
                    b |= 1 << k;
                }
            }
            buffer.setByte(byteIndex++, b);
        }
        if (i < n) {
            int b = 0;
            for (int k = 0; i + k < n; k++) {
                if (flags[i + k] != invert) {
                    b |= 1 << k;
                }
            }
            buffer.setByte(byteIndex, b);
        }
    }
}
