package io.conveyor.plugin.reshape.internal.convert;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/**
 * Proleptic Gregorian dates as day numbers since 1970-01-01 and back, without objects, and ISO
 * text for dates and times written into byte arrays. The day arithmetic is Howard Hinnant's
 * {@code days_from_civil} / {@code civil_from_days}.
 */
final class Calendar {

    static final long MICROS_PER_SECOND = 1_000_000L;
    static final long SECONDS_PER_DAY = 86_400L;
    static final long MICROS_PER_DAY = SECONDS_PER_DAY * MICROS_PER_SECOND;

    private Calendar() {
    }

    /** The day number of a valid date. */
    static long epochDay(long year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        int shiftedMonth = month > 2 ? month - 3 : month + 9;
        long dayOfYear = (153L * shiftedMonth + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }

    static boolean isValid(long year, int month, int day) {
        return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
    }

    private static int daysInMonth(long year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /**
     * Writes the date of a day number as {@code YYYY-MM-DD} at {@code at}; years outside
     * 0000-9999 as {@link LocalDate} writes them ({@code +10000-01-01}, {@code -0001-01-01}).
     *
     * @return the position after the text
     */
    static int writeDate(long epochDay, byte[] out, int at) {
        long z = epochDay + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long shiftedMonth = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * shiftedMonth + 2) / 5 + 1);
        int month = (int) (shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9);
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        if (year < 0 || year > 9999) {
            byte[] text = LocalDate.ofEpochDay(epochDay).toString().getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(text, 0, out, at, text.length);
            return at + text.length;
        }
        at = digits(year, 4, out, at);
        out[at++] = '-';
        at = digits(month, 2, out, at);
        out[at++] = '-';
        return digits(day, 2, out, at);
    }

    /**
     * Writes {@code HH:MM:SS}, then the fraction of a second when it is not zero, without
     * trailing zeros ({@code .5}, {@code .000123}).
     */
    static int writeTime(long secondOfDay, int nanos, byte[] out, int at) {
        at = digits(secondOfDay / 3600, 2, out, at);
        out[at++] = ':';
        at = digits(secondOfDay / 60 % 60, 2, out, at);
        out[at++] = ':';
        at = digits(secondOfDay % 60, 2, out, at);
        if (nanos != 0) {
            out[at++] = '.';
            int width = 9;
            while (nanos % 10 == 0) {
                nanos /= 10;
                width--;
            }
            at = digits(nanos, width, out, at);
        }
        return at;
    }

    /** Writes {@code value} (not negative) with at least {@code width} digits, zero-padded. */
    static int digits(long value, int width, byte[] out, int at) {
        int length = 1;
        for (long rest = value / 10; rest > 0; rest /= 10) {
            length++;
        }
        length = Math.max(width, length);
        for (int i = at + length - 1; i >= at; i--) {
            out[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return at + length;
    }
}
