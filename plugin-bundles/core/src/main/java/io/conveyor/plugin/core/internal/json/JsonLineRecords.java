package io.conveyor.plugin.core.internal.json;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;

import io.conveyor.api.stage.StageException;

/**
 * JSON lines: one object per line, blank lines skipped. Each line is parsed on its own, so an
 * object cannot span lines, two objects cannot share one, and an error names the line it is on.
 * Text is UTF-8; lines end with {@code \n}, {@code \r\n} or {@code \r}. Not thread-safe.
 */
final class JsonLineRecords implements JsonRecords {

    private static final String ONE_PER_LINE = " (format = \"jsonl\" reads one object per line)";

    private final JsonFactory factory;
    private final BufferedReader lines;
    private final String source;
    private long lineNumber;

    /**
     * @param in     the UTF-8 bytes; closed by {@link #close()}
     * @param source how messages name the input
     */
    JsonLineRecords(JsonFactory factory, InputStream in, String source) {
        this.factory = factory;
        this.lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.source = source;
    }

    @Override
    public JsonRecord next() throws IOException, StageException {
        String line;
        while ((line = lines.readLine()) != null) {
            lineNumber++;
            if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (!line.isBlank()) {
                return new JsonRecord(lineNumber, parse(line));
            }
        }
        return null;
    }

    private Map<String, Object> parse(String line) throws IOException, StageException {
        try (JsonParser parser = factory.createParser(line)) {
            JsonToken token = parser.nextToken();
            if (token != JsonToken.START_OBJECT) {
                throw located(parser.currentTokenLocation(), "expected an object, found " + JsonRecords.describe(token));
            }
            Map<String, Object> values = JsonRecords.members(parser, factory);
            JsonToken after = parser.nextToken();
            if (after != null) {
                throw located(parser.currentTokenLocation(), "expected the end of the line after the object, found "
                        + JsonRecords.describe(after) + ONE_PER_LINE);
            }
            return values;
        } catch (JsonEOFException e) {
            throw StageException.data(source + ":" + lineNumber + ": the object does not end on its line" + ONE_PER_LINE);
        } catch (JsonProcessingException e) {
            throw located(e.getLocation(), "invalid JSON: " + withinLine(e.getOriginalMessage()));
        }
    }

    /** Jackson's message with nested locations, always on line 1 of the parsed line, as columns. */
    private static String withinLine(String message) {
        return message.replaceAll("\\[Source: [^;]*; line: \\d+, column: (\\d+)]", "column $1");
    }

    private StageException located(JsonLocation at, String message) {
        String column = at == null ? "" : ":" + at.getColumnNr();
        return StageException.data(source + ":" + lineNumber + column + ": " + message);
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
