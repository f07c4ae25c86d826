package io.conveyor.plugin.core.internal.json;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;

import io.conveyor.api.stage.Emitter;
import io.conveyor.api.stage.SourceTask;
import io.conveyor.api.stage.StageContext;
import io.conveyor.api.stage.StageException;
import io.conveyor.plugin.kit.column.BatchWriter;
import io.conveyor.plugin.kit.column.ColumnType;
import io.conveyor.plugin.kit.file.IoReasons;

/**
 * Streams JSON objects as batches of {@link StageContext#batchSize()} rows, reading the input
 * only as batches need it: it is never loaded whole. The objects come from one JSON array
 * ({@link #array}) or from JSON lines ({@link #lines}).
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

    private final JsonRecords records;
    private final String source;
    private final StageContext context;
    private final ArrayDeque<JsonRecord> held = new ArrayDeque<>();
    private List<String> names;
    private ColumnType[] types;
    private final Map<String, Integer> columnOf = new HashMap<>();
    private boolean started;

    private JsonBatchReader(JsonRecords records, String source, StageContext context) {
        this.records = records;
        this.source = source;
        this.context = context;
    }

    /**
     * Reads one JSON array of objects.
     *
     * @param in            the JSON bytes; closed by {@link #close()}: wrap a stream you must keep open
     * @param source        how messages name the input: the path as configured, or {@code <stdin>}
     * @param formatSetting the stage setting that chose an array, for messages: {@code format = "records"}
     */
    public static JsonBatchReader array(JsonFactory factory, InputStream in, String source, String formatSetting,
            StageContext context) {
        return new JsonBatchReader(new JsonArrayRecords(factory, in, source, formatSetting), source, context);
    }

    /**
     * Reads JSON lines: one object per non-blank line.
     *
     * @param in     the UTF-8 bytes; closed by {@link #close()}: wrap a stream you must keep open
     * @param source how messages name the input: the path as configured, or {@code <stdin>}
     */
    public static JsonBatchReader lines(JsonFactory factory, InputStream in, String source, StageContext context) {
        return new JsonBatchReader(new JsonLineRecords(factory, in, source), source, context);
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
                JsonRecord record;
                while (batch.row() < batchSize && (record = next()) != null) {
                    fill(batch, record);
                    batch.endRow();
                }
                if (batch.row() == 0) {
                    return false;
                }
                boolean full = batch.row() == batchSize;
                out.emit(batch.finish());
                return full;
            }
        } catch (IOException e) {
            throw StageException.io("cannot read " + source + ": " + IoReasons.of(e), e);
        }
    }

    private void start() throws IOException, StageException {
        Map<String, ColumnType> inferred = new LinkedHashMap<>();
        JsonRecord record;
        while (held.size() < INFER_RECORDS && (record = records.next()) != null) {
            held.add(record);
            // a null value still adds its key; it just does not vote on the type
            record.values().forEach((key, value) -> inferred.put(key,
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

    private JsonRecord next() throws IOException, StageException {
        return held.isEmpty() ? records.next() : held.poll();
    }

    private void fill(BatchWriter batch, JsonRecord row) throws StageException {
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

    private StageException mismatch(JsonRecord row, int column, Object value) {
        return StageException.data(source + ":" + row.line() + ": key '" + names.get(column) + "' holds "
                + JsonValues.toJson(value) + ", which is not " + types[column].displayName()
                + " (the type inferred from the first " + INFER_RECORDS + " records)");
    }

    @Override
    public void close() throws StageException {
        try {
            records.close();
        } catch (IOException e) {
            throw StageException.io("cannot close " + source + ": " + IoReasons.of(e), e);
        }
    }
}
