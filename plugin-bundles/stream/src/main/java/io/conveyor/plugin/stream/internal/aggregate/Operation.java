package io.conveyor.plugin.stream.internal.aggregate;

import java.util.Locale;

import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/** The operations of aggregate.stream; the result column is named after the operation. */
enum Operation {
    COUNT, SUM, AVG, MIN, MAX;

    static final ArrowType INT64 = new ArrowType.Int(64, true);
    static final ArrowType FLOAT64 = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);

    static Operation of(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** The name used in config and as the result column. */
    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    boolean needsValues() {
        return this != COUNT;
    }

    /**
     * The result field for a value column of type {@code value} ({@code null} for count without
     * one): count int64; avg float64; sum, min and max int64 for integers and float64 for floats;
     * a value column with no values yet (the null type) gives a null-typed result.
     */
    Field resultField(ArrowType value) {
        ArrowType type = switch (this) {
            case COUNT -> INT64;
            case AVG -> FLOAT64;
            default -> value instanceof ArrowType.Int ? INT64 : value instanceof ArrowType.Null ? value : FLOAT64;
        };
        return new Field(id(), FieldType.nullable(type), null);
    }

    /** Whether a column of this type can be aggregated: integers, floats, or no values yet. */
    static boolean isNumber(ArrowType type) {
        return type instanceof ArrowType.Int || type instanceof ArrowType.FloatingPoint
                || type instanceof ArrowType.Null;
    }
}
