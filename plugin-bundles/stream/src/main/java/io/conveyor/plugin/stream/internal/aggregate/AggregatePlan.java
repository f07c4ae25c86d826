package io.conveyor.plugin.stream.internal.aggregate;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.api.stage.StageConfig;
import io.conveyor.plugin.kit.column.TypeNames;
import io.conveyor.plugin.stream.internal.rows.WindowColumns;

/**
 * What aggregate.stream computes, and the columns it needs and gives for an input schema: the
 * window columns when the input has them, then the result, then the group_by columns.
 *
 * @param valueKey    the config key naming the value column ({@code value_column} or {@code column}),
 *                    or {@code null}
 * @param valueColumn the value column, or {@code null}
 */
record AggregatePlan(Operation operation, List<String> groupBy, String valueKey, String valueColumn) {

    static AggregatePlan of(StageConfig config) {
        String key = AggregateStream.valueKey(config);
        return new AggregatePlan(Operation.of(config.getString("operation")), AggregateStream.groupBy(config), key,
                key == null ? null : config.getString(key));
    }

    /** The window columns (when the input has all of them), then group_by's, each once. */
    List<String> keyColumns(Schema input) {
        List<String> keys = new ArrayList<>();
        if (WindowColumns.present(input)) {
            keys.addAll(WindowColumns.ALL);
        }
        groupBy.stream().filter(c -> !keys.contains(c)).forEach(keys::add);
        return keys;
    }

    /** The problems of this plan on an input of this schema: missing columns, a value column that is not a number. */
    List<ConfigProblem> check(Schema input, String inputName) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (String column : groupBy) {
            if (field(input, column) == null) {
                problems.add(missing("group_by", column, input, inputName));
            }
        }
        if (valueColumn != null) {
            Field value = field(input, valueColumn);
            if (value == null) {
                problems.add(missing(valueKey, valueColumn, input, inputName));
            } else if (!Operation.isNumber(value.getType()) && operation != Operation.COUNT) {
                problems.add(new ConfigProblem(valueKey, "config key '" + valueKey + "' names column '" + valueColumn
                        + "' of type " + TypeNames.of(value) + ", but operation '" + operation.id()
                        + "' needs a number column (integer or float)"));
            }
        }
        return problems;
    }

    private static ConfigProblem missing(String key, String column, Schema input, String inputName) {
        return new ConfigProblem(key, "config key '" + key + "' names column '" + column + "', which input '"
                + inputName + "' does not have (columns: " + names(input) + ")");
    }

    static String names(Schema schema) {
        return schema.getFields().stream().map(Field::getName).collect(Collectors.joining(", "));
    }

    static Field field(Schema schema, String name) {
        return schema.getFields().stream().filter(f -> f.getName().equals(name)).findFirst().orElse(null);
    }

    Field resultField(Schema input) {
        return operation.resultField(valueColumn == null ? null : field(input, valueColumn).getType());
    }

    /** The output schema for a checked input schema. */
    Schema outputSchema(Schema input) {
        List<Field> fields = new ArrayList<>();
        List<String> keys = keyColumns(input);
        boolean windowed = WindowColumns.present(input);
        int leading = windowed ? WindowColumns.ALL.size() : 0;
        for (int i = 0; i < leading; i++) {
            fields.add(field(input, keys.get(i)));
        }
        fields.add(resultField(input));
        for (int i = leading; i < keys.size(); i++) {
            fields.add(field(input, keys.get(i)));
        }
        return new Schema(fields);
    }
}
