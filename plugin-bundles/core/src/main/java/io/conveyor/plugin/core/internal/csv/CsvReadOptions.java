package io.conveyor.plugin.core.internal.csv;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.api.stage.StageConfig;
import io.conveyor.api.stage.StageException;
import io.conveyor.plugin.kit.config.ConfigValues;

/**
 * How to read CSV text.
 *
 * @param inferRows how many data rows decide the column types
 * @param inferHint appended to type-mismatch messages (how to make inference look further), or ""
 */
public record CsvReadOptions(boolean headers, char delimiter, char quote, int inferRows, Set<String> nullValues,
        String inferHint) {

    /** The rows type inference looks at when the stage has no {@code infer_schema_length} key. */
    public static final int DEFAULT_INFER_ROWS = 100;

    /** Problems with csv.read's keys: delimiter, quote, infer_schema_length, null_values. */
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
        return problems;
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
        return new CsvReadOptions(config.getBoolean("headers"), config.getString("delimiter").charAt(0),
                config.getString("quote").charAt(0),
                (int) Math.min(Integer.MAX_VALUE, config.getLong("infer_schema_length")),
                Set.copyOf(nullValues), "; raise infer_schema_length to look further");
    }

    /** stdin.read's options: its own headers and delimiter, the defaults for the rest. */
    public static CsvReadOptions forStdin(StageConfig config) throws StageException {
        ConfigValues.throwFirst(checkStdinKeys(config));
        return new CsvReadOptions(config.getBoolean("headers"), config.getString("delimiter").charAt(0), '"',
                DEFAULT_INFER_ROWS, Set.of(""), "");
    }
}
