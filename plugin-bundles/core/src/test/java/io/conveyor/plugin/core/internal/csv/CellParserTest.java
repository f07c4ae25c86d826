package io.conveyor.plugin.core.internal.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class CellParserTest {

    private final CellParser parser = new CellParser();

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private boolean parseLong(String text) {
        byte[] b = bytes(" " + text + " ");
        return parser.parseLong(b, 1, b.length - 1);
    }

    private boolean parseDouble(String text) {
        byte[] b = bytes("," + text + ",");
        return parser.parseDouble(b, 1, b.length - 1);
    }

    private CellType typeOf(String text, boolean dates) {
        byte[] b = bytes(text);
        return parser.typeOf(b, 0, b.length, dates);
    }

    @Test
    void integersAreOptionallySignedDigitsThatFitALong() {
        for (String text : List.of("0", "7", "-3", "+4", "0042", "9223372036854775807", "-9223372036854775808",
                "000000000000000000000000001", "123456789012345678")) {
            assertTrue(parseLong(text), text);
            assertEquals(Long.parseLong(text), parser.longValue, text);
        }
        for (String text : List.of("", "-", "+", "1.0", "1e3", " 1", "1 ", "9223372036854775808",
                "-9223372036854775809", "12a", "0x10", "1_000", "--1")) {
            assertFalse(parseLong(text), text);
        }
    }

    @Test
    void floatsAreReadExactlyAsJavaReadsThem() {
        for (String text : List.of("0", "1.5", ".5", "5.", "-0.0", "+2.25", "1e3", "1E-3", "2.5e+10", "71.69",
                "0.1", "0.30000000000000004", "123456789012345678901234567890", "1e308", "1e-320", "4.9e-324",
                "1.7976931348623157e308", "9007199254740993", "0.000000000000000000000000000001", "1e400",
                "3.141592653589793238462643383279", "100.0", "999999999999999.9", "1e22", "1e23", "8.41e21")) {
            assertTrue(parseDouble(text), text);
            assertEquals(Double.doubleToRawLongBits(Double.parseDouble(text)),
                    Double.doubleToRawLongBits(parser.doubleValue), text);
        }
    }

    @Test
    void randomDecimalsParseToTheSameBitsAsDoubleParseDouble() {
        Random random = new Random(42);
        for (int i = 0; i < 200_000; i++) {
            StringBuilder text = new StringBuilder();
            if (random.nextInt(4) == 0) {
                text.append('-');
            }
            int intDigits = random.nextInt(12);
            for (int d = 0; d < intDigits; d++) {
                text.append((char) ('0' + random.nextInt(10)));
            }
            text.append('.');
            int fractionDigits = 1 + random.nextInt(random.nextBoolean() ? 6 : 20);
            for (int d = 0; d < fractionDigits; d++) {
                text.append((char) ('0' + random.nextInt(10)));
            }
            if (random.nextInt(5) == 0) {
                text.append('e').append(random.nextInt(60) - 30);
            }
            String value = text.toString();
            assertTrue(parseDouble(value), value);
            assertEquals(Double.doubleToRawLongBits(Double.parseDouble(value)),
                    Double.doubleToRawLongBits(parser.doubleValue), value);
        }
    }

    @Test
    void infinityAndNanAreFloatsInAnyCase() {
        assertTrue(parseDouble("inf"));
        assertEquals(Double.POSITIVE_INFINITY, parser.doubleValue);
        assertTrue(parseDouble("-Infinity"));
        assertEquals(Double.NEGATIVE_INFINITY, parser.doubleValue);
        assertTrue(parseDouble("NaN"));
        assertTrue(Double.isNaN(parser.doubleValue));
        for (String text : List.of("", ".", "-", "e5", "1e", "1e+", "1.2.3", " 1.5", "1.5 ", "1d", "0x1p3", "infx",
                "nan1", "1,5")) {
            assertFalse(parseDouble(text), text);
        }
    }

    @Test
    void booleansAreTrueOrFalseInAnyCase() {
        byte[] b = bytes("TRUE");
        assertTrue(parser.parseBoolean(b, 0, 4));
        assertEquals(1, parser.longValue);
        b = bytes("fAlSe");
        assertTrue(parser.parseBoolean(b, 0, 5));
        assertEquals(0, parser.longValue);
        b = bytes("yes");
        assertFalse(parser.parseBoolean(b, 0, 3));
    }

    @Test
    void datesAreRealDaysOfYyyyMmDd() {
        for (String text : List.of("1970-01-01", "2024-02-29", "2000-02-29", "1900-03-01", "0001-01-01",
                "9999-12-31", "1969-12-31")) {
            byte[] b = bytes(text);
            assertTrue(parser.parseDate(b, 0, b.length), text);
            assertEquals(LocalDate.parse(text).toEpochDay(), parser.longValue, text);
        }
        for (String text : List.of("2023-02-29", "1900-02-29", "2024-13-01", "2024-00-10", "2024-04-31",
                "2024-1-01", "2024/01/01", "20240101", "2024-01-01 ")) {
            byte[] b = bytes(text);
            assertFalse(parser.parseDate(b, 0, b.length), text);
        }
    }

    @Test
    void timestampsHaveSecondsAndUpToSixFractionDigits() {
        for (String text : List.of("2024-01-01 00:00:02", "2024-01-01T23:59:59", "1969-12-31 23:59:59.5",
                "2024-06-30 12:34:56.123456", "2024-06-30 12:34:56.000001")) {
            byte[] b = bytes(text);
            assertTrue(parser.parseTimestamp(b, 0, b.length), text);
            LocalDateTime expected = LocalDateTime.parse(text.replace(' ', 'T'));
            assertEquals(ChronoUnit.MICROS.between(LocalDateTime.ofEpochSecond(0, 0, ZoneOffset.UTC), expected),
                    parser.longValue, text);
        }
        for (String text : List.of("2024-01-01", "2024-01-01 24:00:00", "2024-01-01 12:60:00", "2024-01-01 12:00",
                "2024-01-01 12:00:00.", "2024-01-01 12:00:00.1234567", "2024-01-01x12:00:00",
                "2024-01-01 12:00:00Z", "2024-02-30 12:00:00")) {
            byte[] b = bytes(text);
            assertFalse(parser.parseTimestamp(b, 0, b.length), text);
        }
    }

    @Test
    void aTimestampColumnReadsADateAsItsMidnight() {
        byte[] b = bytes("1970-01-02");
        assertTrue(parser.parseTimestampOrDate(b, 0, b.length));
        assertEquals(86_400_000_000L, parser.longValue);
        b = bytes("1970-01-01 00:00:01");
        assertTrue(parser.parseTimestampOrDate(b, 0, b.length));
        assertEquals(1_000_000L, parser.longValue);
        b = bytes("1970-01-01 00");
        assertFalse(parser.parseTimestampOrDate(b, 0, b.length));
    }

    @Test
    void theTypeOfACellIsTheNarrowestThatReadsIt() {
        assertEquals(CellType.INT64, typeOf("12", false));
        assertEquals(CellType.FLOAT64, typeOf("12.5", false));
        assertEquals(CellType.FLOAT64, typeOf("99999999999999999999", false));
        assertEquals(CellType.BOOL, typeOf("False", false));
        assertEquals(CellType.UTF8, typeOf("2024-01-01", false));
        assertEquals(CellType.DATE, typeOf("2024-01-01", true));
        assertEquals(CellType.TIMESTAMP, typeOf("2024-01-01 10:00:00", true));
        assertEquals(CellType.UTF8, typeOf("2024-01-01 10:00", true));
        assertEquals(CellType.UTF8, typeOf("North", true));
    }
}
