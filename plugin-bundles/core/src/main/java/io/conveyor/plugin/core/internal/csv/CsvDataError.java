package io.conveyor.plugin.core.internal.csv;

/**
 * Bad CSV data at a byte offset of the input; the reader turns the offset into a line number
 * only when it reports the error, so that parsing never counts lines.
 */
final class CsvDataError extends Exception {

    private static final long serialVersionUID = 1L;

    private final long offset;

    /** @param detail what is wrong, said of the line the offset is on */
    CsvDataError(long offset, String detail) {
        super(detail, null, false, false);
        this.offset = offset;
    }

    long offset() {
        return offset;
    }
}
