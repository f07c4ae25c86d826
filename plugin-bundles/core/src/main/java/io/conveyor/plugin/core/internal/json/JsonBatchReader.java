package io.conveyor.plugin.core.internal.json;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
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
import io.conveyor.plugin.core.internal.batch.BatchWriter;
import io.conveyor.plugin.core.internal.batch.ColumnType;

/**
 * Streams JSON objects as batches of {@link StageContext#batchSize()} rows, parsing
 * incrementally with jackson-core: the input is never loaded whole.
 *
 * <p>Schema: the first {@value #INFER_RECORDS} records decide it. Columns are the keys of those
 * records in order of first appearance (so the first record's key order leads); a record
 * lacking a key has null there. Types: integers int64, numbers with a fraction or exponent
 * float64 (integers and floats mixed widen to float64), booleans bool, strings utf8; objects and
 * arrays become utf8 cells holding compact JSON text; any other mix becomes utf8 holding each
 * value's JSON text. A later record with a key outside the schema, or with a value its column's
 * type cannot hold, is a DATA error naming the line, key and value.
 */
public final class JsonBatchReader implements SourceTask {

    /** How many records decide the schema. */
    public static final int INFER_RECORDS = 100;

    private record Row(int line, Map<String, Object> values) {
    }

    private final JsonFactory factory;
    private final InputStream in;
    private final JsonLayout layout;
    private final String source;
    private final StageContext context;
    private final ArrayDeque<Row> held = new ArrayDeque<>();
    private JsonParser parser;
    private List<String> names;
    private ColumnType[] types;
    private final Map<String, Integer> columnOf = new HashMap<>();
    private boolean started;
    private boolean ended;

    /**
     * @param in     the JSON bytes; closed by {@link #close()}: wrap a stream you must keep open
     * @param source how messages name the input: the path as configured, or {@code <stdin>}
     */
    public JsonBatchReader(JsonFactory factory, InputStream in, JsonLayout layout, String source,
            StageContext context) {
        this.factory = factory;
        this.in = in;
        this.layout = layout;
        this.source = source;
        this.context = context;
    }

    @Override
    public boolean produce(Emitter out) throws StageException {
        try {
            if (!started) {
                started = true;
                start();
            }
            if (names.isEmpty()) {
                return false;
            }
            int batchSize = context.batchSize();
            try (BatchWriter batch = new BatchWriter(names, List.of(types), context.allocator(), batchSize)) {
                Row row;
                while (batch.row() < batchSize && (row = next()) != null) {
                    fill(batch, row);
                    batch.endRow();
                }
                if (batch.row() == 0) {
                    return false;
                }
                boolean full = batch.row() == batchSize;
                out.emit(batch.finish());
                return full;
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr();
            throw StageException.data(source + where + ": invalid JSON: " + readable(e.getOriginalMessage()));
        } catch (IOException e) {
            throw StageException.io("cannot read " + source + ": " + e.getMessage(), e);
        }
    }

    /** Jackson's message without its "[Source: REDACTED ...]" noise around nested locations. */
    private static String readable(String message) {
        return message.replaceAll("\\[Source: [^;]*; line: (\\d+), column: (\\d+)]", "line $1, column $2");
    }

    private void start() throws IOException, StageException {
        parser = factory.createParser(in);
        if (layout == JsonLayout.RECORDS) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                ended = true;
            } else if (first != JsonToken.START_ARRAY) {
                throw unexpected("a JSON array of objects (format = \"records\")", first);
            }
        }
        Map<String, ColumnType> inferred = new LinkedHashMap<>();
        Row row;
        while (held.size() < INFER_RECORDS && (row = parseRecord()) != null) {
            held.add(row);
            // a null value still adds its key; it just does not vote on the type
            row.values().forEach((key, value) -> inferred.put(key,
                    ColumnType.widen(inferred.get(key), JsonValues.typeOf(value))));
        }
        names = List.copyOf(inferred.keySet());
        types = new ColumnType[names.size()];
        for (int i = 0; i < types.length; i++) {
            ColumnType type = inferred.get(names.get(i));
            types[i] = type == null ? ColumnType.UTF8 : type;
            columnOf.put(names.get(i), i);
        }
    }

    private Row next() throws IOException, StageException {
        return held.isEmpty() ? parseRecord() : held.poll();
    }

    private Row parseRecord() throws IOException, StageException {
        if (ended) {
            return null;
        }
        JsonToken token = parser.nextToken();
        if (token == null || (layout == JsonLayout.RECORDS && token == JsonToken.END_ARRAY)) {
            if (token == JsonToken.END_ARRAY && parser.nextToken() != null) {
                throw unexpected("the end of the input after the array", parser.currentToken());
            }
            ended = true;
            return null;
        }
        if (token != JsonToken.START_OBJECT) {
            throw unexpected("an object", token);
        }
        int line = parser.currentTokenLocation().getLineNr();
        Map<String, Object> values = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            parser.nextToken();
            values.put(key, JsonValues.read(parser, factory));
        }
        return new Row(line, values);
    }

    private StageException unexpected(String expected, JsonToken found) {
        JsonLocation at = parser.currentTokenLocation();
        return StageException.data(source + ":" + at.getLineNr() + ":" + at.getColumnNr() + ": expected "
                + expected + ", found " + describe(found));
    }

    private static String describe(JsonToken token) {
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

    private void fill(BatchWriter batch, Row row) throws StageException {
        for (Map.Entry<String, Object> entry : row.values().entrySet()) {
            Integer column = columnOf.get(entry.getKey());
            if (column == null) {
                throw StageException.data(source + ":" + row.line() + ": key '" + entry.getKey()
                        + "' is not in the schema inferred from the first " + INFER_RECORDS + " records");
            }
            Object value = entry.getValue();
            if (value == null) {
                continue;
            }
            switch (types[column]) {
                case INT64 -> {
                    if (!(value instanceof Long l)) {
                        throw mismatch(row, column, value);
                    }
                    batch.setLong(column, l);
                }
                case FLOAT64 -> {
                    if (!(value instanceof Long || value instanceof Double)) {
                        throw mismatch(row, column, value);
                    }
                    batch.setDouble(column, ((Number) value).doubleValue());
                }
                case BOOL -> {
                    if (!(value instanceof Boolean b)) {
                        throw mismatch(row, column, value);
                    }
                    batch.setBoolean(column, b);
                }
                case UTF8 -> batch.setString(column, value instanceof String s ? s : JsonValues.toJson(value));
            }
        }
    }

    private StageException mismatch(Row row, int column, Object value) {
        return StageException.data(source + ":" + row.line() + ": key '" + names.get(column) + "' holds "
                + JsonValues.toJson(value) + ", which is not " + types[column].displayName()
                + " (the type inferred from the first " + INFER_RECORDS + " records)");
    }

    @Override
    public void close() throws StageException {
        try {
            if (parser != null) {
                parser.close();
            }
            in.close();
        } catch (IOException e) {
            throw StageException.io("cannot close " + source + ": " + e.getMessage(), e);
        }
    }
}
