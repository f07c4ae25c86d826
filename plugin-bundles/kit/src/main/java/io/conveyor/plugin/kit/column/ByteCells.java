package io.conveyor.plugin.kit.column;

import org.apache.arrow.vector.BaseLargeVariableWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Reads the bytes of variable-width cells (utf8, binary and their large variants) straight from
 * the data buffer into one reused array: no {@code String} or array per cell. Not thread-safe.
 */
public final class ByteCells {

    private final BaseVariableWidthVector narrow;
    private final BaseLargeVariableWidthVector large;
    private byte[] bytes = new byte[256];

    private ByteCells(FieldVector vector) {
        this.narrow = vector instanceof BaseVariableWidthVector v ? v : null;
        this.large = vector instanceof BaseLargeVariableWidthVector v ? v : null;
        if (narrow == null && large == null) {
            throw new IllegalArgumentException("not a variable-width vector: " + vector.getField());
        }
    }

    /** Whether a field holds text (utf8 or large_utf8). */
    public static boolean isText(Field field) {
        return field.getType() instanceof ArrowType.Utf8 || field.getType() instanceof ArrowType.LargeUtf8;
    }

    /** Whether a vector's cells can be read by this class. */
    public static boolean canRead(FieldVector vector) {
        return vector instanceof BaseVariableWidthVector || vector instanceof BaseLargeVariableWidthVector;
    }

    /** A reader of {@code vector}, for which {@link #canRead} holds. */
    public static ByteCells of(FieldVector vector) {
        return new ByteCells(vector);
    }

    public boolean isNull(int row) {
        return narrow != null ? narrow.isNull(row) : large.isNull(row);
    }

    /** Copies the non-null cell's bytes into {@link #bytes()} from index 0; returns their count. */
    public int read(int row) {
        if (narrow != null) {
            int start = narrow.getStartOffset(row);
            int length = narrow.getValueLength(row);
            narrow.getDataBuffer().getBytes(start, ensure(length), 0, length);
            return length;
        }
        long start = largeOffset(row);
        int length = large.getValueLength(row);
        large.getDataBuffer().getBytes(start, ensure(length), 0, length);
        return length;
    }

    /**
     * The array the last {@link #read} filled; valid until the next read, which may replace it.
     * Call {@link #read} first: {@code use(cells.bytes(), cells.read(row))} passes the old array.
     */
    public byte[] bytes() {
        return bytes;
    }

    /** The bytes of the first {@code rows} cells together, for sizing output. */
    public long totalBytes(int rows) {
        if (rows == 0) {
            return 0;
        }
        return narrow != null ? narrow.getStartOffset(rows) - narrow.getStartOffset(0)
                : largeOffset(rows) - largeOffset(0);
    }

    private long largeOffset(int row) {
        return large.getOffsetBuffer().getLong((long) row * BaseLargeVariableWidthVector.OFFSET_WIDTH);
    }

    private byte[] ensure(int length) {
        if (bytes.length < length) {
            bytes = new byte[Math.max(length, bytes.length * 2)];
        }
        return bytes;
    }
}
