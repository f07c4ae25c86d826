package io.conveyor.plugin.stream.internal.source;

import java.io.IOException;
import java.io.StringWriter;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import io.conveyor.api.stage.StageException;
import io.conveyor.plugin.stream.internal.source.RecordTable.JsonText;

/**
 * JSON lines: each non-blank line is one object, a row whose columns are its keys. With arrays
 * allowed ({@code format = "json"}), a line may also be an array of objects, a row each. Integers
 * are int64 (beyond int64, float64), other numbers float64, objects and arrays utf8 holding their
 * JSON text.
 */
final class JsonLines extends LineFormat {

    private final JsonFactory factory;
    private final String source;
    private final boolean arrays;

    JsonLines(JsonFactory factory, String source, boolean arrays) {
        this.factory = factory;
        this.source = source;
        this.arrays = arrays;
    }

    @Override
    void line(String line, long number, RecordTable table) throws StageException {
        if (line.isBlank()) {
            return;
        }
        try (JsonParser parser = factory.createParser(line)) {
            JsonToken token = parser.nextToken();
            if (token == JsonToken.START_OBJECT) {
                object(parser, table);
            } else if (token == JsonToken.START_ARRAY && arrays) {
                while ((token = parser.nextToken()) == JsonToken.START_OBJECT) {
                    object(parser, table);
                }
                if (token != JsonToken.END_ARRAY) {
                    throw problem(number, "an array may hold only objects, found " + describe(token));
                }
            } else {
                throw problem(number, "expected " + (arrays ? "a JSON object or an array of objects" : "a JSON object")
                        + ", found " + describe(token));
            }
            if (parser.nextToken() != null) {
                throw problem(number, "more than one JSON value on the line");
            }
        } catch (JsonProcessingException e) {
            throw problem(number, "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw problem(number, "not valid JSON: " + e.getMessage());
        }
    }

    private void object(JsonParser parser, RecordTable table) throws IOException {
        table.startRow();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            int column = table.column(parser.currentName());
            parser.nextToken();
            table.set(column, value(parser));
        }
        table.endRow();
    }

    private Object value(JsonParser parser) throws IOException {
        return switch (parser.currentToken()) {
            case VALUE_NULL -> null;
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? (Object) parser.getDoubleValue() : (Object) parser.getLongValue();
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            default -> {
                StringWriter text = new StringWriter();
                try (JsonGenerator generator = factory.createGenerator(text)) {
                    generator.copyCurrentStructure(parser);
                }
                yield new JsonText(text.toString());
            }
        };
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString();
        };
    }

    private StageException problem(long number, String what) {
        return StageException.data(source + " line " + number + ": " + what);
    }
}
