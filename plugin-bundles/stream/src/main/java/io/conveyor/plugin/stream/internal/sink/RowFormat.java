package io.conveyor.plugin.stream.internal.sink;

import java.util.List;

import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

import io.conveyor.plugin.stream.internal.rows.CellJson;

/**
 * Renders one row of a batch as text for stdout.stream, columns always in the batch's order.
 * jsonl: a compact JSON object; json: the same, or indented over several lines when pretty; csv:
 * the values separated by the delimiter, quoted when they hold it, a quote or a line break or are
 * empty (so that an empty string differs from a null), null
 * as nothing; text: {@code key=value} pairs separated by spaces, values as JSON ({@code
 * level="error" count=3}). Nested values (lists, structs) are JSON everywhere.
 */
abstract class RowFormat {

    /** Appends the row, without the final line break. */
    abstract void row(VectorSchemaRoot batch, int row, StringBuilder out);

    /** The line to print before the rows of a batch with these columns, or {@code null}. */
    String header(List<FieldVector> columns) {
        return null;
    }

    static RowFormat of(String format, boolean pretty, char delimiter, boolean headers) {
        return switch (format) {
            case "json" -> new Json(pretty);
            case "csv" -> new Csv(delimiter, headers);
            case "text" -> new Text();
            default -> new Json(false);
        };
    }

    static final class Json extends RowFormat {
        private final boolean pretty;

        Json(boolean pretty) {
            this.pretty = pretty;
        }

        @Override
        void row(VectorSchemaRoot batch, int row, StringBuilder out) {
            List<FieldVector> columns = batch.getFieldVectors();
            if (columns.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append('{');
            for (int c = 0; c < columns.size(); c++) {
                if (c > 0) {
                    out.append(',');
                }
                if (pretty) {
                    out.append("\n  ");
                }
                CellJson.quote(columns.get(c).getName(), out);
                out.append(pretty ? ": " : ":");
                CellJson.write(columns.get(c), row, out, pretty ? 1 : -1);
            }
            out.append(pretty ? "\n}" : "}");
        }
    }

    static final class Csv extends RowFormat {
        private final char delimiter;
        private final boolean headers;
        private String lastHeader;

        Csv(char delimiter, boolean headers) {
            this.delimiter = delimiter;
            this.headers = headers;
        }

        @Override
        String header(List<FieldVector> columns) {
            if (!headers) {
                return null;
            }
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns.size(); c++) {
                if (c > 0) {
                    line.append(delimiter);
                }
                field(columns.get(c).getName(), line);
            }
            String header = line.toString();
            if (header.equals(lastHeader)) {
                return null;
            }
            lastHeader = header;
            return header;
        }

        @Override
        void row(VectorSchemaRoot batch, int row, StringBuilder out) {
            List<FieldVector> columns = batch.getFieldVectors();
            for (int c = 0; c < columns.size(); c++) {
                if (c > 0) {
                    out.append(delimiter);
                }
                String text = CellJson.text(columns.get(c), row);
                if (text != null) {
                    field(text, out);
                }
            }
        }

        private void field(String text, StringBuilder out) {
            boolean quote = text.isEmpty(); // "" tells an empty string from a null
            for (int i = 0; i < text.length() && !quote; i++) {
                char ch = text.charAt(i);
                quote = ch == delimiter || ch == '"' || ch == '\n' || ch == '\r';
            }
            if (!quote) {
                out.append(text);
                return;
            }
            out.append('"').append(text.replace("\"", "\"\"")).append('"');
        }
    }

    static final class Text extends RowFormat {
        @Override
        void row(VectorSchemaRoot batch, int row, StringBuilder out) {
            List<FieldVector> columns = batch.getFieldVectors();
            for (int c = 0; c < columns.size(); c++) {
                if (c > 0) {
                    out.append(' ');
                }
                out.append(columns.get(c).getName()).append('=');
                CellJson.write(columns.get(c), row, out, -1);
            }
        }
    }
}
