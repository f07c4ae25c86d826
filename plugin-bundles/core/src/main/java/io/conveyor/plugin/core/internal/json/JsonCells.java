package io.conveyor.plugin.core.internal.json;

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

    private final FieldVector[] vectors;
    private final Kind[] kinds;
    private final ColumnReader[] readers;
    private final TextBuffer text;

    JsonCells(List<FieldVector> vectors, TextBuffer text) {
        this.vectors = vectors.toArray(new FieldVector[0]);
        this.kinds = new Kind[this.vectors.length];
        this.readers = new ColumnReader[this.vectors.length];
        for (int c = 0; c < kinds.length; c++) {
            FieldVector vector = this.vectors[c];
            kinds[c] = vector instanceof BigIntVector ? Kind.LONG : vector instanceof Float8Vector ? Kind.DOUBLE
                    : vector instanceof BitVector ? Kind.BOOL : vector instanceof VarCharVector ? Kind.TEXT
                    : Kind.OTHER;
            readers[c] = ColumnReader.of(vector);
        }
        this.text = text;
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
            case TEXT -> writeText((VarCharVector) vector, r);
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

    /** Copies a text cell from the vector's data buffer, then escapes it in place if it must be. */
    private void writeText(VarCharVector vector, int r) {
        ArrowBuf offsets = vector.getOffsetBuffer();
        int start = offsets.getInt((long) r * VarCharVector.OFFSET_WIDTH);
        int length = offsets.getInt((long) (r + 1) * VarCharVector.OFFSET_WIDTH) - start;
        text.append((byte) '"');
        int at = text.length();
        text.append(vector.getDataBuffer(), start, length);
        int first = firstEscaped(text.array(), at, at + length);
        if (first >= 0) {
            byte[] raw = new byte[at + length - first];
            System.arraycopy(text.array(), first, raw, 0, raw.length);
            text.truncate(first);
            escape(text, raw, 0, raw.length);
        }
        text.append((byte) '"');
    }

    /** Appends text as a JSON string, quoted and escaped. */
    static void writeString(TextBuffer text, String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        text.append((byte) '"');
        escape(text, utf8, 0, utf8.length);
        text.append((byte) '"');
    }

    private static int firstEscaped(byte[] b, int start, int end) {
        for (int i = start; i < end; i++) {
            byte c = b[i];
            if (c >= 0 && ESCAPES[c] != 0) {
                return i;
            }
        }
        return -1;
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
