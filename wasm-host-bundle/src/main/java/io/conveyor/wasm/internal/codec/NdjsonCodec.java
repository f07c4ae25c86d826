package io.conveyor.wasm.internal.codec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.util.Text;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.conveyor.api.stage.ErrorCode;
import io.conveyor.api.stage.StageException;

/**
 * Batches as JSON lines: one object per row, fields in column order. Going in, integers and
 * floats are numbers, dates and timestamps ISO-8601 strings, lists arrays and structs objects.
 * Coming back, each field's column type is inferred from that batch's values: all integers give
 * int64, numbers with a fraction float64, booleans bool, anything else (or a mix) utf8, with
 * arrays and objects as their JSON text; fields keep the order they first appear in.
 */
public final class NdjsonCodec implements BatchCodec {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(JsonParser.Feature.USE_FAST_DOUBLE_PARSER, true);
    private static final DateTimeFormatter LOCAL_TIMESTAMP = DateTimeFormatter.ISO_LOCAL_DATE_TIME;

    @Override
    public byte[] encode(VectorSchemaRoot batch) throws StageException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * Math.max(1, batch.getRowCount()));
        List<FieldVector> columns = batch.getFieldVectors();
        try (JsonGenerator json = JSON.getFactory().createGenerator(bytes)) {
            json.setRootValueSeparator(null);
            List<CellWriter> writers = new ArrayList<>();
            for (FieldVector column : columns) {
                writers.add(CellWriter.of(column));
            }
            for (int row = 0; row < batch.getRowCount(); row++) {
                json.writeStartObject();
                for (CellWriter writer : writers) {
                    writer.write(json, row);
                }
                json.writeEndObject();
                json.writeRaw('\n');
            }
        } catch (IOException e) {
            throw StageException.io("cannot encode a batch as JSON lines: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    /**
     * Writes one column's cell as a field of the row's object, reading the vector directly for
     * the common types (no boxing, strings copied as UTF-8 bytes), through {@code getObject} for
     * the rest.
     */
    private abstract static class CellWriter {
        private final SerializedString name;
        final FieldVector vector;

        CellWriter(FieldVector vector) {
            this.name = new SerializedString(vector.getName());
            this.vector = vector;
        }

        static CellWriter of(FieldVector vector) {
            if (vector instanceof VarCharVector text) {
                return new CellWriter(vector) {
                    private byte[] buffer = new byte[256];

                    @Override
                    void value(JsonGenerator json, int row) throws IOException {
                        int start = text.getStartOffset(row);
                        int length = text.getEndOffset(row) - start;
                        if (buffer.length < length) {
                            buffer = new byte[Math.max(length, buffer.length * 2)];
                        }
                        text.getDataBuffer().getBytes(start, buffer, 0, length);
                        json.writeUTF8String(buffer, 0, length);
                    }
                };
            }
            if (vector instanceof BaseIntVector integers) {
                return new CellWriter(vector) {
                    @Override
                    void value(JsonGenerator json, int row) throws IOException {
                        json.writeNumber(integers.getValueAsLong(row));
                    }
                };
            }
            if (vector instanceof Float8Vector doubles) {
                return new CellWriter(vector) {
                    @Override
                    void value(JsonGenerator json, int row) throws IOException {
                        json.writeNumber(doubles.get(row));
                    }
                };
            }
            if (vector instanceof BitVector bits) {
                return new CellWriter(vector) {
                    @Override
                    void value(JsonGenerator json, int row) throws IOException {
                        json.writeBoolean(bits.get(row) == 1);
                    }
                };
            }
            return new CellWriter(vector) {
                @Override
                void value(JsonGenerator json, int row) throws IOException {
                    writeValue(json, vector.getObject(row));
                }
            };
        }

        final void write(JsonGenerator json, int row) throws IOException {
            json.writeFieldName(name);
            if (vector.isNull(row)) {
                json.writeNull();
            } else {
                value(json, row);
            }
        }

        abstract void value(JsonGenerator json, int row) throws IOException;
    }

    private static void writeValue(JsonGenerator json, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof Text text) {
            json.writeString(text.toString());
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte) {
            json.writeNumber(((Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            json.writeNumber(((Number) value).doubleValue());
        } else if (value instanceof BigDecimal decimal) {
            json.writeNumber(decimal);
        } else if (value instanceof Boolean bool) {
            json.writeBoolean(bool);
        } else if (value instanceof LocalDateTime timestamp) {
            json.writeString(LOCAL_TIMESTAMP.format(timestamp));
        } else if (value instanceof LocalDate || value instanceof CharSequence) {
            json.writeString(value.toString());
        } else if (value instanceof List<?> list) {
            json.writeStartArray();
            for (Object item : list) {
                writeValue(json, item);
            }
            json.writeEndArray();
        } else if (value instanceof Map<?, ?> map) {
            json.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                json.writeFieldName(String.valueOf(entry.getKey()));
                writeValue(json, entry.getValue());
            }
            json.writeEndObject();
        } else {
            json.writeString(value.toString());
        }
    }

    @Override
    public List<VectorSchemaRoot> decode(byte[] bytes, BufferAllocator allocator) throws StageException {
        Map<String, Column> columns = parse(bytes);
        int rows = columns.isEmpty() ? 0 : columns.values().iterator().next().rows;
        if (rows == 0) {
            return List.of();
        }
        List<FieldVector> vectors = new ArrayList<>();
        try {
            for (Column column : columns.values()) {
                vectors.add(fill(column, rows, allocator));
            }
        } catch (RuntimeException e) {
            vectors.forEach(FieldVector::close);
            throw e;
        }
        VectorSchemaRoot batch = new VectorSchemaRoot(vectors);
        batch.setRowCount(rows);
        return List.of(batch);
    }

    /** Reads every row with one streaming parser into columns of values; every column has every row. */
    private static Map<String, Column> parse(byte[] bytes) throws StageException {
        Map<String, Column> columns = new LinkedHashMap<>();
        int rows = 0;
        try (JsonParser parser = JSON.getFactory().createParser(bytes)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token != JsonToken.START_OBJECT) {
                    throw new StageException(ErrorCode.PLUGIN, "line " + parser.currentLocation().getLineNr()
                            + " of its output is not a JSON object");
                }
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    Column column = columns.computeIfAbsent(name, Column::new);
                    parser.nextToken();
                    column.set(rows, value(parser));
                }
                rows++;
            }
        } catch (JsonProcessingException e) {
            throw new StageException(ErrorCode.PLUGIN, null, "line " + e.getLocation().getLineNr()
                    + " of its output is not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw StageException.io("cannot read the output: " + e.getMessage(), e);
        }
        for (Column column : columns.values()) {
            column.rows = rows;
        }
        return columns;
    }

    /** The current value: a Long, Double, Boolean or String, JSON text for arrays and objects, null for null. */
    private static Object value(JsonParser parser) throws IOException {
        return switch (parser.currentToken()) {
            case VALUE_NULL -> null;
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NUMBER_INT -> parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? parser.getText() : (Object) parser.getLongValue();
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case START_ARRAY, START_OBJECT -> JSON.readTree(parser).toString();
            default -> parser.getText();
        };
    }

    /** One field's values by row, and the type they add up to. */
    private static final class Column {
        final String name;
        Object[] values = new Object[1024];
        ArrowType type;
        int rows;

        Column(String name) {
            this.name = name;
        }

        void set(int row, Object value) {
            if (row >= values.length) {
                values = Arrays.copyOf(values, Math.max(row + 1, values.length * 2));
            }
            values[row] = value;
            if (value != null) {
                type = widen(type, typeOf(value));
            }
        }

        Object get(int row) {
            return row < values.length ? values[row] : null;
        }
    }

    private static final ArrowType INT64 = new ArrowType.Int(64, true);
    private static final ArrowType FLOAT64 = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);

    private static ArrowType typeOf(Object value) {
        if (value instanceof Long) {
            return INT64;
        }
        if (value instanceof Double) {
            return FLOAT64;
        }
        return value instanceof Boolean ? ArrowType.Bool.INSTANCE : ArrowType.Utf8.INSTANCE;
    }

    private static ArrowType widen(ArrowType seen, ArrowType next) {
        if (seen == null || seen.equals(next)) {
            return next;
        }
        boolean numbers = (seen.equals(INT64) || seen.equals(FLOAT64)) && (next.equals(INT64) || next.equals(FLOAT64));
        return numbers ? FLOAT64 : ArrowType.Utf8.INSTANCE;
    }

    private static FieldVector fill(Column column, int rows, BufferAllocator allocator) {
        ArrowType type = column.type == null ? ArrowType.Utf8.INSTANCE : column.type;
        FieldVector vector = FieldType.nullable(type).createNewSingleVector(column.name, allocator, null);
        vector.setInitialCapacity(rows);
        vector.allocateNew();
        for (int r = 0; r < rows; r++) {
            Object value = column.get(r);
            if (value == null) {
                vector.setNull(r);
            } else if (vector instanceof BigIntVector longs) {
                longs.setSafe(r, (Long) value);
            } else if (vector instanceof Float8Vector doubles) {
                doubles.setSafe(r, ((Number) value).doubleValue());
            } else if (vector instanceof BitVector bits) {
                bits.setSafe(r, (Boolean) value ? 1 : 0);
            } else {
                ((VarCharVector) vector).setSafe(r, String.valueOf(value).getBytes(StandardCharsets.UTF_8));
            }
        }
        vector.setValueCount(rows);
        return vector;
    }
}
