package io.conveyor.plugin.core.internal.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.conveyor.plugin.kit.column.NumberText;

class TextBufferTest {

    private final TextBuffer text = new TextBuffer(4);

    private String flush() {
        String result = new String(text.array(), 0, text.length(), StandardCharsets.UTF_8);
        text.clear();
        return result;
    }

    @Test
    void integersAreWrittenPlainly() {
        for (long value : new long[] {0, 7, -7, 10, 99, 100, 12345, -987654321, Long.MAX_VALUE, Long.MIN_VALUE,
            1_000_000_000_000_000_000L}) {
            text.appendLong(value);
            assertEquals(Long.toString(value), flush());
        }
    }

    @Test
    void floatsAreWrittenAsNumberTextWritesThem() {
        for (double value : new double[] {0.0, -0.0, 1.0, 150.0, 45.5, 71.69, -3.25, 0.1, 0.05, 0.001, 1e-4, 1e-10,
            123456.789, 1e14, 99999999999999.98, 1e15, 1.5e300, 2e-300, 0.30000000000000004, Double.MAX_VALUE,
            Double.MIN_VALUE, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 10000000.0}) {
            text.appendDouble(value);
            assertEquals(NumberText.format(value), flush(), String.valueOf(value));
        }
    }

    @Test
    void randomFloatsReadBackAndAreNeverLongerThanNumberText() {
        Random random = new Random(7);
        for (int i = 0; i < 30_000; i++) {
            double value = switch (i % 3) {
                case 0 -> Math.round(random.nextDouble() * 1e6) / 100.0;
                case 1 -> random.nextDouble() * Math.pow(10, random.nextInt(30) - 15);
                default -> Double.longBitsToDouble(random.nextLong());
            };
            text.appendDouble(value);
            String written = flush();
            String expected = NumberText.format(value);
            if (Double.isNaN(value)) {
                assertEquals("NaN", written);
                continue;
            }
            assertEquals(Double.doubleToRawLongBits(value), Double.doubleToRawLongBits(Double.parseDouble(
                    written.replace("inf", "Infinity"))), written);
            assertTrue(written.length() <= expected.length(), written + " vs " + expected);
            if (i % 3 == 0) {
                assertEquals(expected, written);
            }
        }
    }

    @Test
    void datesAreYyyyMmDd() {
        for (String day : List.of("1970-01-01", "1969-12-31", "2024-02-29", "0001-01-01", "9999-12-31", "2000-03-01",
                "+10000-01-01", "-0001-12-31")) {
            text.appendDate(LocalDate.parse(day).toEpochDay());
            assertEquals(day, flush());
        }
    }

    @Test
    void timestampsHaveAFractionOnlyWhenThereIsOne() {
        text.appendTimestampMicros(0);
        assertEquals("1970-01-01 00:00:00", flush());
        text.appendTimestampMicros(-1);
        assertEquals("1969-12-31 23:59:59.999999", flush());
        text.appendTimestampMicros(1_704_067_202_500_000L);
        assertEquals("2024-01-01 00:00:02.500000", flush());
        text.appendTimestampMicros(1_719_750_896_000_001L);
        assertEquals("2024-06-30 12:34:56.000001", flush());
        text.appendTimestampNanos(1_000_000_123L);
        assertEquals("1970-01-01 00:00:01.000000123", flush());
        text.appendTimestampNanos(86_399_000_000_000L);
        assertEquals("1970-01-01 23:59:59", flush());
    }
}
