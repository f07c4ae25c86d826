package io.conveyor.plugin.core.internal.json;

import java.io.IOException;
import java.io.InputStream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import io.conveyor.api.stage.StageException;

/** The objects of one JSON array, parsed as a stream: the input is never held whole. Not thread-safe. */
final class JsonArrayRecords implements JsonRecords {

    private final JsonFactory factory;
    private final InputStream in;
    private final String source;
    private final String formatSetting;
    private JsonParser parser;
    private boolean ended;

    /**
     * @param in            the JSON bytes (any encoding Jackson detects); closed by {@link #close()}
     * @param source        how messages name the input
     * @param formatSetting the setting that asked for an array, as messages show it: {@code format = "records"}
     */
    JsonArrayRecords(JsonFactory factory, InputStream in, String source, String formatSetting) {
        this.factory = factory;
        this.in = in;
        this.source = source;
        this.formatSetting = formatSetting;
    }

    @Override
    public JsonRecord next() throws IOException, StageException {
        try {
            if (parser == null) {
                open();
            }
            if (ended) {
                return null;
            }
            JsonToken token = parser.nextToken();
            if (token == JsonToken.END_ARRAY || token == null) {
                ended = true;
                JsonToken after = token == null ? null : parser.nextToken();
                if (after != null) {
                    throw unexpected("the end of the input after the array", after, "");
                }
                return null;
            }
            if (token != JsonToken.START_OBJECT) {
                throw unexpected("an object", token, "");
            }
            long line = parser.currentTokenLocation().getLineNr();
            return new JsonRecord(line, JsonRecords.members(parser, factory));
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr();
            throw StageException.data(source + where + ": invalid JSON: " + readable(e.getOriginalMessage()));
        }
    }

    private void open() throws IOException, StageException {
        parser = factory.createParser(in);
        JsonToken first = parser.nextToken();
        if (first == null) {
            ended = true;
        } else if (first != JsonToken.START_ARRAY) {
            throw unexpected("a JSON array of objects (" + formatSetting + ")", first,
                    first == JsonToken.START_OBJECT ? "; for one object per line, set format = \"jsonl\"" : "");
        }
    }

    /** Jackson's message without its "[Source: REDACTED ...]" noise around nested locations. */
    static String readable(String message) {
        return message.replaceAll("\\[Source: [^;]*; line: (\\d+), column: (\\d+)]", "line $1, column $2");
    }

    private StageException unexpected(String expected, JsonToken found, String hint) {
        JsonLocation at = parser.currentTokenLocation();
        return StageException.data(source + ":" + at.getLineNr() + ":" + at.getColumnNr() + ": expected "
                + expected + ", found " + JsonRecords.describe(found) + hint);
    }

    @Override
    public void close() throws IOException {
        try (InputStream input = in) {
            if (parser != null) {
                parser.close();
            }
        }
    }
}
