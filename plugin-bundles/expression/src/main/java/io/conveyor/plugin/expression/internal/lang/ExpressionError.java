package io.conveyor.plugin.expression.internal.lang;

/**
 * A problem with an expression, at a character of it (0-based, in code points).
 *
 * @param at      the character the problem points at
 * @param message what is wrong, without the position (for example {@code unknown column 'amout'})
 */
public record ExpressionError(int at, String message) {

    /**
     * The full sentence for config key {@code key}: {@code config key 'expression' at column 12: ...},
     * with the 1-based column, or line and column when the expression spans lines.
     */
    public String sentence(String key, String expression) {
        return "config key '" + key + "' at " + position(expression, at) + ": " + message;
    }

    /** {@code column 12}, or {@code line 2, column 3} in an expression of several lines. */
    public static String position(String expression, int at) {
        int line = 1;
        int column = 1;
        int index = 0;
        for (int i = 0; i < expression.length() && index < at; i += Character.charCount(expression.codePointAt(i))) {
            if (expression.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
            index++;
        }
        boolean multiline = expression.indexOf('\n') >= 0;
        return multiline ? "line " + line + ", column " + column : "column " + column;
    }
}
