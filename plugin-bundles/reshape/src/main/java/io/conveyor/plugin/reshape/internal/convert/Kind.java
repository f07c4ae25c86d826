package io.conveyor.plugin.reshape.internal.convert;

import org.apache.arrow.vector.types.pojo.ArrowType;

/** The families of column types conversions tell apart. */
public enum Kind {
    /** Signed or unsigned integers of any width. */
    INTEGER,
    /** Floats of any precision. */
    FLOAT,
    BOOL,
    /** utf8 and large_utf8. */
    TEXT,
    /** Days or milliseconds since 1970-01-01. */
    DATE,
    /** Any unit, with or without a zone. */
    TIMESTAMP,
    DECIMAL,
    /** A column of nulls only. */
    NULL,
    /** Anything else: binary, times, durations, nested types. */
    OTHER;

    public static Kind of(ArrowType type) {
        if (type instanceof ArrowType.Int) {
            return INTEGER;
        }
        if (type instanceof ArrowType.FloatingPoint) {
            return FLOAT;
        }
        if (type instanceof ArrowType.Bool) {
            return BOOL;
        }
        if (type instanceof ArrowType.Utf8 || type instanceof ArrowType.LargeUtf8) {
            return TEXT;
        }
        if (type instanceof ArrowType.Date) {
            return DATE;
        }
        if (type instanceof ArrowType.Timestamp) {
            return TIMESTAMP;
        }
        if (type instanceof ArrowType.Decimal) {
            return DECIMAL;
        }
        if (type instanceof ArrowType.Null) {
            return NULL;
        }
        return OTHER;
    }
}
