package io.conveyor.plugin.reshape.internal.convert;

import java.nio.charset.StandardCharsets;

/**
 * Reads typed values from the UTF-8 bytes of a text cell, without making a {@code String}.
 * Spaces and tabs around the value are ignored; anything else that does not fit the grammar fails.
 * Each {@code parse} method returns whether it succeeded and leaves the value in a field, so one
 * parser serves a whole column without allocating.
 *
 * <ul>
 * <li>integer: an optional sign and digits, within the range of a 64-bit integer;</li>
 * <li>float: an optional sign, digits with an optional point and exponent ({@code 1.5},
 * {@code .5}, {@code 2e-3}), or {@code inf}, {@code infinity}, {@code nan} in any case;</li>
 * <li>bool: {@code true} or {@code false} in any case;</li>
 * <li>date: {@code YYYY-MM-DD};</li>
 * <li>timestamp: a date, optionally followed by {@code T} or a space and {@code HH:MM},
 * {@code HH:MM:SS} or {@code HH:MM:SS.fraction} (up to 9 digits; digits past the microsecond
 * are dropped), optionally followed by {@code Z} or an offset ({@code +02:00}, {@code -0530},
 * {@code +02}), in which case the time is converted to UTC.</li>
 * </ul>
 */
final class TextParser {

    /** Powers of ten a double holds exactly: the fast path of {@link #parseDouble}. */
    private static final double[] EXACT_POWERS = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    private static final int EXACT_DIGITS = 15;

    long longValue;
    double doubleValue;
    boolean booleanValue;

    private byte[] bytes;
    private int from;
    private int to;

    /** Sets the cell to parse: {@code bytes[from, to)}, with surrounding spaces and tabs dropped. */
    private void cell(byte[] cell, int start, int end) {
        while (start < end && isBlank(cell[start])) {
            start++;
        }
        while (end > start && isBlank(cell[end - 1])) {
            end--;
        }
        this.bytes = cell;
        this.from = start;
        this.to = end;
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t';
    }

