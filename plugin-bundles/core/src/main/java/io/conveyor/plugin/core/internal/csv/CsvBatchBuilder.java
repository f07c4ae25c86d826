package io.conveyor.plugin.core.internal.csv;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Builds one batch at a time from tokenized records, a column at a time.
 *
 * <p>{@link #add} only notes where each cell of a record lies in the tokenizer's buffer; the
 * cells are converted later, column by column, in tight loops of one type each: numbers,
 * booleans, dates and timestamps parsed straight from the bytes, text copied. Values go into
 * plain arrays laid out as Arrow lays out its buffers (little-endian values, validity bits, text
 * offsets and bytes), which {@link #finish} copies into vectors, one copy per buffer. So no cell
 * becomes an object and no Arrow buffer is touched per cell.
 *
 * <p>The tokenizer must call {@link #convertPending(byte[])} before it moves or refills its buffer
 * (see {@link RecordTokenizer#setBeforeRefill}). Reused from batch to batch; not thread-safe.
 */
final class CsvBatchBuilder {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int INITIAL_TEXT_BYTES = 16;
    /** The most cells a batch holds: a file of many columns gets batches of fewer rows. */
    static final int MAX_CELLS = 1 << 20;
    private static final byte QUOTED = 1;
    private static final byte COPIED = 2;
    private static final byte MISSING = 4;

    private final CsvLayout layout;
    private final CellParser parser = new CellParser();
    private final int capacity;
    private final CellType[] types;
    private final int[] sources;
    private final int width;
    private final NullValues nulls;
    private final boolean emptyIsNull;
    private final boolean hasNullTexts;

    /**
     * Per row, per column ({@code row * width + column}): where the cell is, and how. Row by row,
     * so that adding a record writes one run of memory.
     */
    private final int[] starts;
    private final int[] ends;
    private final byte[] flags;
    private final long[] recordStarts;
    /** Cells the tokenizer unescaped, which its buffer does not hold. */
    private byte[] copied = new byte[256];
    private int copiedLength;

    /** Per column: the values (fixed width), the value bits (bool) or the text bytes (utf8). */
    private final byte[][] values;
    private final byte[][] validity;
    /** Per utf8 column: the end offset of each row's text (Arrow's offsets after the leading 0). */
    private final byte[][] textEnds;
    private final int[] textLength;
    private int rows;
    private int converted;
    /** The most rows added since the last reset, so that reset clears every bit they may have set. */
    private int added;

    /**
     * @param batchSize the rows a batch should hold; fewer when that many rows would hold more
     *                  than {@link #MAX_CELLS} cells, so that the arrays stay small however wide the file
     */
    CsvBatchBuilder(CsvLayout layout, int batchSize) {
        this.layout = layout;
        this.capacity = Math.max(1, Math.min(batchSize, MAX_CELLS / Math.max(1, layout.types().length)));
        this.types = layout.types();
        this.sources = layout.sources();
        this.nulls = layout.nulls();
        this.emptyIsNull = nulls.emptyIsNull();
        this.hasNullTexts = nulls.hasTexts();
        int columns = types.length;
        this.width = columns;
        this.starts = new int[columns * capacity];
        this.ends = new int[columns * capacity];
        this.flags = new byte[columns * capacity];
        this.recordStarts = new long[capacity];
        this.values = new byte[columns][];
        this.validity = new byte[columns][];
        this.textEnds = new byte[columns][];
        this.textLength = new int[columns];
        int bitBytes = (capacity + 7) / 8;
        for (int j = 0; j < columns; j++) {
            validity[j] = new byte[bitBytes];
            values[j] = switch (types[j]) {
                case INT64, FLOAT64, TIMESTAMP -> new byte[capacity * Long.BYTES];
                case DATE -> new byte[capacity * Integer.BYTES];
                case BOOL -> new byte[bitBytes];
                case UTF8 -> new byte[capacity * INITIAL_TEXT_BYTES];
            };
            if (types[j] == CellType.UTF8) {
                textEnds[j] = new byte[capacity * Integer.BYTES];
            }
        }
    }

    int rows() {
        return rows;
    }

    boolean isFull() {
        return rows == capacity;
    }

    /**
     * Adds the tokenizer's current record as a row, to be converted later. A record wider than
     * the file is an error, after any earlier row's.
     */
    void add(RecordTokenizer record) throws CsvDataError {
        int count = record.count();
        if (count > layout.fileColumns()) {
            convertPending(record.buffer());
            throw layout.tooManyFields(record.recordStart(), count);
        }
        int row = rows;
        for (int j = 0, at = row * width; j < sources.length; j++, at++) {
            int field = sources[j];
            if (field >= count) {
                starts[at] = 0;
                ends[at] = 0;
                flags[at] = MISSING;
            } else if (record.unescaped(field)) {
                copy(record, field, at);
            } else {
                starts[at] = record.start(field);
                ends[at] = record.end(field);
                flags[at] = record.quoted(field) ? QUOTED : 0;
            }
        }
        recordStarts[row] = record.recordStart();
        rows = row + 1;
        added = Math.max(added, rows);
    }

    private void copy(RecordTokenizer record, int field, int at) {
        int start = record.start(field);
        int length = record.end(field) - start;
        if (copied.length - copiedLength < length) {
            copied = Arrays.copyOf(copied, Math.max(2 * copied.length, copiedLength + length));
        }
        System.arraycopy(record.bytes(field), start, copied, copiedLength, length);
        starts[at] = copiedLength;
        copiedLength += length;
        ends[at] = copiedLength;
        flags[at] = QUOTED | COPIED;
    }

    /**
     * Converts the rows added since the last conversion; {@code buffer} is the tokenizer's buffer
     * they lie in. A cell that does not fit its type is an error: the earliest row's, and of that
     * row the first column's. The rows before it stay in the batch.
     */
    void convertPending(byte[] buffer) throws CsvDataError {
        int from = converted;
        int to = rows;
        int badRow = to;
        int badColumn = -1;
        for (int j = 0; j < types.length; j++) {
            int bad = convert(j, buffer, from, badRow);
            if (bad < badRow) {
                badRow = bad;
                badColumn = j;
            }
        }
        converted = to;
        copiedLength = 0;
        if (badColumn >= 0) {
            int at = badRow * width + badColumn;
            byte[] b = (flags[at] & COPIED) != 0 ? copied : buffer;
            CsvDataError error = layout.mismatch(recordStarts[badRow], badColumn, b, starts[at], ends[at]);
            rows = badRow;
            converted = badRow;
            throw error;
        }
    }

    /** Converts rows {@code [from, to)} of column {@code j}; returns the first row that does not fit, or {@code to}. */
    private int convert(int j, byte[] buffer, int from, int to) {
        CellParser p = parser;
        CellType type = types[j];
        byte[] out = values[j];
        byte[] valid = validity[j];
        for (int row = from, at = from * width + j; row < to; row++, at += width) {
            byte flag = flags[at];
            int start = starts[at];
            int end = ends[at];
            byte[] b = (flag & COPIED) != 0 ? copied : buffer;
            if (isNull(flag, start, end, type, b)) {
                if (type == CellType.UTF8) {
                    INTS.set(textEnds[j], row * Integer.BYTES, textLength[j]);
                }
                continue;
            }
            boolean fits = switch (type) {
                case INT64 -> {
                    boolean ok = p.parseLong(b, start, end);
                    LONGS.set(out, row * Long.BYTES, p.longValue);
                    yield ok;
                }
                case FLOAT64 -> {
                    boolean ok = p.parseDouble(b, start, end);
                    LONGS.set(out, row * Long.BYTES, Double.doubleToRawLongBits(p.doubleValue));
                    yield ok;
                }
                case UTF8 -> {
                    setText(j, row, b, start, end);
                    yield true;
                }
                case BOOL -> {
                    boolean ok = p.parseBoolean(b, start, end);
                    if (ok && p.longValue != 0) {
                        out[row >>> 3] |= (byte) (1 << (row & 7));
                    }
                    yield ok;
                }
                case DATE -> {
                    boolean ok = p.parseDate(b, start, end);
                    INTS.set(out, row * Integer.BYTES, (int) p.longValue);
                    yield ok;
                }
                case TIMESTAMP -> {
                    boolean ok = p.parseTimestampOrDate(b, start, end);
                    LONGS.set(out, row * Long.BYTES, p.longValue);
                    yield ok;
                }
            };
            if (!fits) {
                return row;
            }
            valid[row >>> 3] |= (byte) (1 << (row & 7));
        }
        return to;
    }

    /**
     * Whether a cell is null: missing (a short row), empty and unquoted while {@code ""} is a
     * null value, a quoted empty field in a column that cannot hold an empty string, or one of
     * the other null values.
     */
    private boolean isNull(byte flag, int start, int end, CellType type, byte[] b) {
        if (start == end) {
            if ((flag & MISSING) != 0) {
                return true;
            }
            return (flag & QUOTED) != 0 ? type != CellType.UTF8 : emptyIsNull;
        }
        return hasNullTexts && nulls.isNullText(b, start, end);
    }

    private void setText(int j, int row, byte[] b, int start, int end) {
        int length = end - start;
        int offset = textLength[j];
        byte[] data = values[j];
        int copy = (length + 7) & ~7;
        if (data.length - offset < copy) {
            data = Arrays.copyOf(data, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(2L * data.length,
                    (long) offset + copy)));
            values[j] = data;
        }
        boolean ascii = start + copy > b.length ? copyAscii(b, start, data, offset, length)
                : copyAsciiWords(b, start, data, offset, length);
        if (!ascii && !isUtf8(b, start, end)) {
            // malformed UTF-8 becomes U+FFFD, as a decoder reads it
            byte[] utf8 = new String(b, start, length, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
            setText(j, row, utf8, 0, utf8.length);
            return;
        }
        textLength[j] = offset + length;
        INTS.set(textEnds[j], row * Integer.BYTES, offset + length);
    }

    /**
     * Copies {@code length} bytes a word at a time, rounded up to whole words (the bytes past the
     * end land where the next text goes); returns whether they are all ASCII. Both arrays must
     * hold the rounded-up length.
     */
    private static boolean copyAsciiWords(byte[] from, int start, byte[] to, int offset, int length) {
        if (length == 0) {
            return true;
        }
        long bits = 0;
        int last = (length - 1) & ~7;
        for (int i = 0; i < last; i += Long.BYTES) {
            long word = (long) LONGS.get(from, start + i);
            LONGS.set(to, offset + i, word);
            bits |= word;
        }
        long word = (long) LONGS.get(from, start + last);
        LONGS.set(to, offset + last, word);
        int kept = length - last;
        bits |= kept == Long.BYTES ? word : word & ((1L << (kept * Byte.SIZE)) - 1);
        return (bits & 0x8080808080808080L) == 0;
    }

    private static boolean copyAscii(byte[] from, int start, byte[] to, int offset, int length) {
        System.arraycopy(from, start, to, offset, length);
        return isAscii(from, start, start + length);
    }

    /**
     * Whether the bytes are well-formed UTF-8, as Java's decoder reads it: no overlong forms, no
     * surrogates, nothing above U+10FFFF, no sequence cut short.
     */
    static boolean isUtf8(byte[] b, int start, int end) {
        int i = start;
        while (i < end) {
            int lead = b[i] & 0xFF;
            if (lead < 0x80) {
                i++;
                continue;
            }
            int more;
            int low = 0x80;
            int high = 0xBF;
            if (lead >= 0xC2 && lead <= 0xDF) {
                more = 1;
            } else if (lead >= 0xE0 && lead <= 0xEF) {
                more = 2;
                low = lead == 0xE0 ? 0xA0 : 0x80;
                high = lead == 0xED ? 0x9F : 0xBF;
            } else if (lead >= 0xF0 && lead <= 0xF4) {
                more = 3;
                low = lead == 0xF0 ? 0x90 : 0x80;
                high = lead == 0xF4 ? 0x8F : 0xBF;
            } else {
                return false;
            }
            if (end - i <= more) {
                return false;
            }
            int second = b[i + 1] & 0xFF;
            if (second < low || second > high) {
                return false;
            }
            for (int k = 2; k <= more; k++) {
                if ((b[i + k] & 0xC0) != 0x80) {
                    return false;
                }
            }
            i += more + 1;
        }
        return true;
    }

    /** Whether every byte is below 0x80, looked at eight at a time. */
    private static boolean isAscii(byte[] b, int start, int end) {
        long bits = 0;
        int i = start;
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            bits |= (long) LONGS.get(b, i);
        }
        for (; i < end; i++) {
            bits |= b[i];
        }
        return (bits & 0x8080808080808080L) == 0;
    }

    /**
     * Converts what is pending and hands over a new batch of the rows added since the last one,
     * owned by the caller; the builder starts over.
     */
    VectorSchemaRoot finish(byte[] buffer, BufferAllocator allocator) throws CsvDataError {
        convertPending(buffer);
        return finishConverted(allocator);
    }

    /** Hands over the rows converted so far (all rows before a bad one), as {@link #finish} does. */
    VectorSchemaRoot finishConverted(BufferAllocator allocator) {
        rows = converted;
        VectorSchemaRoot root = VectorSchemaRoot.create(layout.schema(), allocator);
        try {
            FieldVector[] vectors = root.getFieldVectors().toArray(new FieldVector[0]);
            for (int j = 0; j < vectors.length; j++) {
                copyInto(j, vectors[j]);
            }
            root.setRowCount(rows);
        } catch (RuntimeException | Error e) {
            root.close();
            throw e;
        }
        reset();
        return root;
    }

    private void copyInto(int j, FieldVector vector) {
        int bitBytes = (rows + 7) / 8;
        if (vector instanceof VarCharVector text) {
            text.allocateNew(Math.max(1, textLength[j]), Math.max(1, rows));
            text.getOffsetBuffer().setInt(0, 0);
            text.getOffsetBuffer().setBytes(VarCharVector.OFFSET_WIDTH, textEnds[j], 0, (long) rows * Integer.BYTES);
            text.getDataBuffer().setBytes(0, values[j], 0, textLength[j]);
            text.setLastSet(rows - 1);
        } else {
            BaseFixedWidthVector fixed = (BaseFixedWidthVector) vector;
            fixed.allocateNew(Math.max(1, rows));
            long valueBytes = vector instanceof BitVector ? bitBytes : (long) rows * fixed.getTypeWidth();
            fixed.getDataBuffer().setBytes(0, values[j], 0, valueBytes);
        }
        vector.getValidityBuffer().setBytes(0, validity[j], 0, bitBytes);
    }

    /** Drops every row, converted or not. */
    void reset() {
        int bitBytes = (added + 7) / 8;
        for (int j = 0; j < types.length; j++) {
            Arrays.fill(validity[j], 0, bitBytes, (byte) 0);
            if (types[j] == CellType.BOOL) {
                Arrays.fill(values[j], 0, bitBytes, (byte) 0);
            }
            textLength[j] = 0;
        }
        rows = 0;
        converted = 0;
        added = 0;
        copiedLength = 0;
    }
}
