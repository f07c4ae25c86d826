package io.conveyor.plugin.aggregate.internal.group;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.plugin.aggregate.internal.column.Suggestions;
import io.conveyor.plugin.kit.config.ConfigValues;

/**
 * One aggregate to compute: an operation over a column (or over the rows, for a count without
 * column), written to an output column. {@code key} is the declared config key problems are
 * located at; {@code path} is what messages name ({@code aggregations[1]}, or the key itself).
 */
public record AggregationSpec(String column, Operation operation, String operationName, String output, String key,
        String path) {

    static final String AGGREGATIONS = "aggregations";
    private static final Set<String> TABLE_KEYS = new LinkedHashSet<>(List.of("column", "operation", "output_column"));

    /** Whether this counts rows rather than the values of a column. */
    public boolean countsRows() {
        return column == null;
    }

    /** What messages call the column setting: {@code aggregations[1].column}, or {@code column}. */
    public String columnPath() {
        return path.equals(key) ? key : path + ".column";
    }

    /** What the aggregate is, for messages: {@code sum of 'amount'}, {@code count of rows}. */
    public String describe() {
        return operationName + " of " + (countsRows() ? "rows" : "'" + column + "'");
    }

    /**
     * The aggregations of a groupby.apply config, or the problems with them (then the list is
     * incomplete and must not be used).
     */
    static List<AggregationSpec> parseAll(List<?> raw, List<String> keys, List<ConfigProblem> problems) {
        List<AggregationSpec> specs = new ArrayList<>();
        Map<String, String> outputs = new HashMap<>();
        for (String key : keys) {
            outputs.put(key, "a group key in 'by'");
        }
        for (int i = 0; i < raw.size(); i++) {
            String path = AGGREGATIONS + "[" + i + "]";
            AggregationSpec spec = parse(raw.get(i), path, problems);
            if (spec == null) {
                continue;
            }
            String other = outputs.putIfAbsent(spec.output(), path);
            if (other != null) {
                problems.add(new ConfigProblem(AGGREGATIONS, clash(raw.get(i), spec, path, other)));
            }
            specs.add(spec);
        }
        return specs;
    }

    private static String clash(Object raw, AggregationSpec spec, String path, String other) {
        boolean named = ((Map<?, ?>) raw).containsKey("output_column");
        String owner = other.startsWith(AGGREGATIONS) ? other + " too" : "also " + other;
        return "config key '" + (named ? path + ".output_column" : path) + "' gives output column '" + spec.output()
                + "'" + (named ? "" : " (its column's name, as output_column is not set)") + ", which is " + owner
                + "; set output_column to tell them apart";
    }

    private static AggregationSpec parse(Object raw, String path, List<ConfigProblem> problems) {
        if (!(raw instanceof Map<?, ?> table)) {
            problems.add(new ConfigProblem(AGGREGATIONS, "config key '" + path + "' must be a table such as "
                    + "{ column = \"amount\", operation = \"sum\" }, got " + ConfigValues.describe(raw)));
            return null;
        }
        int before = problems.size();
        for (Object name : table.keySet()) {
            if (!TABLE_KEYS.contains(name)) {
                problems.add(new ConfigProblem(AGGREGATIONS, "config key '" + path + "' has unknown key '" + name
                        + "'" + Suggestions.didYouMean((String) name, TABLE_KEYS)
                        + "; an aggregation takes column, operation and output_column"));
            }
        }
        String operationName = string(table, "operation", path, problems);
        String column = string(table, "column", path, problems);
        String output = string(table, "output_column", path, problems);
        if (!table.containsKey("operation")) {
            problems.add(new ConfigProblem(AGGREGATIONS, "config key '" + path + ".operation' is required (one of "
                    + String.join(", ", Operation.NAMES) + ")"));
        } else if (operationName != null && !Operation.NAMES.contains(operationName)) {
            problems.add(new ConfigProblem(AGGREGATIONS, "config key '" + path + ".operation' must be one of "
                    + Operation.NAMES.stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(", "))
                    + ", got " + ConfigValues.toml(operationName)
                    + Suggestions.didYouMean(operationName, Operation.NAMES)));
            operationName = null;
        }
        if (problems.size() > before || operationName == null) {
            return null;
        }
        Operation operation = Operation.parse(operationName);
        if (column == null && operation != Operation.COUNT) {
            problems.add(new ConfigProblem(AGGREGATIONS, "config key '" + path + ".column' is required for operation '"
                    + operationName + "'"));
            return null;
        }
        if (column == null && output == null) {
            problems.add(new ConfigProblem(AGGREGATIONS, "config key '" + path + ".output_column' is required for a "
                    + "count without column: it names the count of rows"));
            return null;
        }
        return new AggregationSpec(column, operation, operationName, output == null ? column : output,
                AGGREGATIONS, path);
    }

    /** The non-empty string at {@code name} of the table, or null (absent, or a problem added). */
    private static String string(Map<?, ?> table, String name, String path, List<ConfigProblem> problems) {
        Object value = table.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text) || text.isEmpty()) {
            problems.add(new ConfigProblem(AGGREGATIONS, "config key '" + path + "." + name + "' must be a "
                    + "non-empty string, got " + ConfigValues.describe(value)));
            return null;
        }
        return text;
    }
}
