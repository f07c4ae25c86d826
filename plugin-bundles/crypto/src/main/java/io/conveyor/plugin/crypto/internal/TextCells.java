package io.conveyor.plugin.crypto.internal;

import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/** Reads the UTF-8 bytes of a text column's cells straight from its data buffer, into a reused array. */
final class TextCells {

    private final VarCharVector narrow;
    private final LargeVarCharVector large;
    private byte[] bytes = new byte[256];

    private TextCells(FieldVector vector) {
        this.narrow = vector instanceof VarCharVector v ? v : null;
        this.large = vector instanceof LargeVarCharVector v ? v : null;
    }

    /** Whether a field holds text this class reads (utf8 or large_utf8). */
    static boolean isText(Field field) {
        return field.getType() instanceof ArrowType.Utf8 || field.getType() instanceof ArrowType.LargeUtf8;
    }

    /** A reader of {@code vector}, which must be a field {@link #isText}. */
    static TextCells of(FieldVector vector) {
        return new TextCells(vector);
    }

    boolean isNull(int row) {
        return narrow != null ? narrow.isNull(row) : large.isNull(row);
    }

    /** Copies the non-null cell's bytes into {@link #bytes()} from index 0; returns their count. */
    int read(int row) {
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

    /** The array the last {@link #read} filled; valid until the next read. */
    byte[] bytes() {
        return bytes;
    }

    /** The bytes of all the first {@code rows} cells, for sizing output. */
    long totalBytes(int rows) {
        if (rows == 0) {
            return 0;
        }
        return narrow != null ? narrow.getStartOffset(rows) - narrow.getStartOffset(0)
                : largeOffset(rows) - largeOffset(0);
    }

    private long largeOffset(int row) {
        return large.getOffsetBuffer().getLong((long) row * LargeVarCharVector.OFFSET_WIDTH);
    }

    private byte[] ensure(int length) {
        if (bytes.length < length) {
            bytes = new byte[Math.max(length, bytes.length * 2)];
        }
        return bytes;
    }
}
