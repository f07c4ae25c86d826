package io.conveyor.plugin.fields.internal.validate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.api.stage.StageConfig;
import io.conveyor.plugin.fields.internal.InputColumns;
import io.conveyor.plugin.kit.column.TypeNames;
import io.conveyor.plugin.kit.config.ConfigValues;

/** What validate.schema checks, read from its config, and the checks a schema alone decides. */
final class Rules {

    /**
     * A column that is missing or of the wrong type. {@code data} is the sentence for a DATA error at
     * run time, {@code config} the one for a problem at validation time (minus the input's name).
     */
    record Mismatch(String key, String data, String config) {
    }

    final List<String> required;
    /** Column to the type name as the pipeline wrote it. */
    final Map<String, String> types;
    final List<String> nonNullable;
    final List<String> dateFields;
    final List<String> unique;
    final String uniqueKey;

    private Rules(StageConfig config) {
        required = list(config, "required_fields");
        types = new LinkedHashMap<>();
        Object table = config.get("field_types");
        if (table instanceof Map<?, ?> map) {
            map.forEach((column, type) -> types.put((String) column, (String) type));
        }
        nonNullable = list(config, "non_nullable");
        dateFields = list(config, "date_fields");
        uniqueKey = config.isSet("unique") ? "unique" : "unique_fields";
        unique = list(config, uniqueKey);
    }

    private static List<String> list(StageConfig config, String key) {
        List<String> values = config.getStringList(key);
        return values == null ? List.of() : values;
    }

    /** The rules of a config for which {@link #problems} found nothing. */
    static Rules of(StageConfig config) {
        return new Rules(config);
    }

    /** Every problem with the config on its own. */
    static List<ConfigProblem> problems(StageConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        Object table = config.get("field_types");
        if (table instanceof Map<?, ?> map) {
            map.forEach((column, type) -> {
                if (!(type instanceof String name) || FieldType.parse(name) == null) {
                    problems.add(new ConfigProblem("field_types", "config key 'field_types' gives '" + column
                            + "' the type " + ConfigValues.describe(type) + ", which is not one of "
                            + FieldType.names()));
                }
            });
        }
        if (config.isSet("unique") && config.isSet("unique_fields")) {
            problems.add(new ConfigProblem("unique", "config key 'unique' is another name for 'unique_fields': "
                    + "set one of them, not both"));
        }
        return problems;
    }

    /**
     * The columns the rules name that the schema lacks or holds with the wrong type, in the order
     * of the keys (required_fields, field_types, non_nullable, date_fields, unique_fields); a
     * missing column is reported once, under the first key naming it.
     */
    List<Mismatch> mismatches(Schema schema, String input) {
        List<Mismatch> found = new ArrayList<>();
        Set<String> missing = new HashSet<>();
        for (String column : required) {
            if (InputColumns.find(schema, column) == null && missing.add(column)) {
                found.add(new Mismatch("required_fields", "Required field '" + column + "' not found in data",
                        "config key 'required_fields' names '" + column + "', which "
                                + InputColumns.notIn(input, schema)));
            }
        }
        types.forEach((column, type) -> {
            Field field = present(schema, column, "field_types", input, missing, found);
            if (field != null && !FieldType.parse(type).accepts(field)) {
                found.add(new Mismatch("field_types", "Field '" + column + "' has type " + TypeNames.of(field)
                        + ", expected " + type, "config key 'field_types' expects '" + column + "' to be " + type
                                + ", but it is " + TypeNames.of(field) + " in input '" + input + "'"));
            }
        });
        nonNullable.forEach(column -> present(schema, column, "non_nullable", input, missing, found));
        for (String column : dateFields) {
            Field field = present(schema, column, "date_fields", input, missing, found);
            if (field != null && !isDateOrText(field)) {
                found.add(new Mismatch("date_fields", "Field '" + column + "' has type " + TypeNames.of(field)
                        + ", expected a date, a timestamp or date text", "config key 'date_fields' names '" + column
                                + "', which is " + TypeNames.of(field) + " in input '" + input
                                + "'; a date field must be a date, timestamp or utf8 column"));
            }
        }
        unique.forEach(column -> present(schema, column, uniqueKey, input, missing, found));
        return found;
    }

    private static Field present(Schema schema, String column, String key, String input, Set<String> missing,
            List<Mismatch> found) {
        Field field = InputColumns.find(schema, column);
        if (field == null && missing.add(column)) {
            found.add(new Mismatch(key, "Field '" + column + "' (in " + key + ") not found in data",
                    "config key '" + key + "' names '" + column + "', which " + InputColumns.notIn(input, schema)));
        }
        return field;
    }

    static boolean isDateOrText(Field field) {
        ArrowType type = field.getType();
        return type instanceof ArrowType.Date || type instanceof ArrowType.Timestamp || isText(field);
    }

    static boolean isText(Field field) {
        return field.getType() instanceof ArrowType.Utf8 || field.getType() instanceof ArrowType.LargeUtf8;
    }
}
