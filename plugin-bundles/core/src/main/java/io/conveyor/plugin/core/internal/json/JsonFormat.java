package io.conveyor.plugin.core.internal.json;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

import io.conveyor.plugin.core.internal.file.PartedFormat;
import io.conveyor.plugin.core.internal.text.TextBuffer;
import io.conveyor.plugin.core.internal.text.Utf8Writer;

/**
 * Writes rows as JSON objects whose keys follow the column order. Integers print as integers,
 * floats with a decimal point ({@code 420.0}), NaN and infinities as {@code null} (JSON has no
 * such numbers), nulls as {@code null}, other types as strings.
 *
 * <p>{@link JsonLayout#RECORDS}: one array, compact ({@code [{"a":1},{"a":2}]}) or pretty (two
 * spaces per level, {@code "key": value}), ending with a newline; no rows give {@code []}.
 * {@link JsonLayout#LINES}: one compact object per line, each ending with a newline. A {@link
 * #part} writes the objects only, separated as in the array. Rows are encoded into UTF-8 bytes
 * (see {@link JsonCells}) and handed to the writer a batch at a time.
 */
public final class JsonFormat implements PartedFormat {

    private static final int FLUSH_AT = 1 << 16;
    /** Rows a batch needs before its second half is encoded on another core. */
    static final int PARALLEL_ROWS = 2048;
    private static final boolean SEVERAL_CORES = Runtime.getRuntime().availableProcessors() > 1;
    private static final byte[] EMPTY = ascii("{}");
    private static final byte[] PRETTY_EMPTY = ascii("  {}");
    private static final byte[] OPEN = ascii("{");
    private static final byte[] PRETTY_OPEN = ascii("  {\n");
    private static final byte[] INDENT = ascii("    ");
    private static final byte[] COMMA = ascii(",");
    private static final byte[] PRETTY_COMMA = ascii(",\n");
    private static final byte[] CLOSE = ascii("}");
    private static final byte[] PRETTY_CLOSE = ascii("  }");

    private final Writer out;
    private final JsonLayout layout;
    private final boolean pretty;
    private final boolean part;
    private final TextBuffer text = new TextBuffer(FLUSH_AT + 1024);
    private final JsonCells cells = new JsonCells(text);
    /** The second half of a large batch, encoded on another core. */
    private final TextBuffer secondText = new TextBuffer(FLUSH_AT + 1024);
    private final JsonCells secondCells = new JsonCells(secondText);
    private final byte[] opening;
    private final byte[] separator;
    private long rowsWritten;

    /** @param pretty indents records; JSON lines are always compact */
    public JsonFormat(Writer out, JsonLayout layout, boolean pretty) {
        this(out, layout, pretty, false);
    }

    private JsonFormat(Writer out, JsonLayout layout, boolean pretty, boolean part) {
        this.out = out;
        this.layout = layout;
        this.pretty = pretty && layout == JsonLayout.RECORDS;
        this.part = part;
        this.opening = ascii(this.pretty ? "[\n" : "[");
        this.separator = ascii(this.pretty ? ",\n" : ",");
    }

    @Override
    public PartedFormat part(Writer partOut) {
        return new JsonFormat(partOut, layout, pretty, true);
    }

    @Override
    public void beforePart(PartedFormat other) throws IOException {
        long partRows = ((JsonFormat) other).rowsWritten;
        if (partRows > 0 && layout == JsonLayout.RECORDS) {
            append(rowsWritten == 0 ? opening : separator);
            flushText();
        }
        rowsWritten += partRows;
    }


    @Override
    public void write(String input, VectorSchemaRoot batch, int rows) throws IOException {
        List<FieldVector> vectors = batch.getFieldVectors();
        byte[][] keys = keysOf(vectors);
        cells.bind(vectors);
        if (rows < PARALLEL_ROWS || !SEVERAL_CORES) {
            encode(keys, 0, rows);
            flushText();
            return;
        }
        // The second half is encoded on another core into its own buffer while this thread encodes
        // (and writes) the first; joined before returning, so no task outlives the call.
        int half = rows / 2;
        secondCells.bind(vectors);
        long rowsBefore = rowsWritten;
        ForkJoinTask<?> second = ForkJoinPool.commonPool().submit(
                () -> encodeSecondHalf(keys, half, rows, rowsBefore + half));
        encode(keys, 0, half);
        second.join();
        flushText();
        writeText(secondText);
        rowsWritten = rowsBefore + rows;
    }

