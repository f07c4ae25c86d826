package io.conveyor.shell.internal;

import java.util.ArrayList;
import java.util.List;

/** Left- or right-aligned columns of text, two spaces apart, for the plain-text outputs. */
final class TextTable {

    private final List<String[]> rows = new ArrayList<>();
    /** Free lines printed after a row, which do not widen the columns; keyed by row index. */
    private final List<List<String>> notes = new ArrayList<>();
    /** Unindented lines printed before a row, separated from what precedes them by a blank line. */
    private final List<String> headings = new ArrayList<>();
    private String pendingHeading;
    private final boolean[] rightAligned;

    /** @param rightAligned which columns hold numbers (right-aligned) */
    TextTable(boolean... rightAligned) {
        this.rightAligned = rightAligned;
    }

    TextTable row(String... cells) {
        rows.add(cells);
        notes.add(new ArrayList<>());
        headings.add(pendingHeading);
        pendingHeading = null;
        return this;
    }

    /** A title printed without indent above the next row, after a blank line unless it is first. */
    TextTable heading(String title) {
        pendingHeading = title;
        return this;
    }

    /** A line printed as is (after the indent) below the last row. */
    TextTable note(String line) {
        notes.get(notes.size() - 1).add(line);
        return this;
    }

    /** The rows, each indented by {@code indent} and ending with a newline; no trailing spaces. */
    String render(String indent) {
        int columns = rows.stream().mapToInt(r -> r.length).max().orElse(0);
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            if (headings.get(r) != null) {
                out.append(out.length() > 0 ? "\n" : "").append(headings.get(r)).append('\n');
            }
            StringBuilder line = new StringBuilder(indent);
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    line.append("  ");
                }
                String pad = " ".repeat(widths[i] - row[i].length());
                boolean right = i < rightAligned.length && rightAligned[i];
                line.append(right ? pad + row[i] : row[i] + (i == row.length - 1 ? "" : pad));
            }
            out.append(line.toString().stripTrailing()).append('\n');
            notes.get(r).forEach(note -> out.append(indent).append(note).append('\n'));
        }
        return out.toString();
    }
}
