package io.conveyor.plugin.fields.internal.extract;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import io.conveyor.plugin.kit.column.NumberText;

/**
 * Finds the value at a {@link JsonPath} in JSON text with Jackson's streaming parser: it walks
 * the tokens down the path, skipping whatever is off the path, and builds no tree. A value is
 * taken only if the whole text is one well-formed JSON value (as the original tool, which parsed
 * each cell whole, required), so the rest of the text is still read after the value is found. Of
 * duplicate keys, the first is taken. Not thread-safe: one per task.
 */
final class PathExtractor {

    private final JsonFactory factory;
    private final JsonPath path;
    private final OutputType type;
    private final ByteArrayOutputStream nested = new ByteArrayOutputStream();

    /** The value found, for the output type: text in {@link #text}, or a number or boolean. */
    private byte[] text;
    private int textLength;
    private long longValue;
    private double doubleValue;
    private boolean booleanValue;

    PathExtractor(JsonFactory factory, JsonPath path, OutputType type) {
        this.factory = factory;
        this.path = path;
        this.type = type;
    }

    /** Sets row {@code row} of {@code out} to the value at the path in {@code json[0..length)}, or null. */
    void extract(byte[] json, int length, FieldVector out, int row) {
        boolean found;
        try (JsonParser parser = factory.createParser(json, 0, length)) {
            found = locate(parser) && take(parser) && restIsWellFormed(parser);
        } catch (JsonProcessingException e) {
            found = false; // not JSON: null, as a missing value
        } catch (IOException e) {
            throw new IllegalStateException("reading an array cannot fail", e);
        }
        if (!found) {
            out.setNull(row);
            return;
        }
        switch (type) {
            case STRING -> ((VarCharVector) out).setSafe(row, text, 0, textLength);
            case INT64 -> ((BigIntVector) out).set(row, longValue);
            case FLOAT64 -> ((Float8Vector) out).set(row, doubleValue);
            case BOOL -> ((BitVector) out).set(row, booleanValue ? 1 : 0);
        }
    }

    /** Moves the parser to the value at the path; false when the path does not lead to one. */
    private boolean locate(JsonParser parser) throws IOException {
        JsonToken token = parser.nextToken();
        for (JsonPath.Step step : path.steps()) {
            if (step.isKey()) {
                token = token == JsonToken.START_OBJECT ? member(parser, step.key()) : null;
            } else {
                token = token == JsonToken.START_ARRAY ? element(parser, step.index()) : null;
            }
            if (token == null) {
                return false;
            }
        }
        return true;
    }

    private static JsonToken member(JsonParser parser, String key) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            boolean match = key.equals(parser.currentName());
            JsonToken value = parser.nextToken();
            if (match) {
                return value;
            }
            parser.skipChildren();
        }
        return null;
    }

    private static JsonToken element(JsonParser parser, int index) throws IOException {
        JsonToken value;
        for (int i = 0; (value = parser.nextToken()) != JsonToken.END_ARRAY && value != null; i++) {
            if (i == index) {
                return value;
            }
            parser.skipChildren();
        }
        return null;
    }

    /** Takes the value at the parser's current token, for the output type; false for null or another kind. */
    private boolean take(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        return switch (type) {
            case STRING -> takeText(parser, token);
            case INT64 -> {
                boolean integer = token == JsonToken.VALUE_NUMBER_INT
                        && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER;
                longValue = integer ? parser.getLongValue() : 0;
                yield integer;
            }
            case FLOAT64 -> {
                boolean number = token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT;
                doubleValue = number ? parser.getDoubleValue() : 0;
                yield number && Double.isFinite(doubleValue);
            }
            case BOOL -> {
                booleanValue = token == JsonToken.VALUE_TRUE;
                yield token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE;
            }
        };
    }

    /**
     * The original tool's text of a value: strings as they are, integers as written, floats as
     * {@link NumberText} prints them, booleans as true/false, objects and arrays as compact JSON.
     */
    private boolean takeText(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case VALUE_STRING -> setText(parser.getText());
            case VALUE_NUMBER_INT -> setText(parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? parser.getText() : Long.toString(parser.getLongValue()));
            case VALUE_NUMBER_FLOAT -> {
                double value = parser.getDoubleValue();
                if (!Double.isFinite(value)) {
                    return false; // beyond a double: the original could not parse it either
                }
                setText(NumberText.format(value));
            }
            case VALUE_TRUE -> setText("true");
            case VALUE_FALSE -> setText("false");
            case START_OBJECT, START_ARRAY -> {
                nested.reset();
                try (JsonGenerator generator = factory.createGenerator(nested)) {
                    generator.copyCurrentStructure(parser);
                }
                text = nested.toByteArray();
                textLength = text.length;
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private void setText(String value) {
        text = value.getBytes(StandardCharsets.UTF_8);
        textLength = text.length;
    }

    /** Reads to the end: the text must close the value it opened and hold nothing after it. */
    private static boolean restIsWellFormed(JsonParser parser) throws IOException {
        while (!parser.getParsingContext().inRoot()) {
            if (parser.nextToken() == null) {
                return false;
            }
        }
        return parser.nextToken() == null;
    }
}
