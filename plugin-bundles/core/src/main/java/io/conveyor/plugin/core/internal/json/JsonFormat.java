package io.conveyor.plugin.core.internal.json;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

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
        byte[][] keys = new byte[vectors.size()][];
        for (int c = 0; c < keys.length; c++) {
            TextBuffer key = new TextBuffer(16);
            JsonCells.writeString(key, vectors.get(c).getName());
            key.append(pretty ? ": " : ":");
            keys[c] = Arrays.copyOf(key.array(), key.length());
        }
        cells.bind(vectors);
        for (int r = 0; r < rows; r++) {
            if (layout == JsonLayout.RECORDS && (rowsWritten > 0 || !part)) {
                append(rowsWritten == 0 ? opening : separator);
            }
            writeObject(keys, r);
            if (layout == JsonLayout.LINES) {
                text.append((byte) '\n');
            }
            rowsWritten++;
            if (text.length() >= FLUSH_AT) {
                flushText();
            }
        }
        flushText();
    }

    private void writeObject(byte[][] keys, int row) {
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
            cells.writeValue(c, row);
            if (c < keys.length - 1) {
                append(pretty ? PRETTY_COMMA : COMMA);
            } else if (pretty) {
                text.append((byte) '\n');
            }
        }
        append(pretty ? PRETTY_CLOSE : CLOSE);
    }

    private void append(byte[] bytes) {
        text.append(bytes, 0, bytes.length);
    }

    /** Hands the encoded text to the writer: as bytes to a {@link Utf8Writer}, decoded to any other. */
    private void flushText() throws IOException {
        if (text.length() == 0) {
            return;
        }
        if (out instanceof Utf8Writer utf8) {
            utf8.writeUtf8(text.array(), 0, text.length());
        } else {
            out.write(new String(text.array(), 0, text.length(), StandardCharsets.UTF_8));
        }
        text.clear();
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
