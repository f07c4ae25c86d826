package io.conveyor.engine.internal.plan;

import io.conveyor.api.stage.Parameter;

/**
 * Reads the value of a parameter that {@linkplain Parameter#acceptsText() accepts text} when it is
 * written as text: {@code "true"} for a boolean, {@code "42"} for an integer, {@code "1.5"} for a
 * float. Text that holds no such value is left as it is, for the type check to refuse.
 */
final class TextValues {

    private TextValues() {
    }

    /** The value as the parameter's type if it is text holding one and the parameter accepts that; else as it is. */
    static Object typed(Parameter parameter, Object value) {
        if (!parameter.acceptsText() || !(value instanceof String text)) {
            return value;
        }
        Object parsed = switch (parameter.type()) {
            case BOOLEAN -> text.equals("true") ? Boolean.TRUE : text.equals("false") ? Boolean.FALSE : null;
            case INTEGER -> integer(text);
            case FLOAT -> decimal(text);
            default -> null;
        };
        return parsed == null ? value : parsed;
    }

    /** What a type error adds for a parameter that accepts text: which text it would have taken. */
    static String orText(Parameter parameter) {
        if (!parameter.acceptsText()) {
            return "";
        }
        return switch (parameter.type()) {
            case BOOLEAN -> " (or the text \"true\" or \"false\")";
            case INTEGER -> " (or text holding one, such as \"42\")";
            default -> " (or text holding one, such as \"1.5\")";
        };
    }

    private static Long integer(String text) {
        try {
            return Long.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Double decimal(String text) {
        String stripped = text.strip();
        if (!stripped.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?")) {
            return null; // refuses "NaN", "Infinity", "0x1p3" and "1f", which Double.parseDouble takes
        }
        double parsed = Double.parseDouble(stripped);
        return Double.isFinite(parsed) ? parsed : null;
    }
}
