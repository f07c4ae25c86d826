package io.conveyor.plugin.core.internal.file;

import java.io.IOException;
import java.io.Writer;

import io.conveyor.plugin.kit.column.BatchFormat;

/**
 * A text format a file sink can write from several inputs at once. The first input is written by
 * this format straight to the output; every other input is written by a {@link #part} format to a
 * file of its own; on commit each part is appended after {@link #beforePart}, in input order. The
 * result is the same text as if the inputs had been written to this format one after the other.
 */
public interface PartedFormat extends BatchFormat {

    /**
     * A format writing the rows of one other input to {@code out} as they would appear in the
     * middle of this output: no header, no opening bracket, nothing before its first row.
     */
    PartedFormat part(Writer out);

    /**
     * Writes what must come between this output and the text of {@code part} (a header if none
     * was written yet, a separator between rows), and counts the part's rows as written here. The
     * caller then appends the part's text.
     *
     * @param part a format made by {@link #part}, finished
     */
    void beforePart(PartedFormat part) throws IOException;
}
