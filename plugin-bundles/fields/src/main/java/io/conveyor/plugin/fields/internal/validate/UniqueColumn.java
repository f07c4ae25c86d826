package io.conveyor.plugin.fields.internal.validate;

import java.util.HashMap;
import java.util.Map;

import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FloatingPointVector;

import io.conveyor.plugin.kit.column.ByteCells;

/**
 * Every distinct non-null value of one column seen so far, with the row it was first seen in,
 * to find duplicates across batches. Numbers, booleans, dates and times are held as 64-bit keys,
 * text and binary as byte strings; other types (decimals, nested values) as Java objects. Floats
 * compare by value, with -0.0 equal to 0.0 and every NaN equal to every other. Nulls are not
 * values: they never clash (non_nullable is the check for them).
 */
final class UniqueColumn {

    private final LongFirstRows longs = new LongFirstRows();
    private final BytesFirstRows bytes = new BytesFirstRows();
    private final Map<Object, Long> others = new HashMap<>();

    /** A batch's duplicates: how many rows, and the first of them with the row its value was seen in. */
    record Duplicates(int count, int firstCell, long firstRow, long seenRow) {
    }

    /**
     * Adds the first {@code rows} values of {@code vector}, whose first row is row {@code firstRow} of
     * the input; returns the duplicates found, or null.
     */
    Duplicates add(FieldVector vector, int rows, long firstRow) {
        int count = 0;
        int firstCell = -1;
        long seenRow = 0;
        ByteCells cells = !(vector instanceof BaseFixedWidthVector) && ByteCells.canRead(vector)
                ? ByteCells.of(vector) : null;
        for (int cell = 0; cell < rows; cell++) {
            if (vector.isNull(cell)) {
                continue;
            }
            long seen;
            if (cells != null) {
                int length = cells.read(cell);
                seen = bytes.putIfAbsent(cells.bytes(), length, firstRow + cell);
            } else {
                seen = see(vector, cell, firstRow + cell);
            }
            if (seen != 0) {
                if (count++ == 0) {
                    firstCell = cell;
                    seenRow = seen;
                }
            }
        }
        return count == 0 ? null : new Duplicates(count, firstCell, firstRow + firstCell, seenRow);
    }

    private long see(FieldVector vector, int cell, long row) {
        if (vector instanceof BaseIntVector v) {
            return longs.putIfAbsent(v.getValueAsLong(cell), row);
        }
        if (vector instanceof FloatingPointVector v) {
            double value = v.getValueAsDouble(cell);
            return longs.putIfAbsent(Double.doubleToLongBits(value == 0 ? 0.0 : value), row);
        }
        if (vector instanceof BitVector v) {
            return longs.putIfAbsent(v.get(cell), row);
        }
        if (vector instanceof BaseFixedWidthVector v && v.getTypeWidth() <= 8) {
            return longs.putIfAbsent(raw(v, cell), row);
        }
        Long earlier = others.putIfAbsent(vector.getObject(cell), row);
        return earlier == null ? 0 : earlier;
    }

    /** The cell's bytes as a number: dates, times, timestamps and durations are 1 to 8 bytes wide. */
    private static long raw(BaseFixedWidthVector vector, int cell) {
        int width = vector.getTypeWidth();
        long at = (long) cell * width;
        return switch (width) {
            case 1 -> vector.getDataBuffer().getByte(at);
            case 2 -> vector.getDataBuffer().getShort(at);
            case 4 -> vector.getDataBuffer().getInt(at);
            default -> vector.getDataBuffer().getLong(at);
        };
    }
}
