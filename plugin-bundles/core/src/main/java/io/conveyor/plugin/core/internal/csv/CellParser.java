package io.conveyor.plugin.core.internal.csv;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Reads typed values straight from the bytes of a cell, as strictly as the kit's {@code CellText}
 * reads text: {@code 12}, {@code -3}, {@code +4} are integers; {@code 1.5}, {@code .5},
 * {@code 5.}, {@code 1e3}, {@code inf}, {@code NaN} are floats; {@code true} and {@code false} in
 * any case are booleans; {@code YYYY-MM-DD} is a date and {@code YYYY-MM-DD HH:MM:SS[.ffffff]}
 * (or with a {@code T}) a timestamp. Spaces around a value make it text.
 *
 * <p>A successful {@code parse*} leaves its value in {@link #longValue} (integers, days since
 * 1970-01-01, microseconds since 1970-01-01T00:00) or {@link #doubleValue}, so that no value is
 * boxed. One instance per thread.
 *
 * <p>Floats are exact: a value of at most 2^53 significant digits scaled by a power of ten up to
 * 10^22 is one correctly rounded IEEE division or multiplication of two exact doubles (Clinger's
 * fast path); anything else goes to {@link Double#parseDouble}, which rounds correctly too.
 */
final class CellParser {

    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    private static final long EXACT_MANTISSA = 1L << 53;
    private static final int MONTH_DAYS_MAX = 31;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ZEROS = 0x3030303030303030L;
    private static final long DOTS = 0x2E2E2E2E2E2E2E2EL;
    private static final long SIXES = 0x0606060606060606L;
    private static final long HIGH_NIBBLES = 0xF0F0F0F0F0F0F0F0L;

    long longValue;
    double doubleValue;

    /** The narrowest type of a non-null cell; dates and timestamps only when {@code dates}. */
    CellType typeOf(byte[] b, int start, int end, boolean dates) {
        if (parseLong(b, start, end)) {
            return CellType.INT64;
        }
        if (parseDouble(b, start, end)) {
            return CellType.FLOAT64;
        }
        if (isBoolean(b, start, end)) {
            return CellType.BOOL;
        }
        if (dates && parseDate(b, start, end)) {
            return CellType.DATE;
        }
        if (dates && parseTimestamp(b, start, end)) {
            return CellType.TIMESTAMP;
        }
        return CellType.UTF8;
    }

    /** An optionally signed run of digits that fits a {@code long}. */
    boolean parseLong(byte[] b, int start, int end) {
        int i = start;
        boolean negative = false;
        if (i < end && (b[i] == '-' || b[i] == '+')) {
            negative = b[i] == '-';
            i++;
        }
        int digits = end - i;
        if (digits <= 0) {
            return false;
        }
        if (digits > 18) {
            return parseLongSlowly(b, start, end, i);
        }
        if (digits <= Long.BYTES && i + Long.BYTES <= b.length) {
            long value = eightDigits(b, i, digits);
            if (value < 0) {
                return false;
            }
            longValue = negative ? -value : value;
            return true;
        }
        long value = 0;
        for (; i < end; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return false;
            }
            value = value * 10 + d;
        }
        longValue = negative ? -value : value;
        return true;
    }

    /**
     * The value of the {@code count} (1 to 8) digits at {@code at}, read as one little-endian word
     * (the first digit in the lowest byte) shifted so the digits fill its top bytes, the rest
     * being zero; -1 if a byte is not a digit. The bytes after the digits must be readable.
     */
    private static long eightDigits(byte[] b, int at, int count) {
        int shift = (Long.BYTES - count) * Byte.SIZE;
        long digits = ((long) LONGS.get(b, at) - ZEROS) << shift;
        if (((digits | (digits + SIXES)) & HIGH_NIBBLES) != 0) {
            return -1;
        }
        digits = (digits * 10 + (digits >>> 8)) & 0x00FF00FF00FF00FFL;
        digits = (digits * 100 + (digits >>> 16)) & 0x0000FFFF0000FFFFL;
        return (digits * 10_000 + (digits >>> 32)) & 0xFFFFFFFFL;
    }

    private boolean parseLongSlowly(byte[] b, int start, int end, int firstDigit) {
        for (int i = firstDigit; i < end; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return false;
            }
        }
        try {
            longValue = Long.parseLong(new String(b, start, end - start, StandardCharsets.ISO_8859_1));
            return true;
        } catch (NumberFormatException tooBig) {
            return false;
        }
    }

    /** A decimal float: digits with an optional point and exponent, or inf, infinity, nan in any case. */
    boolean parseDouble(byte[] b, int start, int end) {
        int i = start;
        boolean negative = false;
        if (i < end && (b[i] == '-' || b[i] == '+')) {
            negative = b[i] == '-';
            i++;
        }
        if (end - i <= Long.BYTES + 1 && end + Long.BYTES <= b.length && parseShortDecimal(b, i, end)) {
            doubleValue = negative ? -doubleValue : doubleValue;
            return true;
        }
        long mantissa = 0;
        int significant = 0;
        int digits = 0;
        int exponent = 0;
        for (; i < end && isDigit(b[i]); i++, digits++) {
            if (mantissa != 0 || b[i] != '0') {
                if (significant < 18) {
                    mantissa = mantissa * 10 + (b[i] - '0');
                } else {
                    exponent++;
                }
                significant++;
            }
        }
        if (i < end && b[i] == '.') {
            for (i++; i < end && isDigit(b[i]); i++, digits++) {
                if (mantissa != 0 || b[i] != '0') {
                    if (significant < 18) {
                        mantissa = mantissa * 10 + (b[i] - '0');
                        exponent--;
                    }
                    significant++;
                } else {
                    exponent--;
                }
            }
        }
        if (digits == 0) {
            return parseSpecial(b, i, end, negative);
        }
        if (i < end && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            boolean negativeExponent = false;
            if (i < end && (b[i] == '-' || b[i] == '+')) {
                negativeExponent = b[i] == '-';
                i++;
            }
            int exponentStart = i;
            int written = 0;
            for (; i < end && isDigit(b[i]); i++) {
                written = Math.min(written * 10 + (b[i] - '0'), 100_000);
            }
            if (i == exponentStart) {
                return false;
            }
            exponent += negativeExponent ? -written : written;
        }
        if (i != end) {
            return false;
        }
        double value;
        if (mantissa == 0) {
            value = 0.0;
        } else if (significant <= 18 && mantissa < EXACT_MANTISSA && exponent >= -22 && exponent <= 22) {
            value = exponent >= 0 ? mantissa * POWERS_OF_TEN[exponent] : mantissa / POWERS_OF_TEN[-exponent];
        } else {
            value = Math.abs(Double.parseDouble(new String(b, start, end - start, StandardCharsets.ISO_8859_1)));
        }
        doubleValue = negative ? -value : value;
        return true;
    }

    /**
     * Reads {@code digits.digits} of at most eight digits in all (so {@code 71.69}, {@code 0.28},
     * {@code 5.}, {@code .5}) a word at a time: the integer of its digits divided by a power of
     * ten, both exact, rounds correctly. False for anything else, left to the general reading.
     * The eight bytes after {@code end} must be readable.
     */
    private boolean parseShortDecimal(byte[] b, int start, int end) {
        long x = (long) LONGS.get(b, start) ^ DOTS;
        long dots = (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
        // the lowest marked byte is exact: the first dot of the eight bytes, else perhaps the ninth
        int dot = dots != 0 ? start + (Long.numberOfTrailingZeros(dots) >>> 3) : start + Long.BYTES;
        if (dot >= end || b[dot] != '.') {
            return false;
        }
        int integerDigits = dot - start;
        int fractionDigits = end - dot - 1;
        if (dot == end || integerDigits + fractionDigits == 0) {
            return false;
        }
        long integer = integerDigits == 0 ? 0 : eightDigits(b, start, integerDigits);
        long fraction = fractionDigits == 0 ? 0 : eightDigits(b, dot + 1, fractionDigits);
        if (integer < 0 || fraction < 0) {
            return false;
        }
        doubleValue = (integer * (long) POWERS_OF_TEN[fractionDigits] + fraction) / POWERS_OF_TEN[fractionDigits];
        return true;
    }

    private boolean parseSpecial(byte[] b, int i, int end, boolean negative) {
        if (equalsIgnoreCase(b, i, end, "nan")) {
            doubleValue = Double.NaN;
            return true;
        }
        if (equalsIgnoreCase(b, i, end, "inf") || equalsIgnoreCase(b, i, end, "infinity")) {
            doubleValue = negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            return true;
        }
        return false;
    }

    /** {@code true} or {@code false} in any case; the value is {@link #longValue} 1 or 0. */
    boolean parseBoolean(byte[] b, int start, int end) {
        if (equalsIgnoreCase(b, start, end, "true")) {
            longValue = 1;
            return true;
        }
        if (equalsIgnoreCase(b, start, end, "false")) {
            longValue = 0;
            return true;
        }
        return false;
    }

    private static boolean isBoolean(byte[] b, int start, int end) {
        return equalsIgnoreCase(b, start, end, "true") || equalsIgnoreCase(b, start, end, "false");
    }

    /** {@code YYYY-MM-DD}, a real day; the value is days since 1970-01-01. */
    boolean parseDate(byte[] b, int start, int end) {
        return end - start == 10 && readDate(b, start);
    }

    /** {@code YYYY-MM-DD HH:MM:SS} or with a {@code T}, then {@code .} and 1 to 6 digits; the value is microseconds. */
    boolean parseTimestamp(byte[] b, int start, int end) {
        int length = end - start;
        if (length < 19 || length == 20 || length > 26 || !readDate(b, start)) {
            return false;
        }
        int t = start + 10;
        if ((b[t] != ' ' && b[t] != 'T') || b[t + 3] != ':' || b[t + 6] != ':') {
            return false;
        }
        int hour = twoDigits(b, t + 1);
        int minute = twoDigits(b, t + 4);
        int second = twoDigits(b, t + 7);
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return false;
        }
        long micros = 0;
        if (length > 19) {
            if (b[start + 19] != '.') {
                return false;
            }
            for (int i = start + 20; i < end; i++) {
                if (!isDigit(b[i])) {
                    return false;
                }
                micros = micros * 10 + (b[i] - '0');
            }
            for (int i = length; i < 26; i++) {
                micros *= 10;
            }
        }
        longValue = longValue * 86_400_000_000L + ((hour * 60L + minute) * 60 + second) * 1_000_000 + micros;
        return true;
    }

    /** A timestamp, or a date read as its midnight (a column of both is a timestamp column). */
    boolean parseTimestampOrDate(byte[] b, int start, int end) {
        if (parseTimestamp(b, start, end)) {
            return true;
        }
        if (parseDate(b, start, end)) {
            longValue *= 86_400_000_000L;
            return true;
        }
        return false;
    }

    /** Reads {@code YYYY-MM-DD} at {@code start} into {@link #longValue} as days since 1970-01-01. */
    private boolean readDate(byte[] b, int start) {
        if (b[start + 4] != '-' || b[start + 7] != '-') {
            return false;
        }
        int high = twoDigits(b, start);
        int low = twoDigits(b, start + 2);
        int month = twoDigits(b, start + 5);
        int day = twoDigits(b, start + 8);
        if (high < 0 || low < 0 || month < 1 || month > 12 || day < 1 || day > MONTH_DAYS_MAX) {
            return false;
        }
        int year = high * 100 + low;
        if (day > daysInMonth(year, month)) {
            return false;
        }
        longValue = epochDay(year, month, day);
        return true;
    }

    private static int daysInMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
    static long epochDay(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468;
    }

    private static int twoDigits(byte[] b, int at) {
        int tens = b[at] - '0';
        int ones = b[at + 1] - '0';
        return tens < 0 || tens > 9 || ones < 0 || ones > 9 ? -1 : tens * 10 + ones;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    /** Whether the bytes are {@code lower} in any case ({@code lower} is ASCII lower case letters). */
    private static boolean equalsIgnoreCase(byte[] b, int start, int end, String lower) {
        if (end - start != lower.length()) {
            return false;
        }
        for (int i = 0; i < lower.length(); i++) {
            if ((b[start + i] | 0x20) != lower.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
