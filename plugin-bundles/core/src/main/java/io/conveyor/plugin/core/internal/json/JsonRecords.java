package io.conveyor.plugin.core.internal.json;

import java.io.Closeable;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import io.conveyor.api.stage.StageException;

/**
 * The objects of a JSON input, one after the other: the elements of one array ({@link
 * JsonArrayRecords}) or one object per line ({@link JsonLineRecords}). Reads the input only as
 * records are asked for; closing closes the input.
 */
interface JsonRecords extends Closeable {

    /**
     * The next object, or {@code null} at the end of the input.
     *
     * @throws StageException DATA, located ({@code file:line:col: ...}), for input that is not JSON
     *                        or not laid out as expected
     */
    JsonRecord next() throws IOException, StageException;

    /** Reads the members of the object whose {@code START_OBJECT} is the parser's current token. */
    static Map<String, Object> members(JsonParser parser, JsonFactory factory) throws IOException {
        Map<String, Object> values = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            parser.nextToken();
            values.put(key, JsonValues.read(parser, factory));
        }
        return values;
    }

    /** A token as messages name it: {@code an object}, {@code a number}, ... */
    static String describe(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> "'" + token.asString() + "'";
        };
    }
}
