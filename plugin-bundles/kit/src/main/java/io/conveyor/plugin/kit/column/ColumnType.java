package io.conveyor.plugin.kit.column;

import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/** The column types the readers infer: int64, float64, bool and utf8 (anything else). */
public enum ColumnType {
    INT64("int64", new ArrowType.Int(64, true)),
    FLOAT64("float64", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
    BOOL("bool", ArrowType.Bool.INSTANCE),
    UTF8("utf8", ArrowType.Utf8.INSTANCE);

    private final String displayName;
    private final ArrowType arrowType;

    ColumnType(String displayName, ArrowType arrowType) {
        this.displayName = displayName;
        this.arrowType = arrowType;
    }

    /** The name used in messages: int64, float64, bool, utf8. */
    public String displayName() {
        return displayName;
    }

    /** A nullable Arrow field of this type. */
    public Field field(String name) {
        return new Field(name, FieldType.nullable(arrowType), null);
    }

    /**
     * The narrowest type holding values of both types: integers and floats widen to float64,
     * anything else mixed becomes utf8. {@code null} stands for "no value seen yet".
     */
    public static ColumnType widen(ColumnType a, ColumnType b) {
        if (a == null) {
            return b;
        }
        if (b == null || a == b) {
            return a;
        }
        if ((a == INT64 || a == FLOAT64) && (b == INT64 || b == FLOAT64)) {
            return FLOAT64;
        }
        return UTF8;
    }
}
