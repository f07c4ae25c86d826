package io.conveyor.plugin.kit.config;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.api.stage.StageConfig;
import io.conveyor.api.stage.StageException;

/** Checks and describes config values in the wording every Conveyor message uses. */
public final class ConfigValues {

    private ConfigValues() {
    }

    /** A TOML value as messages show it: {@code string "yes"}, {@code integer 3}, {@code array [1, 2]}. */
    public static String describe(Object value) {
        if (value instanceof String) {
            return "string " + toml(value);
        }
        if (value instanceof Long || value instanceof Integer) {
            return "integer " + value;
        }
        if (value instanceof Double) {
            return "float " + value;
        }
        if (value instanceof Boolean) {
            return "boolean " + value;
        }
        if (value instanceof List) {
            return "array " + toml(value);
        }
        if (value instanceof Map) {
            return "table " + toml(value);
        }
        return "date/time " + value;
    }

    /** A value written as TOML: strings quoted, arrays and tables inline. */
    public static String toml(Object value) {
        if (value instanceof String s) {
            return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")
                    .replace("\t", "\\t") + '"';
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ConfigValues::toml).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> e.getKey() + " = " + toml(e.getValue()))
                    .collect(Collectors.joining(", ", "{ ", " }"));
        }
        return String.valueOf(value);
    }

    /**
     * The single character a key such as {@code delimiter} holds, or a problem for the key.
     * Characters outside the Basic Multilingual Plane are not supported.
     */
    public static ConfigProblem singleCharProblem(StageConfig config, String key) {
        String value = config.getString(key);
        if (value == null || value.length() == 1) {
            return null;
        }
        return new ConfigProblem(key, "config key '" + key + "' must be exactly one character, got "
                + describe(value));
    }

    /** A problem when the string {@code key} (a path) is set to {@code ""}, which names no file; else null. */
    public static ConfigProblem emptyProblem(StageConfig config, String key) {
        String value = config.getString(key);
        return value != null && value.isEmpty()
                ? new ConfigProblem(key, "config key '" + key + "' must not be empty") : null;
    }

    /** The problems that are not null, in order. */
    public static List<ConfigProblem> problems(ConfigProblem... problems) {
        return Arrays.stream(problems).filter(Objects::nonNull).toList();
    }

    /** Throws the first problem as a config error; for {@code open}, which repeats validate's checks. */
    public static void throwFirst(List<ConfigProblem> problems) throws StageException {
        if (!problems.isEmpty()) {
            ConfigProblem first = problems.get(0);
            throw StageException.config(first.key(), first.message());
        }
    }
}
