package io.conveyor.plugin.reshape.internal.convert;

import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;

/** Which conversions exist, and the column types they produce. */
public final class Conversions {

    public static final ArrowType TEXT = ArrowType.Utf8.INSTANCE;
    public static final ArrowType INTEGER = new ArrowType.Int(64, true);
    public static final ArrowType FLOAT = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
    public static final ArrowType BOOL = ArrowType.Bool.INSTANCE;
    public static final ArrowType DATE = new ArrowType.Date(org.apache.arrow.vector.types.DateUnit.DAY);

    private Conversions() {
    }

    /** A timestamp in microseconds, with the given zone or none. */
    public static ArrowType timestamp(String zone) {
        return new ArrowType.Timestamp(TimeUnit.MICROSECOND, zone);
    }

    /**
     * A new conversion from columns of type {@code from} to {@code to} (one of the types above),
     * or {@code null} when there is none. Each conversion keeps scratch state: use one per column.
     */
    public static Conversion find(ArrowType from, ArrowType to) {
        Kind source = Kind.of(from);
        return switch (Kind.of(to)) {
            case TEXT -> ToText.supports(source) ? new ToText() : null;
            case INTEGER -> ToInteger.supports(source) ? new ToInteger() : null;
            case FLOAT -> ToFloat.supports(source) ? new ToFloat() : null;
            case BOOL -> ToBool.supports(source) ? new ToBool() : null;
            case DATE -> ToTemporal.supports(source) ? new ToTemporal(true) : null;
            case TIMESTAMP -> ToTemporal.supports(source) ? new ToTemporal(false) : null;
            default -> null;
        };
    }
}
