package io.conveyor.plugin.kit.column;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Dates, times and timestamps as ISO-8601 text: {@code 2024-01-15}, {@code 10:30:00},
 * {@code 2024-01-15T10:30:00} (no time zone), {@code 2024-01-15T11:30:00+01:00} (with one), with
 * seconds always and a fraction only when there is one. Arrow's own {@code getObject} gives a
 * day count for dates and a zone-less value for zoned timestamps.
 */
public final class TemporalText {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private TemporalText() {
    }

    /** Whether {@link #format} renders cells of this type. */
    public static boolean handles(ArrowType type) {
        return type instanceof ArrowType.Date || type instanceof ArrowType.Timestamp || type instanceof ArrowType.Time;
    }

    /** The non-null cell as ISO text; the vector's type must be one {@link #handles}. */
    public static String format(FieldVector vector, int row) {
        ArrowType type = vector.getField().getType();
        if (type instanceof ArrowType.Date date) {
            return switch (date.getUnit()) {
                case DAY -> LocalDate.ofEpochDay(int32(vector, row)).toString();
                case MILLISECOND -> LocalDate.ofEpochDay(Math.floorDiv(int64(vector, row), 86_400_000L)).toString();
            };
        }
        if (type instanceof ArrowType.Timestamp timestamp) {
            Instant instant = instant(int64(vector, row), timestamp.getUnit());
            if (timestamp.getTimezone() == null) {
                return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
            }
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(ZoneId.of(timestamp.getTimezone())));
        }
        if (type instanceof ArrowType.Time time) {
            long nanos = switch (time.getUnit()) {
                case SECOND -> int32(vector, row) * NANOS_PER_SECOND;
                case MILLISECOND -> int32(vector, row) * 1_000_000L;
                case MICROSECOND -> int64(vector, row) * 1_000L;
                case NANOSECOND -> int64(vector, row);
            };
            return DateTimeFormatter.ISO_LOCAL_TIME.format(LocalTime.ofNanoOfDay(nanos));
        }
        throw new IllegalArgumentException("not a date, time or timestamp: " + type);
    }

    private static Instant instant(long value, org.apache.arrow.vector.types.TimeUnit unit) {
        return switch (unit) {
            case SECOND -> Instant.ofEpochSecond(value);
            case MILLISECOND -> Instant.ofEpochMilli(value);
            case MICROSECOND -> Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000L),
                    Math.floorMod(value, 1_000_000L) * 1_000L);
            case NANOSECOND -> Instant.ofEpochSecond(Math.floorDiv(value, NANOS_PER_SECOND),
                    Math.floorMod(value, NANOS_PER_SECOND));
        };
    }

    private static int int32(FieldVector vector, int row) {
        return vector.getDataBuffer().getInt((long) row * 4);
    }

    private static long int64(FieldVector vector, int row) {
        return vector.getDataBuffer().getLong((long) row * 8);
    }
}
