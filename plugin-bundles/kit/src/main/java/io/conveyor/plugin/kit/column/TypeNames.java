package io.conveyor.plugin.kit.column;

import java.util.Locale;

import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/** Names of column types for messages and displays. */
public final class TypeNames {

    private TypeNames() {
    }

    /** The name used in messages: int64, float64, bool, utf8, int32, float32, or Arrow's own. */
    public static String of(Field field) {
        ArrowType type = field.getType();
        if (type instanceof ArrowType.Int i) {
            return (i.getIsSigned() ? "int" : "uint") + i.getBitWidth();
        }
        if (type instanceof ArrowType.FloatingPoint f) {
            return switch (f.getPrecision()) {
                case HALF -> "float16";
                case SINGLE -> "float32";
                case DOUBLE -> "float64";
            };
        }
        if (type instanceof ArrowType.Bool) {
            return "bool";
        }
        if (type instanceof ArrowType.Utf8) {
            return "utf8";
        }
        if (type instanceof ArrowType.LargeUtf8) {
            return "large_utf8";
        }
        return type.toString().toLowerCase(Locale.ROOT);
    }

    /** The short name a table header shows, as Polars does: i64, f64, bool, str. */
    public static String shortName(Field field) {
        ArrowType type = field.getType();
        if (type instanceof ArrowType.Int i) {
            return (i.getIsSigned() ? "i" : "u") + i.getBitWidth();
        }
        if (type instanceof ArrowType.FloatingPoint f && f.getPrecision() != FloatingPointPrecision.HALF) {
            return f.getPrecision() == FloatingPointPrecision.SINGLE ? "f32" : "f64";
        }
        if (type instanceof ArrowType.Utf8 || type instanceof ArrowType.LargeUtf8) {
            return "str";
        }
        return of(field);
    }
}
