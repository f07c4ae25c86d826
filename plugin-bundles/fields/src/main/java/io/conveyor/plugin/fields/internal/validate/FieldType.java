package io.conveyor.plugin.fields.internal.validate;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/** The types {@code field_types} checks, under the original tool's names for them. */
enum FieldType {
    STRING,
    INTEGER,
    FLOAT,
    BOOL,
    DATE,
    DATETIME;

    private static final Map<String, FieldType> NAMES = new LinkedHashMap<>();

    static {
        for (String name : new String[] {"string", "str", "text"}) {
            NAMES.put(name, STRING);
        }
        for (String name : new String[] {"int", "integer", "int64", "i64"}) {
            NAMES.put(name, INTEGER);
        }
        for (String name : new String[] {"float", "double", "f64", "float64"}) {
            NAMES.put(name, FLOAT);
        }
        NAMES.put("bool", BOOL);
        NAMES.put("boolean", BOOL);
        NAMES.put("date", DATE);
        NAMES.put("datetime", DATETIME);
        NAMES.put("timestamp", DATETIME);
    }

    /** Every accepted name, for messages: {@code string, str, text, int, ...}. */
    static String names() {
        return String.join(", ", NAMES.keySet());
    }

    /** The type a name stands for, in any case; null if none. */
    static FieldType parse(String name) {
        return NAMES.get(name.toLowerCase(Locale.ROOT));
    }

    /** Whether a column of this field has this type. Integers and floats of any width count. */
    boolean accepts(Field field) {
        ArrowType type = field.getType();
        return switch (this) {
            case STRING -> type instanceof ArrowType.Utf8 || type instanceof ArrowType.LargeUtf8
                    || type instanceof ArrowType.Utf8View;
            case INTEGER -> type instanceof ArrowType.Int;
            case FLOAT -> type instanceof ArrowType.FloatingPoint;
            case BOOL -> type instanceof ArrowType.Bool;
            case DATE -> type instanceof ArrowType.Date;
            case DATETIME -> type instanceof ArrowType.Timestamp;
        };
    }
}
