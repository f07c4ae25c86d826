package io.conveyor.plugin.core.internal.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;

import io.conveyor.plugin.core.internal.text.TextBuffer;
import io.conveyor.plugin.kit.column.ColumnReader;

/**
 * Encodes the cells of one batch as JSON values into a {@link TextBuffer}: int64, float64, bool
 * and utf8 vectors straight from their buffers (text escaped byte by byte, as Jackson escapes
 * it: a backslash before a quote or a backslash, {@code b t n f r} after one for those control
 * characters, and a backslash, {@code u} and four upper-case hex digits for the others), every other
 * type through {@link ColumnReader}, as before.
 */
final class JsonCells {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long CONTROL_LIMIT = 0x2020202020202020L;
    private static final long QUOTES = 0x2222222222222222L;
    private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final byte[] NULL = bytes("null");
    private static final byte[] TRUE = bytes("true");
    private static final byte[] FALSE = bytes("false");
    private static final byte[] HEX = bytes("0123456789ABCDEF");
    /** Per ASCII byte: 0 to copy it, a letter for a short escape, 'u' for a six-character one. */
    private static final byte[] ESCAPES = new byte[128];

    static {
        for (int c = 0; c < 0x20; c++) {
            ESCAPES[c] = 'u';
        }
        ESCAPES['\b'] = 'b';
        ESCAPES['\t'] = 't';
        ESCAPES['\n'] = 'n';
        ESCAPES['\f'] = 'f';
        ESCAPES['\r'] = 'r';
        ESCAPES['"'] = '"';
        ESCAPES['\\'] = '\\';
    }

    private enum Kind { LONG, DOUBLE, BOOL, TEXT, OTHER }

    private final TextBuffer text;
    private FieldVector[] vectors = new FieldVector[0];
    private Kind[] kinds = new Kind[0];
    private ColumnReader[] readers = new ColumnReader[0];
    /** Per utf8 column, its data buffer copied once per batch, so cells are read from an array. */
    private byte[][] textData = new byte[0][];

    /** Cells written into {@code text}; {@link #bind} a batch before writing its cells. */
    JsonCells(TextBuffer text) {
        this.text = text;
    }

    /** Takes the columns of the batch to write next; the arrays of the last batch are reused. */
    void bind(List<FieldVector> columns) {
        int count = columns.size();
        if (vectors.length != count) {
            vectors = new FieldVector[count];
            kinds = new Kind[count];
            readers = new ColumnReader[count];
            textData = new byte[count][];
        }
        for (int c = 0; c < count; c++) {
            FieldVector vector = columns.get(c);
            vectors[c] = vector;
            kinds[c] = vector instanceof BigIntVector ? Kind.LONG : vector instanceof Float8Vector ? Kind.DOUBLE
                    : vector instanceof BitVector ? Kind.BOOL : vector instanceof VarCharVector ? Kind.TEXT
                    : Kind.OTHER;
            readers[c] = ColumnReader.of(vector);
            if (kinds[c] == Kind.TEXT) {
                textData[c] = copyData((VarCharVector) vector, textData[c]);
            }
        }
    }

    /** The vector's data buffer, in {@code reuse} if it is large enough, with eight spare bytes after it. */
    private static byte[] copyData(VarCharVector vector, byte[] reuse) {
        int rows = vector.getValueCount();
        int end = rows == 0 ? 0 : vector.getOffsetBuffer().getInt((long) rows * VarCharVector.OFFSET_WIDTH);
        // the spare bytes let escapes be looked for a word at a time up to the last cell's end
        byte[] data = reuse != null && reuse.length >= end + Long.BYTES ? reuse : new byte[end + end / 4 + Long.BYTES];
        vector.getDataBuffer().getBytes(0, data, 0, end);
        return data;
    }

    /** Appends the value of column {@code c} in row {@code r}. */
    void writeValue(int c, int r) {
        FieldVector vector = vectors[c];
        if (vector.isNull(r)) {
            text.append(NULL, 0, NULL.length);
            return;
        }
        switch (kinds[c]) {
            case LONG -> text.appendLong(((BigIntVector) vector).get(r));
            case DOUBLE -> writeDouble(((Float8Vector) vector).get(r));
            case BOOL -> writeBoolean(((BitVector) vector).get(r) != 0);
            case TEXT -> writeText((VarCharVector) vector, textData[c], r);
            case OTHER -> writeOther(readers[c], r);
        }
    }

    private void writeDouble(double value) {
        if (Double.isFinite(value)) {
            text.appendDouble(value);
        } else {
            text.append(NULL, 0, NULL.length);
        }
    }

    private void writeBoolean(boolean value) {
        byte[] word = value ? TRUE : FALSE;
        text.append(word, 0, word.length);
    }

    private void writeOther(ColumnReader reader, int r) {
        switch (reader.kind()) {
            case INTEGER -> text.appendLong(reader.getLong(r));
            case FLOAT -> writeDouble(reader.getDouble(r));
            case BOOL -> writeBoolean(reader.getBoolean(r));
            case STRING, OTHER -> writeString(text, reader.getString(r));
        }
    }

    /** Appends a text cell, quoted, escaping it only if it holds a byte that must be. */
    private void writeText(VarCharVector vector, byte[] data, int r) {
        ArrowBuf offsets = vector.getOffsetBuffer();
        int start = offsets.getInt((long) r * VarCharVector.OFFSET_WIDTH);
        int end = offsets.getInt((long) (r + 1) * VarCharVector.OFFSET_WIDTH);
        text.append((byte) '"');
        if (needsEscape(data, start, end)) {
            escape(text, data, start, end);
        } else {
            text.append(data, start, end - start);
        }
        text.append((byte) '"');
    }

    /**
     * Whether a byte in {@code [start, end)} is a control character, a quote or a backslash,
     * looked for eight bytes at a time; the eight bytes after {@code end} must be readable.
     */
    private static boolean needsEscape(byte[] b, int start, int end) {
        for (int i = start; i < end; i += Long.BYTES) {
            long word = (long) LONGS.get(b, i);
            long found = ((word - CONTROL_LIMIT) & ~word) | firstZero(word ^ QUOTES) | firstZero(word ^ BACKSLASHES);
            found &= HIGH_BITS;
            if (found != 0 && i + (Long.numberOfTrailingZeros(found) >>> 3) < end) {
                return true;
            }
        }
        return false;
    }

    /** The high bit of zero bytes of {@code x}; exact for the lowest one, which is what is looked at. */
    private static long firstZero(long x) {
        return (x - 0x0101010101010101L) & ~x;
    }

    /** Appends text as a JSON string, quoted and escaped. */
    static void writeString(TextBuffer text, String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        text.append((byte) '"');
        escape(text, utf8, 0, utf8.length);
        text.append((byte) '"');
    }

    private static void escape(TextBuffer text, byte[] b, int start, int end) {
        int from = start;
        for (int i = start; i < end; i++) {
            byte c = b[i];
            if (c < 0 || ESCAPES[c] == 0) {
                continue;
            }
            text.append(b, from, i - from);
            text.append((byte) '\\');
            if (ESCAPES[c] == 'u') {
                text.append((byte) 'u');
                text.append((byte) '0');
                text.append((byte) '0');
                text.append(HEX[c >> 4]);
                text.append(HEX[c & 0xF]);
            } else {
                text.append(ESCAPES[c]);
            }
            from = i + 1;
        }
        text.append(b, from, end - from);
    }

    private static byte[] bytes(String ascii) {
        return ascii.getBytes(StandardCharsets.US_ASCII);
    }
}
