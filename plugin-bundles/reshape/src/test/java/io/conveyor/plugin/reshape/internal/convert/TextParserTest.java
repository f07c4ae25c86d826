package io.conveyor.plugin.reshape.internal.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class TextParserTest {

    private final TextParser parser = new TextParser();

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private Long parseLong(String text) {
        byte[] b = bytes(text);
        return parser.parseLong(b, 0, b.length) ? parser.longValue : null;
    }

    private Double parseDouble(String text) {
        byte[] b = bytes(text);
        return parser.parseDouble(b, 0, b.length) ? parser.doubleValue : null;
    }

    private Long parseDate(String text) {
        byte[] b = bytes(text);
        return parser.parseDate(b, 0, b.length) ? parser.longValue : null;
    }

    private Long parseTimestamp(String text) {
        byte[] b = bytes(text);
        return parser.parseTimestamp(b, 0, b.length) ? parser.longValue : null;
    }

    private static long micros(String localDateTime) {
        LocalDateTime t = LocalDateTime.parse(localDateTime);
        return t.toEpochSecond(ZoneOffset.UTC) * 1_000_000 + t.getNano() / 1000;
    }

    @Test
    void integersAreDigitsWithAnOptionalSignWithinRange() {
        assertEquals(42L, parseLong("42"));
        assertEquals(-7L, parseLong("-7"));
        assertEquals(7L, parseLong("+7"));
        assertEquals(12L, parseLong("  12\t"));
        assertEquals(0L, parseLong("-0"));
        assertEquals(Long.MAX_VALUE, parseLong("9223372036854775807"));
        assertEquals(Long.MIN_VALUE, parseLong("-9223372036854775808"));
        for (String bad : List.of("", " ", "-", "+", "9223372036854775808", "-9223372036854775809", "1.0", "1e3",
                "12a", "0x10", "1 2", "١٢")) {
            assertEquals(null, parseLong(bad), bad);
        }
    }

    @Test
    void floatsFollowTheDecimalGrammar() {
        assertEquals(1.5, parseDouble("1.5"));
        assertEquals(0.5, parseDouble(".5"));
        assertEquals(5.0, parseDouble("5."));
        assertEquals(-2e-3, parseDouble("-2e-3"));
        assertEquals(1e21, parseDouble("1E+21"));
        assertEquals(-0.0, parseDouble("-0.0"));
        assertEquals(150.0, parseDouble(" 150 "));
        assertEquals(Double.POSITIVE_INFINITY, parseDouble("inf"));
        assertEquals(Double.NEGATIVE_INFINITY, parseDouble("-Infinity"));
        assertTrue(Double.isNaN(parseDouble("NaN")));
        assertEquals(Double.POSITIVE_INFINITY, parseDouble("1e400"));
        assertEquals(0.0, parseDouble("1e-400"));
        for (String bad : List.of("", ".", "e5", "1e", "1e+", "1.2.3", "--1", "1d", "0x1p3", "infinit", "nan1", "1,5")) {
            assertEquals(null, parseDouble(bad), bad);
        }
    }

    @Test
    void floatsReadExactlyAsJavaReadsThem() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            double value = switch (i % 4) {
                case 0 -> random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
                case 1 -> Double.longBitsToDouble(random.nextLong());
                case 2 -> random.nextInt(1_000_000) / 100.0;
                default -> (random.nextLong() % 100_000_000_000L) / 1e6;
            };
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                continue;
            }
            String text = Double.toString(value);
            assertEquals(Double.parseDouble(text), parseDouble(text), text);
            String plain = new java.math.BigDecimal(value).round(new java.math.MathContext(1 + random.nextInt(17)))
                    .toPlainString();
            assertEquals(Double.parseDouble(plain), parseDouble(plain), plain);
        }
    }

    @Test
    void booleansAreTrueOrFalseInAnyCase() {
        byte[] yes = bytes(" TRUE ");
        assertTrue(parser.parseBoolean(yes, 0, yes.length));
        assertTrue(parser.booleanValue);
        byte[] no = bytes("False");
        assertTrue(parser.parseBoolean(no, 0, no.length));
        assertFalse(parser.booleanValue);
        for (String bad : List.of("", "yes", "1", "t", "truee")) {
            byte[] b = bytes(bad);
            assertFalse(parser.parseBoolean(b, 0, b.length), bad);
        }
    }

    @Test
    void datesAreIsoDatesThatExist() {
        assertEquals(0L, parseDate("1970-01-01"));
        assertEquals(LocalDate.of(2024, 2, 29).toEpochDay(), parseDate("2024-02-29"));
        assertEquals(LocalDate.of(1, 1, 1).toEpochDay(), parseDate("0001-01-01"));
        assertEquals(LocalDate.of(1969, 12, 31).toEpochDay(), parseDate(" 1969-12-31 "));
        for (String bad : List.of("2023-02-29", "2024-13-01", "2024-00-10", "2024-04-31", "24-01-01", "2024/01/01",
                "2024-1-01", "2024-01-01T00:00", "")) {
            assertEquals(null, parseDate(bad), bad);
        }
    }

    @Test
    void everyDayNumberAgreesWithJavaTime() {
        // 1800 to 2200 covers every leap-year rule (1900, 2000, 2100); years 1 and 9999 the ends
        for (long day = LocalDate.of(1800, 1, 1).toEpochDay(); day < LocalDate.of(2201, 1, 1).toEpochDay(); day++) {
            assertAgrees(day);
        }
        assertAgrees(LocalDate.of(1, 1, 1).toEpochDay());
        assertAgrees(LocalDate.of(9999, 12, 31).toEpochDay());
    }

    private void assertAgrees(long day) {
        String text = LocalDate.ofEpochDay(day).toString();
        assertEquals(day, parseDate(text), text);
        byte[] written = new byte[16];
        assertEquals(text, new String(written, 0, Calendar.writeDate(day, written, 0), StandardCharsets.US_ASCII));
    }

    @Test
    void timestampsTakeADateAnOptionalTimeAndAnOptionalOffset() {
        assertEquals(micros("2024-03-01T00:00:00"), parseTimestamp("2024-03-01"));
        assertEquals(micros("2024-03-01T10:15:00"), parseTimestamp("2024-03-01T10:15"));
        assertEquals(micros("2024-03-01T10:15:30"), parseTimestamp("2024-03-01 10:15:30"));
        assertEquals(micros("2024-03-01T10:15:30.5"), parseTimestamp("2024-03-01 10:15:30.5"));
        assertEquals(micros("2024-03-01T10:15:30.123456"), parseTimestamp("2024-03-01t10:15:30.123456789"));
        assertEquals(micros("2024-03-01T08:15:30"), parseTimestamp("2024-03-01T10:15:30+02:00"));
        assertEquals(micros("2024-03-01T15:45:30"), parseTimestamp("2024-03-01T10:15:30-0530"));
        assertEquals(micros("2024-03-01T09:15:30"), parseTimestamp("2024-03-01T10:15:30+01"));
        assertEquals(micros("2024-03-01T10:15:30"), parseTimestamp("2024-03-01T10:15:30Z"));
        assertEquals(micros("1969-12-31T23:59:59.999999"), parseTimestamp("1969-12-31T23:59:59.999999"));
        for (String bad : List.of("2024-03-01T", "2024-03-01T24:00", "2024-03-01T10", "2024-03-01T10:60",
                "2024-03-01T10:15:61", "2024-03-01T10:15:30.", "2024-03-01T10:15:30.1234567890",
                "2024-03-01T10:15:30+2", "2024-03-01T10:15:30 +02:00", "2024-03-01T10:15:30X", "2024-02-30")) {
            assertEquals(null, parseTimestamp(bad), bad);
        }
    }

    @Test
    void timesAreWrittenWithTheFractionOnlyWhenThereIsOne() {
        byte[] out = new byte[32];
        assertEquals("10:15:30", new String(out, 0, Calendar.writeTime(36930, 0, out, 0), StandardCharsets.US_ASCII));
        assertEquals("00:00:00.5", new String(out, 0, Calendar.writeTime(0, 500_000_000, out, 0),
                StandardCharsets.US_ASCII));
        assertEquals("23:59:59.000123", new String(out, 0, Calendar.writeTime(86399, 123_000, out, 0),
                StandardCharsets.US_ASCII));
        assertEquals("+10000-01-01", new String(out, 0, Calendar.writeDate(LocalDate.of(10000, 1, 1).toEpochDay(),
                out, 0), StandardCharsets.US_ASCII));
    }
}
