package io.conveyor.plugin.core.internal.json;

import java.io.IOException;
import java.io.StringWriter;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;

import io.conveyor.plugin.kit.column.ColumnType;
import io.conveyor.plugin.kit.column.NumberText;

/**
 * JSON values as the reader holds them: {@code Long}, {@code Double}, {@code Boolean},
 * {@code String}, {@link Nested} (an object or array kept as compact JSON text) or {@code null}.
 */
final class JsonValues {

    /** An object or array value, as compact JSON text. */
    record Nested(String json) {
    }

    private JsonValues() {
    }

    /** Reads the value at the parser's current token (which must start a value). */
    static Object read(JsonParser parser, JsonFactory factory) throws IOException {
        JsonToken token = parser.currentToken();
        return switch (token) {
            case VALUE_NULL -> null;
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? (Object) parser.getDoubleValue() : (Object) parser.getLongValue();
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case START_OBJECT, START_ARRAY -> {
                StringWriter text = new StringWriter();
                try (JsonGenerator generator = factory.createGenerator(text)) {
                    generator.copyCurrentStructure(parser);
                }
                yield new Nested(text.toString());
            }
            default -> throw new IllegalStateException("not a value: " + token);
        };
    }

    /** The column type a value votes for; {@code null} for a null value. */
    static ColumnType typeOf(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Long) {
            return ColumnType.INT64;
        }
        if (value instanceof Double) {
            return ColumnType.FLOAT64;
        }
        if (value instanceof Boolean) {
            return ColumnType.BOOL;
        }
        return ColumnType.UTF8;
    }

    /** The value as JSON text, for messages and for utf8 columns holding non-strings. */
    static String toJson(Object value) {
        if (value instanceof String s) {
            return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + '"';
        }
        if (value instanceof Nested n) {
            return n.json();
        }
        if (value instanceof Double d) {
            return NumberText.format(d);
        }
        return String.valueOf(value);
    }
}
