package io.conveyor.plugin.expression.internal.eval;

/**
 * Dates (days since 1970-01-01) and timestamps (microseconds since 1970-01-01T00:00) read from and
 * written to ISO text on bytes, with the proleptic Gregorian calendar, without objects per value.
 */
final class DateTimes {

    /** What a parse returns for text that is not a date or timestamp. */
    static final long INVALID = Long.MIN_VALUE;
    static final long MICROS_PER_DAY = 86_400_000_000L;

    private DateTimes() {
    }

    /** Days since 1970-01-01 of a civil date (H. Hinnant's days_from_civil). */
    static long daysFromCivil(long year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        long dayOfYear = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }

    /** The civil date of a day number, as {@code year * 10000 + month * 100 + day} (year may be negative). */
    static long civilFromDays(long days) {
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long mp = (5 * dayOfYear + 2) / 153;
        long day = dayOfYear - (153 * mp + 2) / 5 + 1;
        long month = mp < 10 ? mp + 3 : mp - 9;
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        return year * 10_000 + (year < 0 ? -1 : 1) * (month * 100 + day);
    }

    private static int daysInMonth(long year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** {@code yyyy-mm-dd} (surrounding spaces allowed) as days, or {@link #INVALID}. */
    static long parseDate(byte[] b, int start, int end) {
        while (start < end && Utf8.isWhitespace(b[start])) {
            start++;
        }
        while (end > start && Utf8.isWhitespace(b[end - 1])) {
            end--;
        }
        return end - start == 10 ? datePart(b, start) : INVALID;
    }

    /** The date {@code yyyy-mm-dd} at {@code b[start, start + 10)}, or {@link #INVALID}. */
    private static long datePart(byte[] b, int start) {
        int year = digits(b, start, 4);
        int month = digits(b, start + 5, 2);
        int day = digits(b, start + 8, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || b[start + 4] != '-' || b[start + 7] != '-'
                || day > daysInMonth(year, month)) {
            return INVALID;
        }
        return daysFromCivil(year, month, day);
    }

    private static int digits(byte[] b, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }

    /**
     * {@code yyyy-mm-dd[( |T)hh:mm[:ss[.fraction]]][Z|(+|-)hh:mm]} as microseconds (an offset is
     * converted to UTC), or {@link #INVALID}.
     */
    static long parseTimestamp(byte[] b, int start, int end) {
        while (start < end && Utf8.isWhitespace(b[start])) {
            start++;
        }
        while (end > start && Utf8.isWhitespace(b[end - 1])) {
            end--;
        }
        if (end - start < 10) {
            return INVALID;
        }
        long days = datePart(b, start);
        if (days == INVALID) {
            return INVALID;
        }
        int i = start + 10;
        if (i == end) {
            return days * MICROS_PER_DAY;
        }
        if ((b[i] != ' ' && b[i] != 'T' && b[i] != 't') || end - i < 6 || b[i + 3] != ':') {
            return INVALID;
        }
        int hour = digits(b, i + 1, 2);
        int minute = digits(b, i + 4, 2);
        i += 6;
        int second = 0;
        long micros = 0;
        if (i < end && b[i] == ':') {
            if (end - i < 3) {
                return INVALID;
            }
            second = digits(b, i + 1, 2);
            i += 3;
            if (i < end && b[i] == '.') {
                i++;
                int fractionStart = i;
                long scale = 100_000;
                while (i < end && b[i] >= '0' && b[i] <= '9') {
                    micros += (b[i] - '0') * scale;
                    scale /= 10;
                    i++;
                }
                if (i == fractionStart) {
                    return INVALID;
                }
            }
        }
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return INVALID;
        }
        long offsetMinutes = 0;
        if (i < end) {
            if ((b[i] == 'Z' || b[i] == 'z') && i + 1 == end) {
                offsetMinutes = 0;
            } else if ((b[i] == '+' || b[i] == '-') && end - i == 6 && b[i + 3] == ':') {
                int oh = digits(b, i + 1, 2);
                int om = digits(b, i + 4, 2);
                if (oh < 0 || om < 0) {
                    return INVALID;
                }
                offsetMinutes = (b[i] == '+' ? 1 : -1) * (oh * 60L + om);
            } else {
                return INVALID;
            }
        }
        return days * MICROS_PER_DAY + ((hour * 60L + minute - offsetMinutes) * 60 + second) * 1_000_000 + micros;
    }

    /** Writes {@code yyyy-mm-dd}; returns the end. */
    static int formatDate(long days, byte[] to, int p) {
        long civil = civilFromDays(days);
        long year = civil / 10_000;
        long monthDay = Math.abs(civil % 10_000);
        if (year < 0) {
            to[p++] = '-';
            year = -year;
        }
        if (year > 9999) {
            p = Numbers.formatLong(year, to, p);
        } else {
            p = pad(year, 4, to, p);
        }
        to[p++] = '-';
        p = pad(monthDay / 100, 2, to, p);
        to[p++] = '-';
        return pad(monthDay % 100, 2, to, p);
    }

    /** Writes {@code yyyy-mm-dd hh:mm:ss}, with {@code .ffffff} (trailing zeros dropped) when there is a fraction. */
    static int formatTimestamp(long micros, byte[] to, int p) {
        long days = Math.floorDiv(micros, MICROS_PER_DAY);
        long ofDay = Math.floorMod(micros, MICROS_PER_DAY);
        p = formatDate(days, to, p);
        long seconds = ofDay / 1_000_000;
        long fraction = ofDay % 1_000_000;
        to[p++] = ' ';
        p = pad(seconds / 3600, 2, to, p);
        to[p++] = ':';
        p = pad(seconds / 60 % 60, 2, to, p);
        to[p++] = ':';
        p = pad(seconds % 60, 2, to, p);
        if (fraction != 0) {
            to[p++] = '.';
            int digits = 6;
            while (fraction % 10 == 0) {
                fraction /= 10;
                digits--;
            }
            p = pad(fraction, digits, to, p);
        }
        return p;
    }

    /** The most bytes {@link #formatTimestamp} writes. */
    static final int MAX_TEXT = 40;

    private static int pad(long value, int width, byte[] to, int p) {
        for (int i = width - 1; i >= 0; i--) {
            to[p + i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return p + width;
    }
}
