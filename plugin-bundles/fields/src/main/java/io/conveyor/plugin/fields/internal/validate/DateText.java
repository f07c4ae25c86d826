package io.conveyor.plugin.fields.internal.validate;

import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/**
 * Which text is a date for {@code date_fields}: an ISO-8601 date ({@code 2024-01-15}), optionally
 * with a time after {@code T} or a space ({@code 2024-01-15T10:30}, {@code 2024-01-15 10:30:00.5})
 * and an offset ({@code Z}, {@code +02:00}). Dates must exist: {@code 2024-02-30} is not one.
 */
final class DateText {

    private static final DateTimeFormatter DATE = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').append(timeAndOffset()).optionalEnd()
            .optionalStart().appendLiteral(' ').append(timeAndOffset()).optionalEnd()
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT);

    private DateText() {
    }

    private static DateTimeFormatter timeAndOffset() {
        return new DateTimeFormatterBuilder()
                .append(DateTimeFormatter.ISO_LOCAL_TIME)
                .optionalStart().appendOffsetId().optionalEnd()
                .toFormatter();
    }

    static boolean isDate(String text) {
        try {
            DATE.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
