package io.conveyor.plugin.reshape.internal.sort;

import java.util.ArrayList;
import java.util.List;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseLargeVariableWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;

import io.conveyor.plugin.reshape.internal.common.Vectors;

/**
 * Builds output batches out of rows of the held batches, column by column: fixed-width values
 * are copied as 1, 2, 4, 8 or n bytes straight between Arrow buffers, booleans bit by bit,
 * variable-width values into a data buffer sized once for the whole batch; only other types
 * (nested, views) go through Arrow's generic cell copy. Validity is read only from batches that
 * have nulls; a column without any is marked valid in one fill.
 */
final class Gather {

    private final List<Field> fields;
    private final Column[] columns;

    /** One column's buffers, one per held batch, looked up once rather than per row. */
    private static final class Column {
        final FieldVector[] vectors;
        final ArrowBuf[] data;
        final ArrowBuf[] validity;
        final ArrowBuf[] offsets;
        final boolean[] hasNulls;
        final boolean anyNulls;

        Column(List<FieldVector> vectors) {
            int batches = vectors.size();
            this.vectors = vectors.toArray(new FieldVector[0]);
            this.data = new ArrowBuf[batches];
            this.validity = new ArrowBuf[batches];
            this.offsets = new ArrowBuf[batches];
            this.hasNulls = new boolean[batches];
            boolean any = false;
            for (int b = 0; b < batches; b++) {
                FieldVector vector = this.vectors[b];
                if (vector instanceof BaseFixedWidthVector || vector instanceof BaseVariableWidthVector
                        || vector instanceof BaseLargeVariableWidthVector) {
                    data[b] = vector.getDataBuffer();
                    validity[b] = vector.getValidityBuffer();
                    offsets[b] = vector instanceof BaseFixedWidthVector ? null : vector.getOffsetBuffer();
                }
                hasNulls[b] = vector.getNullCount() > 0;
                any |= hasNulls[b];
            }
            this.anyNulls = any;
        }

        int isSet(int batch, int row) {
            return hasNulls[batch] ? BitVectorHelper.get(validity[batch], row) : 1;
        }
    }

    /** @param held the batches to gather from; they must outlive this gather */
    Gather(List<Field> fields, HeldBatches held) {
        this.fields = fields;
        this.columns = new Column[fields.size()];
        for (int c = 0; c < columns.length; c++) {
            columns[c] = new Column(held.column(c));
        }
    }

    /** A batch of {@code count} rows: row {@code j} is row {@code rows[j]} of batch {@code batches[j]}. */
    VectorSchemaRoot batch(int[] batches, int[] rows, int count, BufferAllocator allocator) {
        List<FieldVector> vectors = new ArrayList<>(fields.size());
        try {
            for (int c = 0; c < columns.length; c++) {
                FieldVector target = fields.get(c).createVector(allocator);
                vectors.add(target);
                column(columns[c], target, batches, rows, count);
            }
        } catch (RuntimeException e) {
            vectors.forEach(FieldVector::close);
            throw e;
        }
        return Vectors.root(vectors, count);
    }

    private static void column(Column source, FieldVector target, int[] batches, int[] rows, int count) {
        if (target instanceof BitVector bits) {
            booleans(source, bits, batches, rows, count);
        } else if (target instanceof BaseFixedWidthVector fixed) {
            fixedWidth(source, fixed, batches, rows, count);
        } else if (target instanceof BaseVariableWidthVector variable) {
            variableWidth(source, variable, batches, rows, count);
        } else if (target instanceof BaseLargeVariableWidthVector large) {
            largeVariableWidth(source, large, batches, rows, count);
        } else {
            target.setInitialCapacity(count);
            target.allocateNew();
            for (int j = 0; j < count; j++) {
                target.copyFromSafe(rows[j], j, source.vectors[batches[j]]);
            }
            target.setValueCount(count);
        }
    }

    private static void validity(Column source, ArrowBuf validity, int[] batches, int[] rows, int count) {
        if (!source.anyNulls) {
            validity.setOne(0, BitVectorHelper.getValidityBufferSize(count));
            return;
        }
        for (int j = 0; j < count; j++) {
            BitVectorHelper.setValidityBit(validity, j, source.isSet(batches[j], rows[j]));
        }
    }

