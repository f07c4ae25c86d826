package io.conveyor.plugin.core.internal.json;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import io.conveyor.plugin.kit.column.ColumnReader;
import io.conveyor.plugin.kit.column.NumberText;
import io.conveyor.plugin.core.internal.file.PartedFormat;

/**
 * Writes rows as JSON objects whose keys follow the column order. Integers print as integers,
 * floats with a decimal point ({@code 420.0}), NaN and infinities as {@code null} (JSON has no
 * such numbers), nulls as {@code null}, other types as strings.
 *
 * <p>{@link JsonLayout#RECORDS}: one array, compact ({@code [{"a":1},{"a":2}]}) or pretty (two
 * spaces per level, {@code "key": value}), ending with a newline; no rows give {@code []}.
 * {@link JsonLayout#LINES}: one compact object per line, each ending with a newline. A {@link
 * #part} writes the objects only, separated as in the array.
 */
public final class JsonFormat implements PartedFormat {

    private final Writer out;
    private final JsonLayout layout;
    private final boolean pretty;
    private final boolean part;
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
    }

    @Override
    public PartedFormat part(Writer partOut) {
        return new JsonFormat(partOut, layout, pretty, true);
    }

    @Override
    public void beforePart(PartedFormat other) throws IOException {
        long partRows = ((JsonFormat) other).rowsWritten;
        if (partRows > 0 && layout == JsonLayout.RECORDS) {
            out.write(rowsWritten == 0 ? opening() : separator());
        }
        rowsWritten += partRows;
    }

    private String opening() {
        return pretty ? "[\n" : "[";
    }

    private String separator() {
        return pretty ? ",\n" : ",";
    }

    @Override
    public void write(String input, VectorSchemaRoot batch, int rows) throws IOException {
        List<FieldVector> vectors = batch.getFieldVectors();
        String[] keys = new String[vectors.size()];
        ColumnReader[] readers = new ColumnReader[vectors.size()];
        for (int c = 0; c < keys.length; c++) {
            keys[c] = quote(vectors.get(c).getName()) + (pretty ? ": " : ":");
            readers[c] = ColumnReader.of(vectors.get(c));
        }
        for (int r = 0; r < rows; r++) {
            if (layout == JsonLayout.RECORDS && (rowsWritten > 0 || !part)) {
                out.write(rowsWritten == 0 ? opening() : separator());
            }
            writeObject(keys, readers, r);
            if (layout == JsonLayout.LINES) {
                out.write('\n');
            }
            rowsWritten++;
        }
    }

    private void writeObject(String[] keys, ColumnReader[] readers, int row) throws IOException {
        if (keys.length == 0) {
            out.write(pretty ? "  {}" : "{}");
            return;
        }
        out.write(pretty ? "  {\n" : "{");
        for (int c = 0; c < keys.length; c++) {
            if (pretty) {
                out.write("    ");
            }
            out.write(keys[c]);
            writeValue(readers[c], row);
            if (c < keys.length - 1) {
                out.write(pretty ? ",\n" : ",");
            } else if (pretty) {
                out.write('\n');
            }
        }
        out.write(pretty ? "  }" : "}");
    }

    private void writeValue(ColumnReader reader, int row) throws IOException {
        if (reader.isNull(row)) {
            out.write("null");
            return;
        }
        switch (reader.kind()) {
            case INTEGER -> out.write(Long.toString(reader.getLong(row)));
            case FLOAT -> {
                double value = reader.getDouble(row);
                out.write(Double.isFinite(value) ? NumberText.format(value) : "null");
            }
            case BOOL -> out.write(reader.getBoolean(row) ? "true" : "false");
            case STRING, OTHER -> out.write(quote(reader.getString(row)));
        }
    }

    private static String quote(String text) {
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + '"';
    }

    @Override
    public void finish() throws IOException {
        if (layout == JsonLayout.RECORDS && !part) {
            out.write(rowsWritten == 0 ? "[]\n" : (pretty ? "\n]\n" : "]\n"));
        }
        out.flush();
    }
}
