package io.conveyor.plugin.stream.internal.source;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.conveyor.api.stage.StageException;
import io.conveyor.plugin.kit.column.CellText;

/**
 * CSV text, a record at a time as its lines arrive (RFC 4180): fields separated by the delimiter,
 * a field in double quotes may hold the delimiter, line breaks and doubled quotes ({@code ""});
 * a quoted field left open continues on the next line. Blank lines are skipped.
 *
 * <p>Columns are named by the first record with headers (an empty name becomes
 * {@code field_<i>}, a repeated one {@code <name>_<i>}), else {@code field_0}, {@code field_1}, ...
 * as the original tool named them; a record longer than the header adds {@code field_<i>}
 * columns. Cells are typed like csv.read's: integers int64, other numbers float64, true and false
 * bool, anything else utf8; an empty cell is null, a quoted empty cell an empty string.
 */
final class CsvLines extends LineFormat {

    private final boolean headers;
    private final char delimiter;
    private final String source;
    private List<String> names;
    private StringBuilder open;
    private long openedAt;

    CsvLines(boolean headers, char delimiter, String source) {
        this.headers = headers;
        this.delimiter = delimiter;
        this.source = source;
        if (!headers) {
            names = new ArrayList<>();
        }
    }

    @Override
    void startFile() {
        if (headers) {
            names = null;
        }
        open = null;
    }

    @Override
    void line(String line, long number, RecordTable table) throws StageException {
        String text = line;
        if (open != null) {
            text = open.append('\n').append(line).toString();
        } else if (line.isBlank()) {
            return;
        } else {
            openedAt = number;
        }
        List<Cell> cells = split(text);
        if (cells == null) {
            open = new StringBuilder(text);
            return;
        }
        open = null;
        if (names == null) {
            names = headerNames(cells);
            return;
        }
        table.startRow();
        for (int i = 0; i < cells.size(); i++) {
            table.set(table.column(name(i)), cells.get(i).value());
        }
        table.endRow();
    }

    @Override
    boolean holdsPartialRecord() {
        return open != null;
    }

    @Override
    void end() throws StageException {
        if (open != null) {
            throw StageException.data(source + " line " + openedAt + ": a quoted field is never closed");
        }
    }

    private String name(int index) {
        while (names.size() <= index) {
            names.add("field_" + names.size());
        }
        return names.get(index);
    }

    private static List<String> headerNames(List<Cell> cells) {
        List<String> result = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < cells.size(); i++) {
            String name = cells.get(i).text();
            if (name.isEmpty()) {
                name = "field_" + i;
            }
            if (!seen.add(name)) {
                name = name + "_" + i;
                seen.add(name);
            }
            result.add(name);
        }
        return result;
    }

    /** A field's text, and whether it was quoted. */
    private record Cell(String text, boolean quoted) {
        Object value() {
            if (text.isEmpty()) {
                return quoted ? "" : null;
            }
            return switch (CellText.typeOf(text)) {
                case INT64 -> Long.parseLong(text);
                case FLOAT64 -> CellText.parseDouble(text);
                case BOOL -> Boolean.parseBoolean(text);
                case UTF8 -> text;
            };
        }
    }

    /** The fields of a record, or {@code null} when a quoted field is still open at its end. */
    private List<Cell> split(String record) {
        List<Cell> cells = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean inQuotes = false;
        for (int i = 0; i < record.length(); i++) {
            char c = record.charAt(i);
            if (inQuotes) {
                if (c != '"') {
                    field.append(c);
                } else if (i + 1 < record.length() && record.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else {
                    inQuotes = false;
                }
            } else if (c == delimiter) {
                cells.add(new Cell(field.toString(), quoted));
                field.setLength(0);
                quoted = false;
            } else if (c == '"' && field.length() == 0 && !quoted) {
                inQuotes = true;
                quoted = true;
            } else {
                field.append(c);
            }
        }
        if (inQuotes) {
            return null;
        }
        cells.add(new Cell(field.toString(), quoted));
        return cells;
    }
}
