package io.conveyor.plugin.core.internal.stdio;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;

import io.conveyor.api.stage.StageException;
import io.conveyor.plugin.kit.column.BatchFormat;
import io.conveyor.plugin.kit.column.ColumnReader;
import io.conveyor.plugin.kit.column.TypeNames;

/**
 * Renders rows as an aligned table in the style of Polars' display:
 * <pre>
 * shape: (2, 2)
 * ┌─────┬───────┐
 * │ id  ┆ name  │
 * │ --- ┆ ---   │
 * │ i64 ┆ str   │
 * ╞═════╪═══════╡
 * │   1 ┆ pen   │
 * │   2 ┆ null  │
 * └─────┴───────┘
 * </pre>
 * The shape counts every row received; numbers are right-aligned; line breaks and tabs inside
 * cells show as {@code \n} and {@code \t}. Column widths need every row, so the table is printed
 * by {@link #finish()} and holds the rendered text of the rows it shows (at most {@code limit}
 * when set; a row of {@code …} then marks that more rows were received).
 */
final class TableFormat implements BatchFormat {

    private final Writer out;
    private final long limit;
    private List<String> names;
    private List<String> dtypes;
    private boolean[] rightAligned;
    private final List<String[]> rows = new ArrayList<>();
    private long total;

    /** @param limit the most rows to show, or a negative number for all */
    TableFormat(Writer out, long limit) {
        this.out = out;
        this.limit = limit;
    }

    @Override
    public void write(String input, VectorSchemaRoot batch, int count) throws StageException {
        List<Field> fields = batch.getSchema().getFields();
        List<String> batchNames = fields.stream().map(Field::getName).toList();
        List<FieldVector> vectors = batch.getFieldVectors();
        ColumnReader[] readers = new ColumnReader[vectors.size()];
        for (int c = 0; c < readers.length; c++) {
            readers[c] = ColumnReader.of(vectors.get(c));
        }
        if (names == null) {
            names = batchNames;
            dtypes = fields.stream().map(TypeNames::shortName).toList();
            rightAligned = new boolean[readers.length];
            for (int c = 0; c < readers.length; c++) {
                rightAligned[c] = readers[c].kind() == ColumnReader.Kind.INTEGER
                        || readers[c].kind() == ColumnReader.Kind.FLOAT;
            }
        } else if (!batchNames.equals(names)) {
            throw StageException.data("input '" + input + "' has columns (" + String.join(", ", batchNames)
                    + "), but the table's are (" + String.join(", ", names) + ")");
        }
        for (int r = 0; r < count; r++) {
            total++;
            if (limit >= 0 && rows.size() >= limit) {
                continue;
            }
            String[] cells = new String[readers.length];
            for (int c = 0; c < readers.length; c++) {
                cells[c] = readers[c].isNull(r) ? "null" : printable(readers[c].format(r));
            }
            rows.add(cells);
        }
    }

    private static String printable(String text) {
        return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
    }

    @Override
    public void finish() throws IOException {
        int columns = names == null ? 0 : names.size();
        out.write("shape: (" + total + ", " + columns + ")\n");
        if (columns > 0) {
            int[] widths = new int[columns];
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(3, Math.max(width(names.get(c)), width(dtypes.get(c))));
                for (String[] row : rows) {
                    widths[c] = Math.max(widths[c], width(row[c]));
                }
            }
            rule('┌', '─', '┬', '┐', widths);
            line(names.toArray(new String[0]), widths, false);
            line(repeat("---", columns), widths, false);
            line(dtypes.toArray(new String[0]), widths, false);
            rule('╞', '═', '╪', '╡', widths);
            for (String[] row : rows) {
                line(row, widths, true);
            }
            if (total > rows.size()) {
                line(repeat("…", columns), widths, false);
            }
            rule('└', '─', '┴', '┘', widths);
        }
        out.flush();
    }

    private static String[] repeat(String text, int times) {
        String[] cells = new String[times];
        Arrays.fill(cells, text);
        return cells;
    }

    private void rule(char left, char fill, char middle, char right, int[] widths) throws IOException {
        StringBuilder sb = new StringBuilder().append(left);
        for (int c = 0; c < widths.length; c++) {
            if (c > 0) {
                sb.append(middle);
            }
            sb.append(String.valueOf(fill).repeat(widths[c] + 2));
        }
        out.write(sb.append(right).append('\n').toString());
    }

    private void line(String[] cells, int[] widths, boolean alignNumbers) throws IOException {
        StringBuilder sb = new StringBuilder("│");
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                sb.append('┆');
            }
            String padding = " ".repeat(widths[c] - width(cells[c]));
            boolean right = alignNumbers && rightAligned[c];
            sb.append(' ').append(right ? padding : "").append(cells[c]).append(right ? "" : padding).append(' ');
        }
        out.write(sb.append("│\n").toString());
    }

    private static int width(String text) {
        return text.codePointCount(0, text.length());
    }
}
