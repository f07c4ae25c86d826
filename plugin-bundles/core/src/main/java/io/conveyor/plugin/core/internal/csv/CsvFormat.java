package io.conveyor.plugin.core.internal.csv;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;

import io.conveyor.api.stage.StageException;
import io.conveyor.plugin.kit.column.ColumnReader;
import io.conveyor.plugin.core.internal.file.PartedFormat;

/**
 * Writes rows as RFC 4180 CSV with {@code \n} line ends. A field is quoted when it holds the
 * delimiter, a quote or a line break (quotes doubled inside), and an empty string is written
 * {@code ""} so that it differs from a null, which is written as nothing. Floats print as the
 * original did ({@code 150.0}, {@code 45.5}), integers without decimals.
 *
 * <p>Every batch must have the columns of the first (same names, same order): the header
 * describes the whole file. The header is written with the first batch, even one without rows.
 * A {@link #part} writes rows only and leaves checking columns to its sink.
 */
public final class CsvFormat implements PartedFormat {

    private final Writer out;
    private final char delimiter;
    private final boolean headers;
    private final boolean part;
    private List<String> columns;

    public CsvFormat(Writer out, char delimiter, boolean headers) {
        this(out, delimiter, headers, false);
    }

    private CsvFormat(Writer out, char delimiter, boolean headers, boolean part) {
        this.out = out;
        this.delimiter = delimiter;
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
        List<FieldVector> vectors = batch.getFieldVectors();
        ColumnReader[] readers = new ColumnReader[vectors.size()];
        for (int c = 0; c < readers.length; c++) {
            readers[c] = ColumnReader.of(vectors.get(c));
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < readers.length; c++) {
                if (c > 0) {
                    out.write(delimiter);
                }
                if (!readers[c].isNull(r)) {
                    writeField(readers[c].format(r));
                }
            }
            out.write('\n');
        }
    }

    private void writeLine(List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(delimiter);
            }
            writeField(fields.get(i));
        }
        out.write('\n');
    }

    private void writeField(String text) throws IOException {
        if (!text.isEmpty() && !needsQuotes(text)) {
            out.write(text);
            return;
        }
        out.write('"');
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '"') {
                out.write('"');
            }
            out.write(ch);
        }
        out.write('"');
    }

    private boolean needsQuotes(String text) {
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == delimiter || ch == '"' || ch == '\n' || ch == '\r') {
                return true;
            }
        }
        return false;
    }

    @Override
    public void finish() throws IOException {
        out.flush();
    }
}
