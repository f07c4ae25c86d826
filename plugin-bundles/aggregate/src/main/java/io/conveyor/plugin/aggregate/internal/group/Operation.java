package io.conveyor.plugin.aggregate.internal.group;

import java.util.List;
import java.util.Locale;

import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

import io.conveyor.plugin.aggregate.internal.column.ValueKind;

/** The aggregate operations of groupby.apply and reduce.apply. Every one ignores null values. */
public enum Operation {
    SUM, AVG, COUNT, MIN, MAX, MEDIAN, STD, VAR, FIRST, LAST;

    /** The names a config may use, in documentation order; {@code mean} is {@code avg}. */
    public static final List<String> NAMES = List.of("sum", "avg", "mean", "count", "min", "max", "median", "std",
            "var", "first", "last");

    static final ArrowType INT64 = new ArrowType.Int(64, true);
    static final ArrowType FLOAT64 = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);

    /** The operation a config name stands for; the name must be one of {@link #NAMES}. */
    public static Operation parse(String name) {
        return name.equals("mean") ? AVG : valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** Whether the operation applies to a column of this kind. */
    public boolean accepts(ValueKind kind) {
        return switch (this) {
            case COUNT -> true;
            case SUM, AVG, MEDIAN, STD, VAR -> kind.isNumeric();
            case MIN, MAX, FIRST, LAST -> kind.isOrdered();
        };
    }

    /** What {@link #accepts} asks for, for messages. */
    public String requirement() {
        return switch (this) {
            case COUNT -> "any column";
            case SUM, AVG, MEDIAN, STD, VAR -> "an integer or float column";
            case MIN, MAX, FIRST, LAST -> "a number, bool, text, date, time, timestamp or duration column";
        };
    }

    /**
     * The type of the result for an input column: count is int64; sum keeps integers as int64 and
     * floats as float64; avg, median, std and var are float64; min, max, first and last keep the
     * column's type.
     */
    public ArrowType resultType(Field input) {
        return switch (this) {
            case COUNT -> INT64;
            case SUM -> ValueKind.of(input.getType()) == ValueKind.INTEGER ? INT64 : FLOAT64;
            case AVG, MEDIAN, STD, VAR -> FLOAT64;
            case MIN, MAX, FIRST, LAST -> input.getType();
        };
    }
}
