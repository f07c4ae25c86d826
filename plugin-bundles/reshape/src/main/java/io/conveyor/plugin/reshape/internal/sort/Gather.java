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
 * (nested, views) go through Arrow's generic cell copy.
 */
final class Gather {

    private final List<Field> fields;
    private final FieldVector[][] columns;

    /** @param held the batches to gather from; they must outlive this gather */
    Gather(List<Field> fields, HeldBatches held) {
        this.fields = fields;
        this.columns = new FieldVector[fields.size()][];
        for (int c = 0; c < columns.length; c++) {
            columns[c] = held.column(c).toArray(new FieldVector[0]);
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

    private static void column(FieldVector[] sources, FieldVector target, int[] batches, int[] rows, int count) {
        if (target instanceof BitVector bits) {
            booleans(sources, bits, batches, rows, count);
        } else if (target instanceof BaseFixedWidthVector fixed) {
            fixedWidth(sources, fixed, batches, rows, count);
        } else if (target instanceof BaseVariableWidthVector variable) {
            variableWidth(sources, variable, batches, rows, count);
        } else if (target instanceof BaseLargeVariableWidthVector large) {
            largeVariableWidth(sources, large, batches, rows, count);
        } else {
            target.setInitialCapacity(count);
            target.allocateNew();
            for (int j = 0; j < count; j++) {
                target.copyFromSafe(rows[j], j, sources[batches[j]]);
            }
            target.setValueCount(count);
        }
    }

    private static void fixedWidth(FieldVector[] sources, BaseFixedWidthVector target, int[] batches, int[] rows,
            int count) {
        target.allocateNew(count);
        ArrowBuf validity = target.getValidityBuffer();
        ArrowBuf data = target.getDataBuffer();
        int width = target.getTypeWidth();
        for (int j = 0; j < count; j++) {
            FieldVector source = sources[batches[j]];
            int row = rows[j];
            BitVectorHelper.setValidityBit(validity, j, isSet(source, row));
            ArrowBuf from = source.getDataBuffer();
            switch (width) {
                case 8 -> data.setLong((long) j * 8, from.getLong((long) row * 8));
                case 4 -> data.setInt((long) j * 4, from.getInt((long) row * 4));
                case 2 -> data.setShort((long) j * 2, from.getShort((long) row * 2));
                case 1 -> data.setByte(j, from.getByte(row));
                default -> data.setBytes((long) j * width, from, (long) row * width, width);
            }
        }
        target.setValueCount(count);
    }

    private static void booleans(FieldVector[] sources, BitVector target, int[] batches, int[] rows, int count) {
        target.allocateNew(count);
        ArrowBuf validity = target.getValidityBuffer();
        ArrowBuf data = target.getDataBuffer();
        for (int j = 0; j < count; j++) {
            FieldVector source = sources[batches[j]];
            int row = rows[j];
            BitVectorHelper.setValidityBit(validity, j, isSet(source, row));
            BitVectorHelper.setValidityBit(data, j, BitVectorHelper.get(source.getDataBuffer(), row));
        }
        target.setValueCount(count);
    }

    private static void variableWidth(FieldVector[] sources, BaseVariableWidthVector target, int[] batches,
            int[] rows, int count) {
        long total = 0;
        for (int j = 0; j < count; j++) {
            ArrowBuf offsets = sources[batches[j]].getOffsetBuffer();
            long at = (long) rows[j] * BaseVariableWidthVector.OFFSET_WIDTH;
            total += offsets.getInt(at + BaseVariableWidthVector.OFFSET_WIDTH) - offsets.getInt(at);
        }
        target.allocateNew(Math.max(total, 1), count);
        ArrowBuf validity = target.getValidityBuffer();
        ArrowBuf data = target.getDataBuffer();
        ArrowBuf targetOffsets = target.getOffsetBuffer();
        targetOffsets.setInt(0, 0);
        int position = 0;
        for (int j = 0; j < count; j++) {
            FieldVector source = sources[batches[j]];
            ArrowBuf offsets = source.getOffsetBuffer();
            long at = (long) rows[j] * BaseVariableWidthVector.OFFSET_WIDTH;
            int start = offsets.getInt(at);
            int length = offsets.getInt(at + BaseVariableWidthVector.OFFSET_WIDTH) - start;
            BitVectorHelper.setValidityBit(validity, j, isSet(source, rows[j]));
            data.setBytes(position, source.getDataBuffer(), start, length);
            position += length;
            targetOffsets.setInt((long) (j + 1) * BaseVariableWidthVector.OFFSET_WIDTH, position);
        }
        target.setLastSet(count - 1);
        target.setValueCount(count);
    }

    private static void largeVariableWidth(FieldVector[] sources, BaseLargeVariableWidthVector target,
            int[] batches, int[] rows, int count) {
        int width = BaseLargeVariableWidthVector.OFFSET_WIDTH;
        long total = 0;
        for (int j = 0; j < count; j++) {
            ArrowBuf offsets = sources[batches[j]].getOffsetBuffer();
            long at = (long) rows[j] * width;
            total += offsets.getLong(at + width) - offsets.getLong(at);
        }
        target.allocateNew(Math.max(total, 1), count);
        ArrowBuf validity = target.getValidityBuffer();
        ArrowBuf data = target.getDataBuffer();
        ArrowBuf targetOffsets = target.getOffsetBuffer();
        targetOffsets.setLong(0, 0);
        long position = 0;
        for (int j = 0; j < count; j++) {
            FieldVector source = sources[batches[j]];
            ArrowBuf offsets = source.getOffsetBuffer();
            long at = (long) rows[j] * width;
            long start = offsets.getLong(at);
            long length = offsets.getLong(at + width) - start;
            BitVectorHelper.setValidityBit(validity, j, isSet(source, rows[j]));
            data.setBytes(position, source.getDataBuffer(), start, length);
            position += length;
            targetOffsets.setLong((long) (j + 1) * width, position);
        }
        target.setLastSet(count - 1);
        target.setValueCount(count);
    }

    private static int isSet(FieldVector vector, int row) {
        return BitVectorHelper.get(vector.getValidityBuffer(), row);
    }
}
