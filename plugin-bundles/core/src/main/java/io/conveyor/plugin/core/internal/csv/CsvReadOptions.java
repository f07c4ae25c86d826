package io.conveyor.plugin.core.internal.csv;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.api.stage.StageConfig;
import io.conveyor.api.stage.StageException;
import io.conveyor.plugin.kit.config.ConfigValues;

/**
 * How to read CSV text.
 *
 * @param inferRows  how many data rows decide the column types
 * @param inferHint  appended to type-mismatch messages (how to fix one), or ""
 * @param schema     column types given by name, which inference does not change
 * @param columns    the columns to read, in the order to give them; {@code null} for all, in file order
 * @param parseDates whether inference recognises dates and timestamps
 */
public record CsvReadOptions(boolean headers, char delimiter, char quote, int inferRows, Set<String> nullValues,
        String inferHint, Map<String, CellType> schema, List<String> columns, boolean parseDates) {

    /** The rows type inference looks at when the stage has no {@code infer_schema_length} key. */
    public static final int DEFAULT_INFER_ROWS = 100;

    /** Problems with csv.read's keys: delimiter, quote, infer_schema_length, null_values, schema, columns. */
    public static List<ConfigProblem> checkFileKeys(StageConfig config) {
        List<ConfigProblem> problems = checkStdinKeys(config);
        addIfPresent(problems, ConfigValues.singleCharProblem(config, "quote"));
        if (problems.isEmpty() && config.getString("quote").equals(config.getString("delimiter"))) {
            problems.add(new ConfigProblem("quote", "config key 'quote' must differ from 'delimiter', both are "
                    + ConfigValues.toml(config.getString("quote"))));
        }
        long inferRows = config.getLong("infer_schema_length");
        if (inferRows < 0) {
            problems.add(new ConfigProblem("infer_schema_length",
                    "config key 'infer_schema_length' must be 0 or more, got " + inferRows));
        }
        for (Object value : (List<?>) config.get("null_values")) {
            if (!(value instanceof String)) {
                problems.add(new ConfigProblem("null_values",
                        "config key 'null_values' must hold strings, got " + ConfigValues.describe(value)));
                break;
            }
        }
        addIfPresent(problems, schemaProblem(config));
        addIfPresent(problems, columnsProblem(config));
        return problems;
    }

    private static ConfigProblem schemaProblem(StageConfig config) {
        Object schema = config.get("schema");
        if (!(schema instanceof Map<?, ?> types)) {
            return null;
        }
        for (Map.Entry<?, ?> entry : types.entrySet()) {
            if (!(entry.getValue() instanceof String name) || CellType.ofSchemaName(name) == null) {
                return new ConfigProblem("schema", "config key 'schema' gives column '" + entry.getKey() + "' "
                        + ConfigValues.describe(entry.getValue()) + ", which is not a type; the types are "
                        + String.join(", ", CellType.MAIN_SCHEMA_NAMES));
            }
        }
        return null;
    }

    private static ConfigProblem columnsProblem(StageConfig config) {
        if (!config.isSet("columns")) {
            return null;
        }
        List<String> columns = config.getStringList("columns");
        if (columns.isEmpty()) {
            return new ConfigProblem("columns", "config key 'columns' must name at least one column");
        }
        Set<String> seen = new HashSet<>();
        for (String column : columns) {
            if (!seen.add(column)) {
                return new ConfigProblem("columns", "config key 'columns' names '" + column + "' twice");
            }
        }
        return null;
    }

    /** Problems with stdin.read's CSV keys: delimiter. */
    public static List<ConfigProblem> checkStdinKeys(StageConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        addIfPresent(problems, ConfigValues.singleCharProblem(config, "delimiter"));
        return problems;
    }

    private static void addIfPresent(List<ConfigProblem> problems, ConfigProblem problem) {
        if (problem != null) {
            problems.add(problem);
        }
    }

    /** csv.read's options; throws the first problem {@link #checkFileKeys} reports. */
    public static CsvReadOptions forFile(StageConfig config) throws StageException {
        ConfigValues.throwFirst(checkFileKeys(config));
        List<String> nullValues = new ArrayList<>();
        for (Object value : (List<?>) config.get("null_values")) {
            nullValues.add((String) value);
        }
        Map<String, CellType> schema = new LinkedHashMap<>();
        if (config.get("schema") instanceof Map<?, ?> types) {
            types.forEach((column, type) -> schema.put((String) column, CellType.ofSchemaName((String) type)));
        }
        return new CsvReadOptions(config.getBoolean("headers"), config.getString("delimiter").charAt(0),
                config.getString("quote").charAt(0),
                (int) Math.min(Integer.MAX_VALUE, config.getLong("infer_schema_length")),
                Set.copyOf(nullValues), "; raise infer_schema_length to look further, or give the column a type "
                        + "in schema", schema, config.isSet("columns") ? config.getStringList("columns") : null,
                config.getBoolean("parse_dates"));
    }

    /** stdin.read's options: its own headers and delimiter, the defaults for the rest. */
    public static CsvReadOptions forStdin(StageConfig config) throws StageException {
        ConfigValues.throwFirst(checkStdinKeys(config));
        return new CsvReadOptions(config.getBoolean("headers"), config.getString("delimiter").charAt(0), '"',
                DEFAULT_INFER_ROWS, Set.of(""), "", Map.of(), null, false);
    }
}
