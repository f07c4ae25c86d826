package io.conveyor.plugin.aggregate.internal.column;

import java.util.List;
import java.util.stream.Collectors;

import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

import io.conveyor.plugin.kit.column.TypeNames;

/** Finds the columns a config names in an input schema, with the wording every message uses. */
public final class Columns {

    private Columns() {
    }

    /**
     * The field called {@code column}, or {@code null} after adding a problem such as
     * {@code config key 'by' names column 'regoin', which is not in input 'orders' (did you mean 'region'?)}.
     *
     * @param key  the declared config key the problem is located at
     * @param path what the message names: the key, or a part of it such as {@code aggregations[1].column}
     */
    public static Field find(Schema schema, String column, String input, String key, String path, Problems problems) {
        for (Field field : schema.getFields()) {
            if (field.getName().equals(column)) {
                return field;
            }
        }
        problems.add(key, "config key '" + path + "' names column '" + column + "', which is not in input '" + input
                + "'" + hint(column, schema));
        return null;
    }

    /** {@code (did you mean 'x'?)} for a close name, else the list of columns there are. */
    private static String hint(String column, Schema schema) {
        List<String> names = names(schema);
        String suggestion = Suggestions.didYouMean(column, names);
        if (!suggestion.isEmpty()) {
            return suggestion;
        }
        return names.isEmpty() ? " (it has no columns)" : " (columns: " + String.join(", ", names) + ")";
    }

    public static List<String> names(Schema schema) {
        return schema.getFields().stream().map(Field::getName).collect(Collectors.toList());
    }

    /**
     * Whether two batches have the same columns: names and types in order (nullability and
     * metadata may differ from batch to batch).
     */
    public static boolean sameColumns(Schema a, Schema b) {
        List<Field> x = a.getFields();
        List<Field> y = b.getFields();
        if (x.size() != y.size()) {
            return false;
        }
        for (int i = 0; i < x.size(); i++) {
            if (!x.get(i).getName().equals(y.get(i).getName()) || !x.get(i).getType().equals(y.get(i).getType())) {
                return false;
            }
        }
        return true;
    }

    /** The columns of a schema for messages: {@code id:int64, name:utf8}. */
    public static String describe(Schema schema) {
        return schema.getFields().stream().map(f -> f.getName() + ":" + typeName(f)).collect(Collectors.joining(", "));
    }

    /** The type as messages name it: int64, float64, utf8, bool, date32, ... */
    public static String typeName(Field field) {
        return TypeNames.of(field);
    }
}
