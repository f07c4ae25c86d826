package io.conveyor.engine.internal.config;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders config values in messages the way they are written in TOML. */
public final class ValueText {

    private static final int MAX_LENGTH = 60;

    private ValueText() {
    }

    /** The TOML type name of a value: {@code string}, {@code integer}, {@code array}, ... */
    public static String typeName(Object value) {
        if (value instanceof String) {
            return "string";
        } else if (value instanceof Long || value instanceof Integer) {
            return "integer";
        } else if (value instanceof Double) {
            return "float";
        } else if (value instanceof Boolean) {
            return "boolean";
        } else if (value instanceof List) {
            return "array";
        } else if (value instanceof Map) {
            return "table";
        } else if (value instanceof OffsetDateTime) {
            return "offset date-time";
        } else if (value instanceof LocalDateTime) {
            return "local date-time";
        } else if (value instanceof LocalDate) {
            return "local date";
        } else if (value instanceof LocalTime) {
            return "local time";
        }
        return value == null ? "nothing" : value.getClass().getSimpleName();
    }

    /** The type name and the value, e.g. {@code string "yes"} or {@code array [1, 2]}. */
    public static String describe(Object value) {
        return typeName(value) + " " + render(value);
    }

    /** The value as TOML text, shortened with {@code ...} when long. */
    public static String render(Object value) {
        String text = renderFull(value);
        return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH - 3) + "...";
    }

    /** A comma-separated list of rendered values: {@code "records", "jsonl"}. */
    public static String renderAll(List<?> values) {
        return values.stream().map(ValueText::render).collect(Collectors.joining(", "));
    }

    private static String renderFull(Object value) {
        if (value instanceof String s) {
            return quote(s);
        } else if (value instanceof List<?> list) {
            return list.stream().map(ValueText::renderFull).collect(Collectors.joining(", ", "[", "]"));
        } else if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream()
                    .map(e -> e.getKey() + " = " + renderFull(e.getValue()))
                    .collect(Collectors.joining(", ", "{ ", " }"));
        }
        return String.valueOf(value);
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
