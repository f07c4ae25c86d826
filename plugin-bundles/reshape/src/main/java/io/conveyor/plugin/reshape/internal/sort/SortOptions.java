package io.conveyor.plugin.reshape.internal.sort;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.api.stage.StageConfig;
import io.conveyor.plugin.kit.config.ConfigValues;
import io.conveyor.plugin.reshape.internal.common.Columns;

/**
 * The keys of a sort: columns, and per column its direction and where its nulls go.
 * {@code descending} and {@code nulls_last} are each one boolean for every column, or an array
 * with one boolean per column of {@code by}.
 */
record SortOptions(List<String> by, boolean[] descending, boolean[] nullsLast) {

    /** Every problem with the keys' shapes; empty when {@link #of} may be called. */
    static List<ConfigProblem> problems(StageConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        List<String> by = config.getStringList("by");
        if (by.isEmpty()) {
            problems.add(new ConfigProblem("by", "config key 'by' must name at least one column"));
        }
        Set<String> seen = new HashSet<>();
        for (String column : by) {
            if (!seen.add(column)) {
                problems.add(new ConfigProblem("by", "config key 'by' names '" + column + "' twice"));
                break;
            }
        }
        flagsProblem(config, "descending", by.size(), problems);
        flagsProblem(config, "nulls_last", by.size(), problems);
        return problems;
    }

    private static void flagsProblem(StageConfig config, String key, int columns, List<ConfigProblem> problems) {
        Object value = config.get(key);
        if (value instanceof Boolean) {
            return;
        }
        if (!(value instanceof List<?> list) || !list.stream().allMatch(Boolean.class::isInstance)) {
            problems.add(new ConfigProblem(key, "config key '" + key + "' must be a boolean, or an array of "
                    + "booleans with one per column of 'by', got " + ConfigValues.describe(value)));
        } else if (list.size() != columns) {
            problems.add(new ConfigProblem(key, "config key '" + key + "' has " + list.size() + " value"
                    + (list.size() == 1 ? "" : "s") + " but 'by' names " + columns + " column"
                    + (columns == 1 ? "" : "s") + "; give one boolean per column, or a single boolean for all"));
        }
    }

    /** The options of a config without {@link #problems}. */
    static SortOptions of(StageConfig config) {
        List<String> by = config.getStringList("by");
        return new SortOptions(by, flags(config.get("descending"), by.size()),
                flags(config.get("nulls_last"), by.size()));
    }

    private static boolean[] flags(Object value, int columns) {
        boolean[] flags = new boolean[columns];
        for (int i = 0; i < columns; i++) {
            flags[i] = value instanceof Boolean b ? b : (Boolean) ((List<?>) value).get(i);
        }
        return flags;
    }

    /** Every key column the input lacks or cannot be sorted on. */
    List<ConfigProblem> check(String input, Schema schema) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (String column : by) {
            Field field = Columns.find(schema, column);
            if (field == null) {
                problems.add(Columns.missing("by", column, input, schema));
            } else if (!SortKeys.sortable(field.getType())) {
                problems.add(new ConfigProblem("by", "config key 'by' names column '" + column + "' of type "
                        + Columns.typeName(field) + ", which cannot be sorted on; sortable types are "
                        + SortKeys.SORTABLE));
            }
        }
        return problems;
    }

    /** The position of each key column in the schema. */
    int[] positions(Schema schema) {
        int[] positions = new int[by.size()];
        for (int k = 0; k < positions.length; k++) {
            positions[k] = Columns.indexOf(schema, by.get(k));
        }
        return positions;
    }
}
