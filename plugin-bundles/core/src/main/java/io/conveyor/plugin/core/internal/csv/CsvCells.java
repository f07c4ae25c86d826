package io.conveyor.plugin.core.internal.csv;

import java.nio.charset.StandardCharsets;
import java.util.List;

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
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.TimeStampNanoVector;
import org.apache.arrow.vector.TimeStampSecVector;
import org.apache.arrow.vector.VarCharVector;

import io.conveyor.plugin.core.internal.text.TextBuffer;
import io.conveyor.plugin.kit.column.TemporalText;

/**
 * Encodes the rows of one batch as CSV into a {@link TextBuffer}, reading each vector by its
 * class: numbers are formatted from their values, text is copied from the vector's data buffer
 * and quoted only when it holds the delimiter, a quote or a line break. Dates are written
 * {@code YYYY-MM-DD} and timestamps without a time zone {@code YYYY-MM-DD HH:MM:SS[.ffffff]}, as
 * csv.read reads them back; times and zoned timestamps as {@link TemporalText} writes them, other
 * types as Arrow renders them.
 */
final class CsvCells {

    private static final byte QUOTE = '"';
    private static final long MILLIS_PER_DAY = 86_400_000L;
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};

    private enum Kind { LONG, INTEGER, DOUBLE, FLOAT, BOOL, TEXT, LARGE_TEXT, DATE_DAY, DATE_MILLI, TIMESTAMP_SEC,
        TIMESTAMP_MILLI, TIMESTAMP_MICRO, TIMESTAMP_NANO, OTHER }

    private final FieldVector[] vectors;
    private final Kind[] kinds;
    private final TextBuffer text;
    private final byte[] delimiter;

    CsvCells(List<FieldVector> vectors, TextBuffer text, byte[] delimiter) {
        this.vectors = vectors.toArray(new FieldVector[0]);
        this.kinds = new Kind[this.vectors.length];
        for (int c = 0; c < kinds.length; c++) {
            kinds[c] = kindOf(this.vectors[c]);
        }
        this.text = text;
        this.delimiter = delimiter;
    }

    private static Kind kindOf(FieldVector vector) {
        if (vector instanceof BigIntVector) {
            return Kind.LONG;
        }
        if (vector instanceof BaseIntVector) {
            return Kind.INTEGER;
        }
        if (vector instanceof Float8Vector) {
            return Kind.DOUBLE;
        }
        if (vector instanceof FloatingPointVector) {
            return Kind.FLOAT;
        }
        if (vector instanceof BitVector) {
            return Kind.BOOL;
        }
        if (vector instanceof VarCharVector) {
            return Kind.TEXT;
        }
        if (vector instanceof LargeVarCharVector) {
            return Kind.LARGE_TEXT;
        }
        if (vector instanceof DateDayVector) {
            return Kind.DATE_DAY;
        }
        if (vector instanceof DateMilliVector) {
            return Kind.DATE_MILLI;
        }
        return timestampKind(vector);
    }

    /** Timestamps without a time zone; a zoned one is written as Arrow renders it. */
    private static Kind timestampKind(FieldVector vector) {
        if (vector instanceof TimeStampSecVector) {
            return Kind.TIMESTAMP_SEC;
        }
        if (vector instanceof TimeStampMilliVector) {
            return Kind.TIMESTAMP_MILLI;
        }
        if (vector instanceof TimeStampMicroVector) {
            return Kind.TIMESTAMP_MICRO;
        }
        if (vector instanceof TimeStampNanoVector) {
            return Kind.TIMESTAMP_NANO;
        }
        return Kind.OTHER;
    }

    /** Appends row {@code r} and its line end. */
    void writeRow(int r) {
        for (int c = 0; c < vectors.length; c++) {
            if (c > 0) {
                text.append(delimiter, 0, delimiter.length);
            }
            if (!vectors[c].isNull(r)) {
                writeCell(c, r);
            }
        }
        text.append((byte) '\n');
    }

    private void writeCell(int c, int r) {
        FieldVector vector = vectors[c];
        switch (kinds[c]) {
            case LONG -> text.appendLong(((BigIntVector) vector).get(r));
            case INTEGER -> text.appendLong(((BaseIntVector) vector).getValueAsLong(r));
            case DOUBLE -> text.appendDouble(((Float8Vector) vector).get(r));
            case FLOAT -> text.appendDouble(((FloatingPointVector) vector).getValueAsDouble(r));
            case BOOL -> {
                byte[] word = ((BitVector) vector).get(r) != 0 ? TRUE : FALSE;
                text.append(word, 0, word.length);
            }
            case TEXT -> writeText((VarCharVector) vector, r);
            case LARGE_TEXT -> writeBytes(((LargeVarCharVector) vector).get(r));
            case DATE_DAY -> text.appendDate(((DateDayVector) vector).get(r));
            case DATE_MILLI -> text.appendDate(Math.floorDiv(((DateMilliVector) vector).get(r), MILLIS_PER_DAY));
            case TIMESTAMP_SEC -> text.appendTimestampMicros(((TimeStampSecVector) vector).get(r) * 1_000_000);
            case TIMESTAMP_MILLI -> text.appendTimestampMicros(((TimeStampMilliVector) vector).get(r) * 1_000);
            case TIMESTAMP_MICRO -> text.appendTimestampMicros(((TimeStampMicroVector) vector).get(r));
            case TIMESTAMP_NANO -> text.appendTimestampNanos(((TimeStampNanoVector) vector).get(r));
            case OTHER -> writeBytes(otherText(vector, r).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Times and zoned timestamps as the other writers show them, anything else as Arrow renders it. */
    private static String otherText(FieldVector vector, int r) {
        return TemporalText.handles(vector.getField().getType()) ? TemporalText.format(vector, r)
                : String.valueOf(vector.getObject(r));
    }

    /** Copies the text of a cell from the vector's data buffer, then quotes it if it must be. */
    private void writeText(VarCharVector vector, int r) {
        ArrowBuf offsets = vector.getOffsetBuffer();
        int start = offsets.getInt((long) r * VarCharVector.OFFSET_WIDTH);
        int length = offsets.getInt((long) (r + 1) * VarCharVector.OFFSET_WIDTH) - start;
        int at = text.length();
        text.append(vector.getDataBuffer(), start, length);
        if (length == 0 || needsQuotes(text.array(), at, at + length, delimiter)) {
            byte[] raw = new byte[length];
            System.arraycopy(text.array(), at, raw, 0, length);
            text.truncate(at);
            writeQuoted(text, raw, 0, length);
        }
    }

    private void writeBytes(byte[] utf8) {
        writeField(text, utf8, 0, utf8.length, delimiter);
    }

    /** Appends a field, quoted when it is empty or holds the delimiter, a quote or a line break. */
    static void writeField(TextBuffer text, byte[] b, int start, int end, byte[] delimiter) {
        if (start < end && !needsQuotes(b, start, end, delimiter)) {
            text.append(b, start, end - start);
        } else {
            writeQuoted(text, b, start, end);
        }
    }

    private static void writeQuoted(TextBuffer text, byte[] b, int start, int end) {
        text.append(QUOTE);
        int from = start;
        for (int i = start; i < end; i++) {
            if (b[i] == QUOTE) {
                text.append(b, from, i + 1 - from);
                from = i;
            }
        }
        text.append(b, from, end - from);
        text.append(QUOTE);
    }

    static boolean needsQuotes(byte[] b, int start, int end, byte[] delimiter) {
        byte first = delimiter[0];
        for (int i = start; i < end; i++) {
            byte c = b[i];
            if (c == QUOTE || c == '\n' || c == '\r') {
                return true;
            }
            if (c == first && (delimiter.length == 1 || startsWith(b, i, end, delimiter))) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWith(byte[] b, int at, int end, byte[] prefix) {
        if (end - at < prefix.length) {
            return false;
        }
        for (int i = 1; i < prefix.length; i++) {
            if (b[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