    private byte[][] keysOf(List<FieldVector> vectors) {
        byte[][] keys = new byte[vectors.size()][];
        for (int c = 0; c < keys.length; c++) {
            TextBuffer key = new TextBuffer(16);
            JsonCells.writeString(key, vectors.get(c).getName());
            key.append(pretty ? ": " : ":");
            keys[c] = Arrays.copyOf(key.array(), key.length());
        }
        return keys;
    }

    private void encodeSecondHalf(byte[][] keys, int from, int to, long rowsBefore) {
        new Encoding(secondText, secondCells, rowsBefore).rows(keys, from, to);
    }

    /** Encodes rows {@code [from, to)}, handing the text to the writer as the buffer fills. */
    private void encode(byte[][] keys, int from, int to) throws IOException {
        Encoding encoding = new Encoding(text, cells, rowsWritten);
        for (int r = from; r < to; r++) {
            encoding.row(keys, r);
            if (text.length() >= FLUSH_AT) {
                flushText();
            }
        }
        rowsWritten = encoding.rowsWritten;
    }

    /** Rows into one buffer: the separators depend on how many rows came before, in this output. */
    private final class Encoding {
        private final TextBuffer buffer;
        private final JsonCells values;
        private long rowsWritten;

        Encoding(TextBuffer buffer, JsonCells values, long rowsWritten) {
            this.buffer = buffer;
            this.values = values;
            this.rowsWritten = rowsWritten;
        }

        void rows(byte[][] keys, int from, int to) {
            for (int r = from; r < to; r++) {
                row(keys, r);
            }
        }

        void row(byte[][] keys, int r) {
            if (layout == JsonLayout.RECORDS && (rowsWritten > 0 || !part)) {
                append(rowsWritten == 0 ? opening : separator);
            }
            object(keys, r);
            if (layout == JsonLayout.LINES) {
                buffer.append((byte) '\n');
            }
            rowsWritten++;
        }

        private void object(byte[][] keys, int row) {
            if (keys.length == 0) {
                append(pretty ? PRETTY_EMPTY : EMPTY);
                return;
            }
            append(pretty ? PRETTY_OPEN : OPEN);
            for (int c = 0; c < keys.length; c++) {
                if (pretty) {
                    append(INDENT);
                }
                append(keys[c]);
                values.writeValue(c, row);
                if (c < keys.length - 1) {
                    append(pretty ? PRETTY_COMMA : COMMA);
                } else if (pretty) {
                    buffer.append((byte) '\n');
                }
            }
            append(pretty ? PRETTY_CLOSE : CLOSE);
        }

        private void append(byte[] bytes) {
            buffer.append(bytes, 0, bytes.length);
        }
    }

    private void append(byte[] bytes) {
        text.append(bytes, 0, bytes.length);
    }

    private void flushText() throws IOException {
        writeText(text);
    }

    /** Hands encoded text to the writer, and empties the buffer: as bytes to a {@link Utf8Writer}, decoded to any other. */
    private void writeText(TextBuffer buffer) throws IOException {
        if (buffer.length() == 0) {
            return;
        }
        if (out instanceof Utf8Writer utf8) {
            utf8.writeUtf8(buffer.array(), 0, buffer.length());
        } else {
            out.write(new String(buffer.array(), 0, buffer.length(), StandardCharsets.UTF_8));
        }
        buffer.clear();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public void finish() throws IOException {
        if (layout == JsonLayout.RECORDS && !part) {
            text.append(rowsWritten == 0 ? "[]\n" : (pretty ? "\n]\n" : "]\n"));
        }
        flushText();
        out.flush();
    }
}
