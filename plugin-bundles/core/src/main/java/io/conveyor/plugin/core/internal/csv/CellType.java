package io.conveyor.plugin.core.internal.csv;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * The column types csv.read gives its columns, inferred or named in {@code schema}: int64,
 * float64, bool, utf8, and (inferred only with {@code parse_dates}) date and timestamp, a
 * timestamp being microseconds without a time zone.
 */
enum CellType {
    INT64("int64", new ArrowType.Int(64, true)),
    FLOAT64("float64", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
    BOOL("bool", ArrowType.Bool.INSTANCE),
    UTF8("utf8", ArrowType.Utf8.INSTANCE),
    DATE("date", new ArrowType.Date(DateUnit.DAY)),
    TIMESTAMP("timestamp", new ArrowType.Timestamp(TimeUnit.MICROSECOND, null));

    /** The type names {@code schema} accepts, with the aliases of validate.schema's {@code field_types}. */
    static final Map<String, CellType> SCHEMA_NAMES = Map.ofEntries(
            Map.entry("string", UTF8), Map.entry("str", UTF8), Map.entry("text", UTF8), Map.entry("utf8", UTF8),
            Map.entry("int", INT64), Map.entry("integer", INT64), Map.entry("int64", INT64), Map.entry("i64", INT64),
            Map.entry("float", FLOAT64), Map.entry("double", FLOAT64), Map.entry("float64", FLOAT64),
            Map.entry("f64", FLOAT64),
            Map.entry("bool", BOOL), Map.entry("boolean", BOOL),
            Map.entry("date", DATE),
            Map.entry("timestamp", TIMESTAMP), Map.entry("datetime", TIMESTAMP));

    /** The names {@code schema}'s documentation and messages list. */
    static final List<String> MAIN_SCHEMA_NAMES = List.of("string", "int", "float", "bool", "date", "timestamp");

    private final String displayName;
    private final ArrowType arrowType;

    CellType(String displayName, ArrowType arrowType) {
        this.displayName = displayName;
        this.arrowType = arrowType;
    }

    String displayName() {
        return displayName;
    }

    Field field(String name) {
        return new Field(name, FieldType.nullable(arrowType), null);
    }

    /** The type a {@code schema} value names, in any case, or null. */
    static CellType ofSchemaName(String name) {
        return SCHEMA_NAMES.get(name.toLowerCase(Locale.ROOT));
    }

    /**
     * The narrowest type holding values of both: integers and floats widen to float64, dates and
     * timestamps to timestamp, anything else mixed to utf8. {@code null} is "no value seen yet".
     */
    static CellType widen(CellType a, CellType b) {
        if (a == null) {
            return b;
        }
        if (b == null || a == b) {
            return a;
        }
        if (a.isNumber() && b.isNumber()) {
            return FLOAT64;
        }
        if (a.isTemporal() && b.isTemporal()) {
            return TIMESTAMP;
        }
        return UTF8;
    }

    private boolean isNumber() {
        return this == INT64 || this == FLOAT64;
    }

    private boolean isTemporal() {
        return this == DATE || this == TIMESTAMP;
    }
}
