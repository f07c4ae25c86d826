package io.conveyor.plugin.core.internal.json;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import io.conveyor.api.stage.Emitter;
import io.conveyor.api.stage.SourceTask;
import io.conveyor.api.stage.StageContext;
import io.conveyor.api.stage.StageException;
import io.conveyor.plugin.kit.file.IoReasons;
import io.conveyor.plugin.kit.column.BatchWriter;
import io.conveyor.plugin.kit.column.ColumnType;

/**
 * Reads {@code format = "dataframe"}: one JSON object of columns, {@code {"id": [1, 2], "name":
 * ["a", null]}}, as json.write writes it; the arrays must have equal lengths. Types are inferred
 * from every value of a column with the rules of the records reader (int64, float64, bool, utf8;
 * objects and arrays as JSON text; a mix as utf8; all null as utf8). The column layout cannot be
 * streamed by rows, so the file is held in memory whole. An input that is a JSON array is read as
 * records instead, as the original tool's reader (Polars) did.
 */
public final class JsonColumnsReader implements SourceTask {

    private static final String FORMAT = "format = \"dataframe\"";

    private final JsonFactory factory;
    private final InputStream in;
    private final String source;
    private final StageContext context;
    private List<String> names;
    private List<List<Object>> columns;
    private ColumnType[] types;
    private int rows;
    private int nextRow;

    private JsonColumnsReader(JsonFactory factory, InputStream in, String source, StageContext context) {
        this.factory = factory;
        this.in = in;
        this.source = source;
        this.context = context;
    }

    /**
     * A reader of the dataframe layout, or of records when the input starts with {@code [}.
     *
     * @param in     the UTF-8 bytes; closed by the task
     * @param source how messages name the input
     */
    public static SourceTask open(JsonFactory factory, InputStream in, String source, StageContext context)
            throws StageException {
        BufferedInputStream buffered = new BufferedInputStream(in);
        try {
            return startsWithArray(buffered) ? JsonBatchReader.array(factory, buffered, source, FORMAT, context)
                    : new JsonColumnsReader(factory, buffered, source, context);
        } catch (IOException e) {
            try {
                buffered.close();
            } catch (IOException ignored) {
                // the read failed already; that is the error to report
            }
            throw StageException.io("cannot read " + source + ": " + IoReasons.of(e), e);
        }
    }

    /** Whether the first byte after a byte order mark and white space is {@code [}; the stream is reset. */
    private static boolean startsWithArray(BufferedInputStream in) throws IOException {
        in.mark(1 << 16);
        try {
            int b = in.read();
            if (b == 0xEF && in.read() == 0xBB && in.read() == 0xBF) {
                b = in.read();
            }
            for (int skipped = 0; (b == ' ' || b == '\t' || b == '\n' || b == '\r') && skipped < 1 << 15; skipped++) {
                b = in.read();
            }
            return b == '[';
        } finally {
            in.reset();
        }
    }

    @Override
    public boolean produce(Emitter out) throws StageException {
        if (columns == null) {
            load();
        }
        if (names.isEmpty() || (nextRow >= rows && rows > 0)) {
            return false;
        }
        int count = Math.min(context.batchSize(), rows - nextRow);
        try (BatchWriter batch = new BatchWriter(names, List.of(types), context.allocator(), Math.max(count, 1))) {
            for (int r = nextRow; r < nextRow + count; r++) {
                fill(batch, r);
                batch.endRow();
            }
            nextRow += count;
            out.emit(batch.finish());
        }
        return nextRow < rows;
    }

    private void fill(BatchWriter batch, int row) {
        for (int c = 0; c < types.length; c++) {
            Object value = columns.get(c).get(row);
            if (value == null) {
                continue;
            }
            switch (types[c]) {
                case INT64 -> batch.setLong(c, (Long) value);
                case FLOAT64 -> batch.setDouble(c, ((Number) value).doubleValue());
                case BOOL -> batch.setBoolean(c, (Boolean) value);
                case UTF8 -> batch.setString(c, value instanceof String s ? s : JsonValues.toJson(value));
            }
        }
    }

    private void load() throws StageException {
        Map<String, List<Object>> read;
        try (JsonParser parser = factory.createParser(in)) {
            read = readColumns(parser);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr();
            throw StageException.data(source + where + ": invalid JSON: "
                    + JsonArrayRecords.readable(e.getOriginalMessage()));
        } catch (IOException e) {
            throw StageException.io("cannot read " + source + ": " + IoReasons.of(e), e);
        }
        names = List.copyOf(read.keySet());
        columns = new ArrayList<>(read.values());
        types = new ColumnType[names.size()];
        for (int c = 0; c < types.length; c++) {
            List<Object> values = columns.get(c);
            if (c == 0) {
                rows = values.size();
            } else if (values.size() != rows) {
                throw StageException.data(source + ": column '" + names.get(c) + "' has " + values.size()
                        + " values, but column '" + names.get(0) + "' has " + rows + " (" + FORMAT
                        + " needs columns of equal length)");
            }
            ColumnType type = null;
            for (Object value : values) {
                type = ColumnType.widen(type, JsonValues.typeOf(value));
            }
            types[c] = type == null ? ColumnType.UTF8 : type;
        }
    }

    private Map<String, List<Object>> readColumns(JsonParser parser) throws IOException, StageException {
        Map<String, List<Object>> read = new LinkedHashMap<>();
        JsonToken token = parser.nextToken();
        if (token == null) {
            return read;
        }
        if (token != JsonToken.START_OBJECT) {
            throw unexpected(parser, "an object of columns (" + FORMAT + ")", token);
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            if (read.containsKey(name)) {
                throw located(parser, "column '" + name + "' appears twice");
            }
            token = parser.nextToken();
            if (token != JsonToken.START_ARRAY) {
                throw unexpected(parser, "an array of values for column '" + name + "'", token);
            }
            List<Object> values = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                values.add(JsonValues.read(parser, factory));
            }
            read.put(name, values);
        }
        JsonToken after = parser.nextToken();
        if (after != null) {
            throw unexpected(parser, "the end of the input after the object", after);
        }
        return read;
    }

    private StageException unexpected(JsonParser parser, String expected, JsonToken found) {
        return located(parser, "expected " + expected + ", found " + JsonRecords.describe(found));
    }

    private StageException located(JsonParser parser, String message) {
        JsonLocation at = parser.currentTokenLocation();
        return StageException.data(source + ":" + at.getLineNr() + ":" + at.getColumnNr() + ": " + message);
    }

    @Override
    public void close() throws StageException {
        try {
            in.close();
        } catch (IOException e) {
            throw StageException.io("cannot close " + source + ": " + IoReasons.of(e), e);
        }
    }
}
