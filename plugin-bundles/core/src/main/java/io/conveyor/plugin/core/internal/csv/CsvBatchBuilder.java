package io.conveyor.plugin.core.internal.csv;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Collects the rows of one batch from tokenized records into plain arrays laid out as Arrow lays
 * out its buffers (little-endian values, validity bits, text offsets and bytes), then copies them
 * into vectors in one go per buffer. Numbers, booleans, dates and timestamps are parsed straight
 * from the record's bytes and text bytes are copied, so no cell becomes an object, and no Arrow
 * buffer is touched per cell. Reused from batch to batch; not thread-safe.
 */
final class CsvBatchBuilder {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int INITIAL_TEXT_BYTES = 16;

    private final CsvLayout layout;
    private final CellParser parser = new CellParser();
    private final int capacity;
    private final CellType[] types;
    private final int[] sources;
    private final NullValues nulls;
    /** Per column: the values (fixed width), the value bits (bool) or the text bytes (utf8). */
    private final byte[][] values;
    private final byte[][] validity;
    /** Per utf8 column: the end offset of each row's text, from row 0 (Arrow's offsets minus the leading 0). */
    private final byte[][] textEnds;
    private final int[] textLength;
    private int rows;

    CsvBatchBuilder(CsvLayout layout, int capacity) {
        this.layout = layout;
        this.capacity = capacity;
        this.types = layout.types();
        this.sources = layout.sources();
        this.nulls = layout.nulls();
        int columns = types.length;
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

    /** Adds the tokenizer's current record as a row; a cell that does not fit its type is an error. */
    void add(RecordTokenizer record) throws CsvDataError {
        int count = record.count();
        if (count > layout.fileColumns()) {
            throw layout.tooManyFields(record.recordStart(), count);
        }
        int row = rows;
        for (int j = 0; j < sources.length; j++) {
            int field = sources[j];
            if (field >= count) {
                setNull(j, row);
                continue;
            }
            byte[] b = record.bytes(field);
            int start = record.start(field);
            int end = record.end(field);
            if (start == end) {
                if (record.quoted(field) ? types[j] != CellType.UTF8 : nulls.emptyIsNull()) {
                    setNull(j, row);
                    continue;
                }
            } else if (nulls.hasTexts() && nulls.isNullText(b, start, end)) {
                setNull(j, row);
                continue;
            }
            if (!set(j, row, b, start, end)) {
                throw layout.mismatch(record.recordStart(), j, b, start, end);
            }
            validity[j][row >>> 3] |= (byte) (1 << (row & 7));
        }
        rows = row + 1;
    }

    private boolean set(int j, int row, byte[] b, int start, int end) {
        CellParser p = parser;
        switch (types[j]) {
            case INT64 -> {
                if (!p.parseLong(b, start, end)) {
                    return false;
                }
                LONGS.set(values[j], row * Long.BYTES, p.longValue);
            }
            case FLOAT64 -> {
                if (!p.parseDouble(b, start, end)) {
                    return false;
                }
                LONGS.set(values[j], row * Long.BYTES, Double.doubleToRawLongBits(p.doubleValue));
            }
            case UTF8 -> setText(j, row, b, start, end);
            case BOOL -> {
                if (!p.parseBoolean(b, start, end)) {
                    return false;
                }
                if (p.longValue != 0) {
                    values[j][row >>> 3] |= (byte) (1 << (row & 7));
                }
            }
            case DATE -> {
                if (!p.parseDate(b, start, end)) {
                    return false;
                }
                INTS.set(values[j], row * Integer.BYTES, (int) p.longValue);
            }
            case TIMESTAMP -> {
                if (!p.parseTimestampOrDate(b, start, end)) {
                    return false;
                }
                LONGS.set(values[j], row * Long.BYTES, p.longValue);
            }
        }
        return true;
    }

    private void setText(int j, int row, byte[] b, int start, int end) {
        int length = end - start;
        int offset = textLength[j];
        byte[] data = values[j];
        if (data.length - offset < length) {
            data = Arrays.copyOf(data, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(2L * data.length,
                    (long) offset + length)));
            values[j] = data;
        }
        System.arraycopy(b, start, data, offset, length);
        textLength[j] = offset + length;
        INTS.set(textEnds[j], row * Integer.BYTES, offset + length);
    }

    private void setNull(int j, int row) {
        if (types[j] == CellType.UTF8) {
            INTS.set(textEnds[j], row * Integer.BYTES, textLength[j]);
        }
    }

    /** A new batch of the rows added since the last one, owned by the caller; the builder starts over. */
    VectorSchemaRoot finish(BufferAllocator allocator) {
        VectorSchemaRoot root = VectorSchemaRoot.create(layout.schema(), allocator);
        try {
            FieldVector[] vectors = root.getFieldVectors().toArray(new FieldVector[0]);
            for (int j = 0; j < vectors.length; j++) {
                copy(j, vectors[j]);
            }
            root.setRowCount(rows);
        } catch (RuntimeException | Error e) {
            root.close();
            throw e;
        }
        clear();
        return root;
    }

    private void copy(int j, FieldVector vector) {
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

    private void clear() {
        // one byte more than the rows': a row that failed half-way may have set bits there
        int bitBytes = Math.min(rows / 8 + 1, validity.length == 0 ? 0 : validity[0].length);
        for (int j = 0; j < types.length; j++) {
            Arrays.fill(validity[j], 0, bitBytes, (byte) 0);
            if (types[j] == CellType.BOOL) {
                Arrays.fill(values[j], 0, bitBytes, (byte) 0);
            }
            textLength[j] = 0;
        }
        rows = 0;
    }
}
