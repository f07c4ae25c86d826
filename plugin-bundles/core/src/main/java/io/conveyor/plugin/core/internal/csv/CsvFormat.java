package io.conveyor.plugin.core.internal.csv;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;

import io.conveyor.api.stage.StageException;
import io.conveyor.plugin.core.internal.file.PartedFormat;
import io.conveyor.plugin.core.internal.text.TextBuffer;
import io.conveyor.plugin.core.internal.text.Utf8Writer;

/**
 * Writes rows as RFC 4180 CSV with {@code \n} line ends. A field is quoted when it holds the
 * delimiter, a quote or a line break (quotes doubled inside), and an empty string is written
 * {@code ""} so that it differs from a null, which is written as nothing. Floats print as the
 * original did ({@code 150.0}, {@code 45.5}), integers without decimals, dates as
 * {@code YYYY-MM-DD}, timestamps as {@code YYYY-MM-DD HH:MM:SS[.ffffff]}. Rows are encoded
 * straight from the vectors into UTF-8 bytes (see {@link CsvCells}), a batch at a time.
 *
 * <p>Every batch must have the columns of the first (same names, same order): the header
 * describes the whole file. The header is written with the first batch, even one without rows.
 * A {@link #part} writes rows only and leaves checking columns to its sink.
 */
public final class CsvFormat implements PartedFormat {

    private static final int FLUSH_AT = 1 << 16;

    private final Writer out;
    private final char delimiter;
    private final byte[] delimiterBytes;
    private final TextBuffer text = new TextBuffer(FLUSH_AT + 1024);
    private final boolean headers;
    private final boolean part;
    private List<String> columns;

    public CsvFormat(Writer out, char delimiter, boolean headers) {
        this(out, delimiter, headers, false);
    }

    private CsvFormat(Writer out, char delimiter, boolean headers, boolean part) {
        this.out = out;
        this.delimiter = delimiter;
        this.delimiterBytes = String.valueOf(delimiter).getBytes(StandardCharsets.UTF_8);
        this.headers = headers;
        this.part = part;
    }

    @Override
    public PartedFormat part(Writer partOut) {
        return new CsvFormat(partOut, delimiter, headers, true);
    }

    @Override
    public void beforePart(PartedFormat other) throws IOException {
        List<String> partColumns = ((CsvFormat) other).columns;
        if (columns == null && partColumns != null) {
            columns = partColumns;
            if (headers) {
                writeLine(columns);
            }
        }
    }

    @Override
    public void write(String input, VectorSchemaRoot batch, int rows) throws IOException, StageException {
        List<String> names = batch.getSchema().getFields().stream().map(Field::getName).toList();
        if (columns == null) {
            columns = names;
            if (headers && !part) {
                writeLine(names);
            }
        } else if (!part && !names.equals(columns)) {
            throw StageException.data("input '" + input + "' has columns (" + String.join(", ", names)
                    + "), but the CSV output's are (" + String.join(", ", columns) + ")");
        }
        CsvCells cells = new CsvCells(batch.getFieldVectors(), text, delimiterBytes);
        for (int r = 0; r < rows; r++) {
            cells.writeRow(r);
            if (text.length() >= FLUSH_AT) {
                flushText();
            }
        }
        flushText();
    }

    private void writeLine(List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                text.append(delimiterBytes, 0, delimiterBytes.length);
            }
            byte[] utf8 = fields.get(i).getBytes(StandardCharsets.UTF_8);
            CsvCells.writeField(text, utf8, 0, utf8.length, delimiterBytes);
        }
        text.append((byte) '\n');
        flushText();
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

    @Override
    public void finish() throws IOException {
        out.flush();
    }
}
