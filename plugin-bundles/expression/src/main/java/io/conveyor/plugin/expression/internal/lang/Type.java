package io.conveyor.plugin.expression.internal.lang;

import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * The types of expression values. Every integer column reads as {@link #INT}, every floating-point
 * column as {@link #FLOAT}, utf8 as {@link #STRING}, dates as {@link #DATE} (days since 1970-01-01)
 * and timestamps as {@link #TIMESTAMP} (microseconds since 1970-01-01T00:00, no time zone).
 * {@link #NULL} is the type of the literal {@code null}, which fits every other type.
 */
public enum Type {
    INT("int64"), FLOAT("float64"), BOOL("bool"), STRING("utf8"), DATE("date"), TIMESTAMP("timestamp"), NULL("null");

    private final String displayName;

    Type(String displayName) {
        this.displayName = displayName;
    }

    /** The name messages use, the same as column types elsewhere: int64, float64, bool, utf8, date, timestamp. */
    public String displayName() {
        return displayName;
    }

    public boolean isNumeric() {
        return this == INT || this == FLOAT;
    }

    public boolean isTemporal() {
        return this == DATE || this == TIMESTAMP;
    }

    /** The type of a column of {@code arrowType}, or null when expressions cannot read it. */
    public static Type of(ArrowType arrowType) {
        if (arrowType instanceof ArrowType.Int) {
            return INT;
        }
        if (arrowType instanceof ArrowType.FloatingPoint) {
            return FLOAT;
        }
        if (arrowType instanceof ArrowType.Bool) {
            return BOOL;
        }
        if (arrowType instanceof ArrowType.Utf8 || arrowType instanceof ArrowType.LargeUtf8) {
            return STRING;
        }
        if (arrowType instanceof ArrowType.Date) {
            return DATE;
        }
        if (arrowType instanceof ArrowType.Timestamp) {
            return TIMESTAMP;
        }
        return null;
    }

    /** The Arrow type of a column this type's values are written to; {@link #NULL} writes as utf8. */
    public ArrowType arrowType() {
        return switch (this) {
            case INT -> new ArrowType.Int(64, true);
            case FLOAT -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            case BOOL -> ArrowType.Bool.INSTANCE;
            case STRING, NULL -> ArrowType.Utf8.INSTANCE;
            case DATE -> new ArrowType.Date(DateUnit.DAY);
            case TIMESTAMP -> new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
        };
    }
}
