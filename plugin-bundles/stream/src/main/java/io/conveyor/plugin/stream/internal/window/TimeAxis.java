package io.conveyor.plugin.stream.internal.window;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;

import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.FloatingPointVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

import io.conveyor.api.stage.StageException;

/**
 * What positions rows on a window's axis, as a {@code double} key per row, and how the window
 * bounds are written. Keys are in the axis's own unit; {@link #unitsPerSecond()} converts the
 * configured durations (seconds) to it, except on a number column, whose numbers are their own
 * unit.
 */
abstract sealed class TimeAxis {

    /** Which kind of axis, so that a time column changing kind mid-stream is caught. */
    enum Kind { ROWS, NUMBER, TIMESTAMP, TEXT, ARRIVAL }

    private static final ArrowType INT64 = new ArrowType.Int(64, true);
    private static final ArrowType FLOAT64 = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);

    abstract Kind kind();

    /** How many key units a configured second is. */
    abstract double unitsPerSecond();

    /** The type of window_start and window_end. */
    abstract ArrowType boundType();

    /** The key of row {@code row}; {@code rowNumber} counts rows from the start of the stream. */
    abstract double key(FieldVector column, int row, long rowNumber, String columnName) throws StageException;

    abstract void setBound(FieldVector vector, int index, double key);

    /** A key as messages show it. */
    String describe(double key) {
        return key == Math.rint(key) && Math.abs(key) < 1e15 ? Long.toString((long) key) : Double.toString(key);
    }

    Field boundField(String name) {
        return new Field(name, FieldType.nullable(boundType()), null);
    }

    /** The axis for a time column of this type, or {@code null} when the type cannot be one. */
    static TimeAxis forColumn(ArrowType type, boolean wholeDurations) {
        if (type instanceof ArrowType.Int) {
            return new NumberAxis(wholeDurations);
        }
        if (type instanceof ArrowType.FloatingPoint) {
            return new NumberAxis(false);
        }
        if (type instanceof ArrowType.Timestamp timestamp) {
            return new TimestampAxis(timestamp);
        }
        if (type instanceof ArrowType.Utf8) {
            return new TextAxis();
        }
        return null;
    }

    /** Row positions in the stream: record-count windows. */
    static final class RowAxis extends TimeAxis {
        @Override
        Kind kind() {
            return Kind.ROWS;
        }

        @Override
        double unitsPerSecond() {
            return 1;
        }

        @Override
        ArrowType boundType() {
            return INT64;
        }

        @Override
        double key(FieldVector column, int row, long rowNumber, String columnName) {
            return rowNumber;
        }

        @Override
        void setBound(FieldVector vector, int index, double key) {
            ((BigIntVector) vector).setSafe(index, (long) key);
        }
    }

    /** A number column, in its own unit; bounds are integers when the column and durations are. */
    static final class NumberAxis extends TimeAxis {
        private final boolean integral;

        NumberAxis(boolean integral) {
            this.integral = integral;
        }

        @Override
        Kind kind() {
            return Kind.NUMBER;
        }

        @Override
        double unitsPerSecond() {
            return 1;
        }

        @Override
        ArrowType boundType() {
            return integral ? INT64 : FLOAT64;
        }

        @Override
        double key(FieldVector column, int row, long rowNumber, String columnName) throws StageException {
            checkNotNull(column, row, rowNumber, columnName);
            return column instanceof BaseIntVector ints ? ints.getValueAsLong(row)
                    : ((FloatingPointVector) column).getValueAsDouble(row);
        }

        @Override
        void setBound(FieldVector vector, int index, double key) {
            if (integral) {
                ((BigIntVector) vector).setSafe(index, (long) key);
            } else {
                ((Float8Vector) vector).setSafe(index, key);
            }
        }
    }

    /** A timestamp column, keyed in its own unit; bounds have the column's type. */
    static final class TimestampAxis extends TimeAxis {
        private final ArrowType.Timestamp type;

        TimestampAxis(ArrowType.Timestamp type) {
            this.type = type;
        }

        @Override
        Kind kind() {
            return Kind.TIMESTAMP;
        }

        @Override
        double unitsPerSecond() {
            TimeUnit unit = type.getUnit();
            return switch (unit) {
                case SECOND -> 1;
                case MILLISECOND -> 1e3;
                case MICROSECOND -> 1e6;
                case NANOSECOND -> 1e9;
            };
        }

        @Override
        ArrowType boundType() {
            return type;
        }

        @Override
        double key(FieldVector column, int row, long rowNumber, String columnName) throws StageException {
            checkNotNull(column, row, rowNumber, columnName);
            return ((TimeStampVector) column).get(row);
        }

        @Override
        void setBound(FieldVector vector, int index, double key) {
            ((TimeStampVector) vector).setSafe(index, Math.round(key));
        }
    }

    /** ISO-8601 text, keyed in microseconds since the epoch; bounds are ISO-8601 UTC text. */
    static sealed class TextAxis extends TimeAxis permits ArrivalAxis {
        @Override
        Kind kind() {
            return Kind.TEXT;
        }

        @Override
        double unitsPerSecond() {
            return 1e6;
        }

        @Override
        ArrowType boundType() {
            return ArrowType.Utf8.INSTANCE;
        }

        @Override
        double key(FieldVector column, int row, long rowNumber, String columnName) throws StageException {
            checkNotNull(column, row, rowNumber, columnName);
            String text = new String(((VarCharVector) column).get(row), StandardCharsets.UTF_8);
            try {
                return micros(parse(text));
            } catch (DateTimeException e) {
                throw StageException.data("column '" + columnName + "' holds \"" + text + "\" in row "
                        + (rowNumber + 1) + ", which is not an ISO-8601 date-time such as 2024-05-01T10:15:00Z");
            }
        }

        private static Instant parse(String text) {
            // "2024-05-01 10:15:00" (SQL style) reads like "2024-05-01T10:15:00"
            String iso = text.length() > 10 && text.charAt(10) == ' '
                    ? text.substring(0, 10) + 'T' + text.substring(11) : text;
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(iso,
                    OffsetDateTime::from, LocalDateTime::from);
            if (parsed instanceof LocalDateTime local) {
                return local.toInstant(ZoneOffset.UTC);
            }
            return ((OffsetDateTime) parsed).toInstant();
        }

        static double micros(Instant instant) {
            return instant.getEpochSecond() * 1e6 + instant.getNano() / 1000;
        }

        @Override
        void setBound(FieldVector vector, int index, double key) {
            ((VarCharVector) vector).setSafe(index, describe(key).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        String describe(double key) {
            return Instant.EPOCH.plus(Math.round(key), ChronoUnit.MICROS).toString();
        }
    }

    /** The time rows arrive at the stage (processing time), for sessions without a time column. */
    static final class ArrivalAxis extends TextAxis {
        private final Clock clock;
        private double now = Double.NEGATIVE_INFINITY;

        ArrivalAxis(Clock clock) {
            this.clock = clock;
        }

        @Override
        Kind kind() {
            return Kind.ARRIVAL;
        }

        /** Reads the clock once for the batch about to be keyed; a clock set back does not turn time back. */
        void batchArrived() {
            now = Math.max(now, micros(clock.instant()));
        }

        @Override
        double key(FieldVector column, int row, long rowNumber, String columnName) {
            return now;
        }
    }

    static void checkNotNull(FieldVector column, int row, long rowNumber, String columnName) throws StageException {
        if (column.isNull(row)) {
            throw StageException.data("column '" + columnName + "' is null in row " + (rowNumber + 1)
                    + "; time windows need a time in every row");
        }
    }
}
