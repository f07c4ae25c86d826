package io.conveyor.plugin.aggregate.internal.column;

import org.apache.arrow.vector.types.pojo.ArrowType;

/** How the aggregate stages read a column, decided by its Arrow type. */
public enum ValueKind {
    /** Signed or unsigned integers of any width, read as {@code long}. */
    INTEGER,
    /** Floats of any precision, read as {@code double}. */
    FLOAT,
    BOOL,
    /** {@code utf8} and {@code large_utf8}, compared by their UTF-8 bytes (code point order). */
    STRING,
    /** Dates, times, timestamps and durations: whole numbers in a unit, read as {@code long}. */
    TEMPORAL,
    /** Anything else (decimals, binary, nested types): counted, not otherwise aggregated. */
    OTHER;

    public static ValueKind of(ArrowType type) {
        return switch (type.getTypeID()) {
            case Int -> INTEGER;
            case FloatingPoint -> FLOAT;
            case Bool -> BOOL;
            case Utf8, LargeUtf8 -> STRING;
            case Date, Time, Timestamp, Duration -> TEMPORAL;
            default -> OTHER;
        };
    }

    /** Whether sum, avg, median, std and var apply. */
    public boolean isNumeric() {
        return this == INTEGER || this == FLOAT;
    }

    /** Whether min, max, first and last apply: every kind held as a number or as text. */
    public boolean isOrdered() {
        return this != OTHER;
    }
}
