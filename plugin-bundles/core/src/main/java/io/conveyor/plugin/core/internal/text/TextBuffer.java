package io.conveyor.plugin.core.internal.text;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;

import org.apache.arrow.memory.ArrowBuf;

import io.conveyor.plugin.kit.column.NumberText;

/**
 * A growable buffer of UTF-8 bytes that values are formatted into without becoming strings:
 * integers, floats (as {@link NumberText} writes them), dates as {@code YYYY-MM-DD} and timestamps
 * as {@code YYYY-MM-DD HH:MM:SS[.ffffff]}. Not thread-safe.
 */
public final class TextBuffer {

    private static final byte[] DIGIT_PAIRS = new byte[200];
    private static final double[] POWERS_OF_TEN = new double[19];
    private static final long EXACT = 1L << 53;
    /**
     * Below this (2^37 is above it), a value of at most four decimals times 10^4 is off its
     * integer by less than a half (the value's ulp is at most 2^-15), so rounding finds it.
     */
    private static final double FOUR_DECIMALS_BELOW = 1e11;
    /** Far more than the few ulps (2^-52 each) a product of a value that reads back is off an integer. */
    private static final double NEAR_INTEGER = 1e-12;
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    static {
        for (int i = 0; i < 100; i++) {
            DIGIT_PAIRS[2 * i] = (byte) ('0' + i / 10);
            DIGIT_PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    private byte[] bytes;
    private int length;

    public TextBuffer(int capacity) {
        this.bytes = new byte[Math.max(16, capacity)];
    }

    /** The bytes; valid up to {@link #length()}, until the next append. */
    public byte[] array() {
        return bytes;
    }

    public int length() {
        return length;
    }

    public void clear() {
        length = 0;
    }

    /** Drops what was appended after the first {@code newLength} bytes. */
    public void truncate(int newLength) {
        length = newLength;
    }

    /** Makes room for {@code more} bytes. */
    public void ensure(int more) {
        if (bytes.length - length < more) {
            bytes = Arrays.copyOf(bytes, (int) Math.min(Integer.MAX_VALUE - 8,
                    Math.max(2L * bytes.length, (long) length + more)));
        }
    }

    public void append(byte b) {
        ensure(1);
        bytes[length++] = b;
    }

    public void append(byte[] source, int offset, int count) {
        ensure(count);
        System.arraycopy(source, offset, bytes, length, count);
        length += count;
    }

    /** Appends {@code count} bytes of an Arrow buffer from {@code index}. */
    public void append(ArrowBuf source, long index, int count) {
        ensure(count);
        source.getBytes(index, bytes, length, count);
        length += count;
    }

    /** Appends text, encoded as UTF-8. */
    public void append(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        append(utf8, 0, utf8.length);
    }

    public void appendLong(long value) {
        ensure(20);
        if (value == Long.MIN_VALUE) {
            append(Long.toString(value));
            return;
        }
        if (value < 0) {
            bytes[length++] = '-';
            value = -value;
        }
        int digits = digits(value);
        writeDigits(value, length + digits);
        length += digits;
    }

    /** The number of decimal digits of a non-negative value. */
    private static int digits(long value) {
        if (value < 10) {
            return 1;
        }
        // log10 from log2 (1233 / 4096 is just above log10(2)), then one comparison
        int guess = ((64 - Long.numberOfLeadingZeros(value | 1)) * 1233) >>> 12;
        return guess + (guess < 19 && value >= (long) POWERS_OF_TEN[guess] ? 1 : 0);
    }

    /** Writes the decimal digits of a non-negative value so that its last digit is at {@code end - 1}. */
    private void writeDigits(long value, int end) {
        int at = end;
        while (value >= 100) {
            int pair = (int) (value % 100);
            value /= 100;
            bytes[--at] = DIGIT_PAIRS[2 * pair + 1];
            bytes[--at] = DIGIT_PAIRS[2 * pair];
        }
        if (value >= 10) {
            bytes[--at] = DIGIT_PAIRS[2 * (int) value + 1];
            bytes[--at] = DIGIT_PAIRS[2 * (int) value];
        } else {
            bytes[--at] = (byte) ('0' + value);
        }
    }

    /**
     * Appends a float as {@link NumberText#format(double)} writes it: with a decimal point, no
     * exponent, the fewest digits that read back to the same double. A value that is an integer
     * below 2^53 divided by a power of ten up to 10^18 is written from the smallest such power:
     * the division rounding to the value, the text reads back to it. Other values go to
     * {@link NumberText}.
     */
    public void appendDouble(double value) {
        double magnitude = Math.abs(value);
        if (magnitude == 0) {
            append(Double.doubleToRawLongBits(value) < 0 ? "-0.0" : "0.0");
            return;
        }
        boolean small = magnitude < FOUR_DECIMALS_BELOW;
        if (small) {
            // most values have at most four decimals: one try at four, then trailing zeros off
            double scaled = Math.rint(magnitude * 1e4);
            if (scaled / 1e4 == magnitude) {
                long digits = (long) scaled;
                int scale = 4;
                while (scale > 0 && digits % 10 == 0) {
                    digits /= 10;
                    scale--;
                }
                long integer = (long) magnitude;
                appendDecimal(value < 0, integer, digits - integer * (long) POWERS_OF_TEN[scale], scale);
                return;
            }
        }
        if (magnitude < 1e15) {
            for (int scale = small ? 5 : 0; scale < POWERS_OF_TEN.length; scale++) {
                double product = magnitude * POWERS_OF_TEN[scale];
                double scaled = Math.rint(product);
                if (scaled >= EXACT) {
                    break;
                }
                // a scale that reads back leaves the product within a few ulps of an integer:
                // others are passed over without the division
                double gap = Math.abs(product - scaled);
                if (gap <= product * NEAR_INTEGER && scaled / POWERS_OF_TEN[scale] == magnitude) {
                    // the integer part of the decimal is the value's own (no integer lies between them)
                    long integer = (long) magnitude;
                    appendDecimal(value < 0, integer, (long) scaled - integer * (long) POWERS_OF_TEN[scale], scale);
                    return;
                }
            }
        }
        append(NumberText.format(value));
    }

    /** Appends {@code integer.fraction}, the fraction in {@code scale} digits; {@code .0} for scale 0. */
    private void appendDecimal(boolean negative, long integer, long fraction, int scale) {
        ensure(42);
        if (negative) {
            bytes[length++] = '-';
        }
        appendLong(integer);
        bytes[length++] = '.';
        if (scale == 0) {
            bytes[length++] = '0';
        } else {
            appendFixed(fraction, scale);
        }
    }

    /** Appends exactly {@code count} digits of a non-negative value, with leading zeros. */
    private void appendFixed(long value, int count) {
        int end = length + count;
        for (int at = end - 1; at >= length; at--) {
            bytes[at] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length = end;
    }

    /** Appends a date given as days since 1970-01-01: {@code YYYY-MM-DD}. */
    public void appendDate(long epochDay) {
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
            append(LocalDate.ofEpochDay(epochDay).toString());
            return;
        }
        ensure(10);
        writePair((int) (year / 100));
        writePair((int) (year % 100));
        bytes[length++] = '-';
        writePair(month);
        bytes[length++] = '-';
        writePair(day);
    }

    /**
     * Appends a timestamp given as microseconds since 1970-01-01T00:00: {@code YYYY-MM-DD HH:MM:SS},
     * then {@code .ffffff} when it has a fraction of a second.
     */
    public void appendTimestampMicros(long micros) {
        appendTimestamp(Math.floorDiv(micros, MICROS_PER_DAY), Math.floorMod(micros, MICROS_PER_DAY), 6);
    }

    /**
     * Appends a timestamp of nanoseconds since 1970-01-01T00:00: as {@link #appendTimestampMicros},
     * with nine fraction digits when the fraction is finer than microseconds.
     */
    public void appendTimestampNanos(long nanos) {
        long day = Math.floorDiv(nanos, MICROS_PER_DAY * 1000);
        long ofDay = Math.floorMod(nanos, MICROS_PER_DAY * 1000);
        if (ofDay % 1000 == 0) {
            appendTimestamp(day, ofDay / 1000, 6);
        } else {
            appendTimestamp(day, ofDay, 9);
        }
    }

    /** @param ofDay the time of day in units of 10^-fractionDigits seconds */
    private void appendTimestamp(long day, long ofDay, int fractionDigits) {
        appendDate(day);
        long unit = (long) POWERS_OF_TEN[fractionDigits];
        long seconds = ofDay / unit;
        long fraction = ofDay % unit;
        ensure(10 + 1 + fractionDigits);
        bytes[length++] = ' ';
        writePair((int) (seconds / 3600));
        bytes[length++] = ':';
        writePair((int) (seconds / 60 % 60));
        bytes[length++] = ':';
        writePair((int) (seconds % 60));
        if (fraction != 0) {
            bytes[length++] = '.';
            appendFixed(fraction, fractionDigits);
        }
    }

    private void writePair(int value) {
        bytes[length++] = DIGIT_PAIRS[2 * value];
        bytes[length++] = DIGIT_PAIRS[2 * value + 1];
    }
}
