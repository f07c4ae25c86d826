package io.conveyor.plugin.expression.internal.eval;

import java.nio.charset.StandardCharsets;

import io.conveyor.plugin.kit.column.NumberText;

/** Numbers read from and written to UTF-8 bytes, as casts need them. */
final class Numbers {

    /** The most bytes {@link #formatLong} writes. */
    static final int MAX_LONG_TEXT = 20;

    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    private Numbers() {
    }

    /** Writes the decimal digits of {@code value}; returns the end. */
    static int formatLong(long value, byte[] to, int p) {
        if (value == Long.MIN_VALUE) {
            byte[] text = Long.toString(value).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(text, 0, to, p, text.length);
            return p + text.length;
        }
        if (value < 0) {
            to[p++] = '-';
            value = -value;
        }
        int digits = 1;
        for (long v = value; v >= 10; v /= 10) {
            digits++;
        }
        for (int i = digits - 1; i >= 0; i--) {
            to[p + i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return p + digits;
    }

    /** A float as the writers show it ({@code 150.0}, {@code 0.1}, {@code NaN}, {@code inf}). */
    static byte[] formatDouble(double value) {
        return NumberText.format(value).getBytes(StandardCharsets.US_ASCII);
    }

    /** Whether {@code text} is an integer: optional sign and digits, with spaces around allowed. */
    static boolean isLong(byte[] b, int start, int end) {
        start = trimStart(b, start, end);
        end = trimEnd(b, start, end);
        if (start < end && (b[start] == '-' || b[start] == '+')) {
            start++;
        }
        if (start == end) {
            return false;
        }
        for (int i = start; i < end; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return false;
            }
        }
        return true;
    }

    /** The integer in {@code text}; call only when {@link #isLong} holds. Throws ArithmeticException beyond int64. */
    static long parseLong(byte[] b, int start, int end) {
        start = trimStart(b, start, end);
        end = trimEnd(b, start, end);
        boolean negative = b[start] == '-';
        if (b[start] == '-' || b[start] == '+') {
            start++;
        }
        long value = 0;
        for (int i = start; i < end; i++) {
            // accumulate negatively so that Long.MIN_VALUE reads too
            value = Math.subtractExact(Math.multiplyExact(value, 10), b[i] - '0');
        }
        return negative ? value : Math.negateExact(value);
    }

    /**
     * The float in {@code text} ({@code 1}, {@code -2.5}, {@code 1e-3}, {@code .5}, {@code NaN},
     * {@code inf}, {@code -infinity}), or null when it is not one. Short decimals are read exactly
     * without making a string.
     */
    static Double parseDouble(byte[] b, int start, int end) {
        start = trimStart(b, start, end);
        end = trimEnd(b, start, end);
        int i = start;
        boolean negative = false;
        if (i < end && (b[i] == '-' || b[i] == '+')) {
            negative = b[i] == '-';
            i++;
        }
        Double special = special(b, i, end, negative);
        if (special != null) {
            return special;
        }
        long mantissa = 0;
        int digits = 0;
        int fractionDigits = 0;
        boolean point = false;
        boolean any = false;
        for (; i < end; i++) {
            byte c = b[i];
            if (c >= '0' && c <= '9') {
                any = true;
                if (mantissa != 0 || c != '0') {
                    digits++;
                }
                if (digits <= 18) {
                    mantissa = mantissa * 10 + (c - '0');
                    if (point) {
                        fractionDigits++;
                    }
                } else if (!point) {
                    fractionDigits--; // a dropped integer digit: scale up instead
                }
            } else if (c == '.' && !point) {
                point = true;
            } else {
                break;
            }
        }
        if (!any) {
            return null;
        }
        int exponent = 0;
        if (i < end) {
            if (b[i] != 'e' && b[i] != 'E') {
                return null;
            }
            int j = i + 1;
            boolean expNegative = false;
            if (j < end && (b[j] == '-' || b[j] == '+')) {
                expNegative = b[j] == '-';
                j++;
            }
            if (j == end) {
                return null;
            }
            for (; j < end; j++) {
                if (b[j] < '0' || b[j] > '9') {
                    return null;
                }
                exponent = Math.min(exponent * 10 + (b[j] - '0'), 100_000);
            }
            exponent = expNegative ? -exponent : exponent;
        }
        int scale = exponent - fractionDigits;
        double value;
        if (digits <= 15 && scale >= -22 && scale <= 22) {
            // exact: the mantissa and the power of ten are both doubles exactly, so one rounding
            value = scale < 0 ? mantissa / POWERS_OF_TEN[-scale] : mantissa * POWERS_OF_TEN[scale];
        } else {
            value = Double.parseDouble(new String(b, start, end - start, StandardCharsets.US_ASCII));
            return value;
        }
        return negative ? -value : value;
    }

    private static Double special(byte[] b, int i, int end, boolean negative) {
        int length = end - i;
        if (length == 3 && matches(b, i, "nan")) {
            return Double.NaN;
        }
        if ((length == 3 && matches(b, i, "inf")) || (length == 8 && matches(b, i, "infinity"))) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return null;
    }

    private static boolean matches(byte[] b, int i, String lowerWord) {
        for (int k = 0; k < lowerWord.length(); k++) {
            if ((b[i + k] | 0x20) != lowerWord.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static int trimStart(byte[] b, int start, int end) {
        while (start < end && Utf8.isWhitespace(b[start])) {
            start++;
        }
        return start;
    }

    private static int trimEnd(byte[] b, int start, int end) {
        while (end > start && Utf8.isWhitespace(b[end - 1])) {
            end--;
        }
        return end;
    }
}