    private static void fixedWidth(Column source, BaseFixedWidthVector target, int[] batches, int[] rows,
            int count) {
        target.allocateNew(count);
        validity(source, target.getValidityBuffer(), batches, rows, count);
        ArrowBuf to = target.getDataBuffer();
        ArrowBuf[] from = source.data;
        int width = target.getTypeWidth();
        switch (width) {
            case 8 -> {
                for (int j = 0; j < count; j++) {
                    to.setLong((long) j * 8, from[batches[j]].getLong((long) rows[j] * 8));
                }
            }
            case 4 -> {
                for (int j = 0; j < count; j++) {
                    to.setInt((long) j * 4, from[batches[j]].getInt((long) rows[j] * 4));
                }
            }
            case 2 -> {
                for (int j = 0; j < count; j++) {
                    to.setShort((long) j * 2, from[batches[j]].getShort((long) rows[j] * 2));
                }
            }
            case 1 -> {
                for (int j = 0; j < count; j++) {
                    to.setByte(j, from[batches[j]].getByte(rows[j]));
                }
            }
            default -> {
                for (int j = 0; j < count; j++) {
                    to.setBytes((long) j * width, from[batches[j]], (long) rows[j] * width, width);
                }
            }
        }
        target.setValueCount(count);
    }

    private static void booleans(Column source, BitVector target, int[] batches, int[] rows, int count) {
        target.allocateNew(count);
        validity(source, target.getValidityBuffer(), batches, rows, count);
        ArrowBuf to = target.getDataBuffer();
        for (int j = 0; j < count; j++) {
            BitVectorHelper.setValidityBit(to, j, BitVectorHelper.get(source.data[batches[j]], rows[j]));
        }
        target.setValueCount(count);
    }

    private static void variableWidth(Column source, BaseVariableWidthVector target, int[] batches, int[] rows,
            int count) {
        int width = BaseVariableWidthVector.OFFSET_WIDTH;
        long total = 0;
        for (int j = 0; j < count; j++) {
            ArrowBuf offsets = source.offsets[batches[j]];
            long at = (long) rows[j] * width;
            total += offsets.getInt(at + width) - offsets.getInt(at);
        }
        target.allocateNew(Math.max(total, 1), count);
        validity(source, target.getValidityBuffer(), batches, rows, count);
        ArrowBuf data = target.getDataBuffer();
        ArrowBuf targetOffsets = target.getOffsetBuffer();
        targetOffsets.setInt(0, 0);
        int position = 0;
        for (int j = 0; j < count; j++) {
            ArrowBuf offsets = source.offsets[batches[j]];
            long at = (long) rows[j] * width;
            int start = offsets.getInt(at);
            int length = offsets.getInt(at + width) - start;
            data.setBytes(position, source.data[batches[j]], start, length);
            position += length;
            targetOffsets.setInt((long) (j + 1) * width, position);
        }
        target.setLastSet(count - 1);
        target.setValueCount(count);
    }

    private static void largeVariableWidth(Column source, BaseLargeVariableWidthVector target, int[] batches,
            int[] rows, int count) {
        int width = BaseLargeVariableWidthVector.OFFSET_WIDTH;
        long total = 0;
        for (int j = 0; j < count; j++) {
            ArrowBuf offsets = source.offsets[batches[j]];
            long at = (long) rows[j] * width;
            total += offsets.getLong(at + width) - offsets.getLong(at);
        }
        target.allocateNew(Math.max(total, 1), count);
        validity(source, target.getValidityBuffer(), batches, rows, count);
        ArrowBuf data = target.getDataBuffer();
        ArrowBuf targetOffsets = target.getOffsetBuffer();
        targetOffsets.setLong(0, 0);
        long position = 0;
        for (int j = 0; j < count; j++) {
            ArrowBuf offsets = source.offsets[batches[j]];
            long at = (long) rows[j] * width;
            long start = offsets.getLong(at);
            long length = offsets.getLong(at + width) - start;
            data.setBytes(position, source.data[batches[j]], start, length);
            position += length;
            targetOffsets.setLong((long) (j + 1) * width, position);
        }
        target.setLastSet(count - 1);
        target.setValueCount(count);
    }
}