    boolean parseLong(byte[] cell, int start, int end) {
        cell(cell, start, end);
        int i = from;
        boolean negative = false;
        if (i < to && (bytes[i] == '-' || bytes[i] == '+')) {
            negative = bytes[i] == '-';
            i++;
        }
        if (i == to) {
            return false;
        }
        // accumulate negatively: the negative range is one larger
        long value = 0;
        for (; i < to; i++) {
            int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9 || value < (Long.MIN_VALUE + digit) / 10) {
                return false;
            }
            value = value * 10 - digit;
        }
        if (!negative && value == Long.MIN_VALUE) {
            return false;
        }
        longValue = negative ? value : -value;
        return true;
    }

    boolean parseDouble(byte[] cell, int start, int end) {
        cell(cell, start, end);
        int i = from;
        boolean negative = false;
        if (i < to && (bytes[i] == '-' || bytes[i] == '+')) {
            negative = bytes[i] == '-';
            i++;
        }
        if (special(i)) {
            doubleValue = negative ? -doubleValue : doubleValue;
            return true;
        }
        long mantissa = 0;
        int significant = 0;
        int digits = 0;
        int scale = 0;
        for (; i < to && isDigit(bytes[i]); i++, digits++) {
            if (significant > 0 || bytes[i] != '0') {
                significant++;
                if (significant <= 18) {
                    mantissa = mantissa * 10 + bytes[i] - '0';
                } else {
                    scale++;
                }
            }
        }
        if (i < to && bytes[i] == '.') {
            for (i++; i < to && isDigit(bytes[i]); i++, digits++) {
                if (significant > 0 || bytes[i] != '0') {
                    significant++;
                    if (significant <= 18) {
                        mantissa = mantissa * 10 + bytes[i] - '0';
                        scale--;
                    }
                } else {
                    scale--;
                }
            }
        }
        if (digits == 0) {
            return false;
        }
        int exponent = 0;
        if (i < to && (bytes[i] == 'e' || bytes[i] == 'E')) {
            i++;
            boolean negativeExponent = false;
            if (i < to && (bytes[i] == '-' || bytes[i] == '+')) {
                negativeExponent = bytes[i] == '-';
                i++;
            }
            int exponentDigits = 0;
            for (; i < to && isDigit(bytes[i]); i++, exponentDigits++) {
                exponent = Math.min(exponent * 10 + bytes[i] - '0', 100_000);
            }
            if (exponentDigits == 0) {
                return false;
            }
            exponent = negativeExponent ? -exponent : exponent;
        }
        if (i != to) {
            return false;
        }
        int power = scale + exponent;
        if (significant <= EXACT_DIGITS && Math.abs(power) < EXACT_POWERS.length) {
            // both operands are exact doubles, so the one rounding is the correct one (Clinger's fast path)
            double value = power < 0 ? mantissa / EXACT_POWERS[-power] : mantissa * EXACT_POWERS[power];
            doubleValue = negative ? -value : value;
        } else {
            doubleValue = Double.parseDouble(new String(bytes, from, to - from, StandardCharsets.US_ASCII));
        }
        return true;
    }

    /** inf, infinity or nan at {@code i}, to the end of the cell. */
    private boolean special(int i) {
        if (matches(i, "inf") || matches(i, "infinity")) {
            doubleValue = Double.POSITIVE_INFINITY;
            return true;
        }
        if (matches(i, "nan")) {
            doubleValue = Double.NaN;
            return true;
        }
        return false;
    }

    /** Whether the cell from {@code i} to its end is {@code word}, in any case. */
    private boolean matches(int i, String word) {
        if (to - i != word.length()) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            if ((bytes[i + k] | 0x20) != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    boolean parseBoolean(byte[] cell, int start, int end) {
        cell(cell, start, end);
        if (matches(from, "true")) {
            booleanValue = true;
            return true;
        }
        if (matches(from, "false")) {
            booleanValue = false;
            return true;
        }
        return false;
    }

    /** A date; the day number lands in {@link #longValue}. */
    boolean parseDate(byte[] cell, int start, int end) {
        cell(cell, start, end);
        return to - from == 10 && date(from);
    }

    /** {@code YYYY-MM-DD} at {@code i}; sets {@link #longValue} to its day number. */
    private boolean date(int i) {
        int year = number(i, 4);
        int month = number(i + 5, 2);
        int day = number(i + 8, 2);
        if (year < 0 || month < 0 || day < 0 || bytes[i + 4] != '-' || bytes[i + 7] != '-'
                || !Calendar.isValid(year, month, day)) {
            return false;
        }
        longValue = Calendar.epochDay(year, month, day);
        return true;
    }

    /** A timestamp; microseconds since 1970-01-01T00:00 UTC land in {@link #longValue}. */
    boolean parseTimestamp(byte[] cell, int start, int end) {
        cell(cell, start, end);
        if (to - from < 10 || !date(from)) {
            return false;
        }
        long day = longValue;
        int i = from + 10;
        long seconds = 0;
        long micros = 0;
        if (i < to && (bytes[i] == 'T' || bytes[i] == 't' || bytes[i] == ' ')) {
            int hour = number(i + 1, 2);
            int minute = i + 3 < to && bytes[i + 3] == ':' ? number(i + 4, 2) : -1;
            if (hour < 0 || hour > 23 || minute < 0 || minute > 59) {
                return false;
            }
            seconds = hour * 3600L + minute * 60L;
            i += 6;
            if (i < to && bytes[i] == ':') {
                int second = number(i + 1, 2);
                if (second < 0 || second > 59) {
                    return false;
                }
                seconds += second;
                i += 3;
                if (i < to && bytes[i] == '.') {
                    int digits = 0;
                    for (i++; i < to && isDigit(bytes[i]); i++, digits++) {
                        if (digits < 6) {
                            micros = micros * 10 + bytes[i] - '0';
                        }
                    }
                    if (digits == 0 || digits > 9) {
                        return false;
                    }
                    for (int d = digits; d < 6; d++) {
                        micros *= 10;
                    }
                }
            }
        }
        int offset = offsetSeconds(i);
        if (offset == Integer.MIN_VALUE) {
            return false;
        }
        longValue = ((day * Calendar.SECONDS_PER_DAY) + seconds - offset) * Calendar.MICROS_PER_SECOND + micros;
        return true;
    }

    /** Nothing (0), {@code Z}, or {@code +HH}, {@code +HHMM}, {@code +HH:MM}; {@code MIN_VALUE} if none fits. */
    private int offsetSeconds(int i) {
        if (i == to) {
            return 0;
        }
        if ((bytes[i] == 'Z' || bytes[i] == 'z') && i + 1 == to) {
            return 0;
        }
        if (bytes[i] != '+' && bytes[i] != '-') {
            return Integer.MIN_VALUE;
        }
        int sign = bytes[i] == '-' ? -1 : 1;
        int hours = number(i + 1, 2);
        int minutes = 0;
        int rest = to - (i + 3);
        if (rest == 3 && bytes[i + 3] == ':') {
            minutes = number(i + 4, 2);
        } else if (rest == 2) {
            minutes = number(i + 3, 2);
        } else if (rest != 0) {
            return Integer.MIN_VALUE;
        }
        if (hours < 0 || hours > 18 || minutes < 0 || minutes > 59) {
            return Integer.MIN_VALUE;
        }
        return sign * (hours * 3600 + minutes * 60);
    }

    /** The {@code width} digits at {@code i} as a number, or -1. */
    private int number(int i, int width) {
        if (i + width > to) {
            return -1;
        }
        int value = 0;
        for (int k = i; k < i + width; k++) {
            if (!isDigit(bytes[k])) {
                return -1;
            }
            value = value * 10 + bytes[k] - '0';
        }
        return value;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }
}
