package io.conveyor.plugin.kit.column;

/**
 * Recognises typed values in text cells, strictly: {@code 12}, {@code -3} are integers;
 * {@code 1.5}, {@code .5}, {@code 1e3}, {@code inf}, {@code NaN} are floats; {@code true} and
 * {@code false} in any case are booleans. Leading or trailing spaces make a cell text.
 * ({@link Double#parseDouble} alone would also accept {@code 1d}, {@code 0x1p3} and spaces.)
 */
public final class CellText {

    private CellText() {
    }

    /** The narrowest type for a non-null cell. */
    public static ColumnType typeOf(String cell) {
        if (isLong(cell)) {
            return ColumnType.INT64;
        }
        if (isDouble(cell)) {
            return ColumnType.FLOAT64;
        }
        if (isBoolean(cell)) {
            return ColumnType.BOOL;
        }
        return ColumnType.UTF8;
    }

    /** Whether the cell is an optionally signed run of digits that fits a {@code long}. */
    public static boolean isLong(String s) {
        int n = s.length();
        int i = (n > 0 && (s.charAt(0) == '-' || s.charAt(0) == '+')) ? 1 : 0;
        // up to 18 digits always fit; longer runs need the exact check
        return allDigits(s, i) && (n - i < 19 || fitsLong(s));
    }

    private static boolean allDigits(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return from < s.length();
    }

    private static boolean fitsLong(String s) {
        try {
            Long.parseLong(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Whether the cell is a decimal float: digits with an optional point and exponent, inf or NaN. */
    public static boolean isDouble(String s) {
        int n = s.length();
        int i = (n > 0 && (s.charAt(0) == '-' || s.charAt(0) == '+')) ? 1 : 0;
        String rest = s.substring(i);
        if (rest.equalsIgnoreCase("inf") || rest.equalsIgnoreCase("infinity") || rest.equalsIgnoreCase("nan")) {
            return true;
        }
        int digits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
                i++;
            }
            int exponentDigits = 0;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                exponentDigits++;
            }
            if (exponentDigits == 0) {
                return false;
            }
        }
        return i == n;
    }

    /** Parses a cell for which {@link #isDouble} holds. */
    public static double parseDouble(String s) {
        String unsigned = s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s;
        if (unsigned.equalsIgnoreCase("nan")) {
            return Double.NaN;
        }
        if (unsigned.equalsIgnoreCase("inf") || unsigned.equalsIgnoreCase("infinity")) {
            return s.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return Double.parseDouble(s);
    }

    public static boolean isBoolean(String s) {
        return s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false");
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
