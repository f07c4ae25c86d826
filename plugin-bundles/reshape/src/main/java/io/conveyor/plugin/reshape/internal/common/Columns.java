package io.conveyor.plugin.reshape.internal.common;

import java.util.List;
import java.util.stream.Collectors;

import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.plugin.kit.column.TypeNames;
import io.conveyor.plugin.kit.config.DidYouMean;

/**
 * Finds the columns a config names in an input's schema, and words the problem when one is not
 * there the same way for every stage, at validation time and at run time alike.
 */
public final class Columns {

    private Columns() {
    }

    /** The field called {@code name}, or {@code null}. */
    public static Field find(Schema schema, String name) {
        int index = indexOf(schema, name);
        return index < 0 ? null : schema.getFields().get(index);
    }

    /** The position of the first field called {@code name}, or -1. */
    public static int indexOf(Schema schema, String name) {
        List<Field> fields = schema.getFields();
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).getName().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * {@code config key 'by' names column 'amout', which input 'orders' does not have (did you
     * mean 'amount'?); its columns: id, amount}.
     */
    public static ConfigProblem missing(String key, String column, String input, Schema schema) {
        List<String> names = names(schema);
        return new ConfigProblem(key, "config key '" + key + "' names column '" + column + "', which input '" + input
                + "' does not have" + DidYouMean.suffix(column, names) + "; its columns: " + list(names));
    }

    /** The column names of a schema, in order. */
    public static List<String> names(Schema schema) {
        return schema.getFields().stream().map(Field::getName).toList();
    }

    /** A schema for a message: {@code id int64, name utf8}. */
    public static String describe(Schema schema) {
        return schema.getFields().isEmpty() ? "(none)" : schema.getFields().stream()
                .map(f -> f.getName() + " " + typeName(f)).collect(Collectors.joining(", "));
    }

    /**
     * A column's type for messages: the kit's names ({@code int64}, {@code utf8}), and for dates
     * and timestamps {@code date}, {@code date[ms]}, {@code timestamp[us]}, {@code timestamp[ms, UTC]}.
     */
    public static String typeName(Field field) {
        ArrowType type = field.getType();
        if (type instanceof ArrowType.Date date) {
            return date.getUnit() == DateUnit.DAY ? "date" : "date[ms]";
        }
        if (type instanceof ArrowType.Timestamp timestamp) {
            String unit = switch (timestamp.getUnit()) {
                case SECOND -> "s";
                case MILLISECOND -> "ms";
                case MICROSECOND -> "us";
                case NANOSECOND -> "ns";
            };
            return "timestamp[" + unit + (timestamp.getTimezone() == null ? "" : ", " + timestamp.getTimezone()) + "]";
        }
        return TypeNames.of(field);
    }

    /** Names for a message: {@code id, name, price}, or {@code (none)}. */
    public static String list(List<String> names) {
        return names.isEmpty() ? "(none)" : names.stream().collect(Collectors.joining(", "));
    }
}
