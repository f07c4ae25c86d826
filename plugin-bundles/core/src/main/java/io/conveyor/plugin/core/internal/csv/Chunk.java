package io.conveyor.plugin.core.internal.csv;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * What parsing one byte range of a CSV file gave: the batches of the records starting in it, in
 * order, and where parsing really started and ended, so that the reader can check the range was
 * split at a record boundary. Owns its batches until they are taken.
 */
final class Chunk {

    /** The range: records starting at or after {@code rangeStart} and before {@code rangeEnd}. */
    final long rangeStart;
    final long rangeEnd;
    /** The offset of the first record parsed, or -1 when no line starts in the range. */
    long start = -1;
    /** The offset of the first record not parsed: the next chunk's true start, unless {@link #overflow}. */
    long end;
    /** Whether parsing stopped at {@link #end} because the record there ran too far past the range. */
    boolean overflow;
    /** The bad record that stopped parsing, after the batches; null if none. */
    CsvDataError error;
    /** The read that failed; null if none. */
    IOException ioError;
    final List<VectorSchemaRoot> batches = new ArrayList<>();

    Chunk(long rangeStart, long rangeEnd) {
        this.rangeStart = rangeStart;
        this.rangeEnd = rangeEnd;
    }

    /** Appends what a parse continuing this chunk from {@link #end} gave, taking its batches. */
    void append(Chunk rest) {
        batches.addAll(rest.batches);
        rest.batches.clear();
        end = rest.end;
        overflow = rest.overflow;
        error = rest.error;
        ioError = rest.ioError;
    }

    /** Releases the batches not taken. */
    void release() {
        batches.forEach(VectorSchemaRoot::close);
        batches.clear();
    }
}
