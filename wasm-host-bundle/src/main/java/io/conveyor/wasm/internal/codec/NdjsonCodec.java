package io.conveyor.wasm.internal.codec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.arrow.memory.BufferAllocator;
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
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;

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
            for (int row = 0; row < batch.getRowCount(); row++) {
                json.writeStartObject();
                for (FieldVector column : columns) {
                    json.writeFieldName(column.getName());
                    writeValue(json, column.getObject(row));
                }
                json.writeEndObject();
                json.writeRaw('\n');
            }
        } catch (IOException e) {
            throw StageException.io("cannot encode a batch as JSON lines: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
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
        List<Map<String, JsonNode>> rows = parse(bytes);
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, ArrowType> types = inferTypes(rows);
        List<FieldVector> vectors = new ArrayList<>();
        try {
            for (Map.Entry<String, ArrowType> column : types.entrySet()) {
                vectors.add(fill(column.getKey(), column.getValue(), rows, allocator));
            }
        } catch (RuntimeException e) {
            vectors.forEach(FieldVector::close);
            throw e;
        }
        VectorSchemaRoot batch = new VectorSchemaRoot(vectors);
        batch.setRowCount(rows.size());
        return List.of(batch);
    }

    private static List<Map<String, JsonNode>> parse(byte[] bytes) throws StageException {
        List<Map<String, JsonNode>> rows = new ArrayList<>();
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            JsonNode row;
            try {
                row = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                throw new StageException(ErrorCode.PLUGIN, null, "line " + (i + 1) + " of its output is not JSON: "
                        + e.getOriginalMessage(), e);
            }
            if (!row.isObject()) {
                throw new StageException(ErrorCode.PLUGIN, "line " + (i + 1) + " of its output is not a JSON object");
            }
            Map<String, JsonNode> fields = new LinkedHashMap<>();
            row.fields().forEachRemaining(field -> fields.put(field.getKey(), field.getValue()));
            rows.add(fields);
        }
        return rows;
    }

    private static final ArrowType INT64 = new ArrowType.Int(64, true);
    private static final ArrowType FLOAT64 = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);

    private static Map<String, ArrowType> inferTypes(List<Map<String, JsonNode>> rows) {
        Map<String, ArrowType> types = new LinkedHashMap<>();
        for (Map<String, JsonNode> row : rows) {
            for (Map.Entry<String, JsonNode> field : row.entrySet()) {
                JsonNode value = field.getValue();
                if (value.isNull()) {
                    types.putIfAbsent(field.getKey(), null);
                    continue;
                }
                types.merge(field.getKey(), typeOf(value), NdjsonCodec::widen);
            }
        }
        types.replaceAll((name, type) -> type == null ? ArrowType.Utf8.INSTANCE : type);
        return types;
    }

    private static ArrowType typeOf(JsonNode value) {
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return INT64;
        }
        if (value.isNumber()) {
            return FLOAT64;
        }
        return value.getNodeType() == JsonNodeType.BOOLEAN ? ArrowType.Bool.INSTANCE : ArrowType.Utf8.INSTANCE;
    }

    private static ArrowType widen(ArrowType seen, ArrowType next) {
        if (seen == null || seen.equals(next)) {
            return next;
        }
        boolean numbers = (seen.equals(INT64) || seen.equals(FLOAT64)) && (next.equals(INT64) || next.equals(FLOAT64));
        return numbers ? FLOAT64 : ArrowType.Utf8.INSTANCE;
    }

    private static FieldVector fill(String name, ArrowType type, List<Map<String, JsonNode>> rows,
            BufferAllocator allocator) {
        FieldVector vector = FieldType.nullable(type).createNewSingleVector(name, allocator, null);
        vector.setInitialCapacity(rows.size());
        vector.allocateNew();
        for (int r = 0; r < rows.size(); r++) {
            JsonNode value = rows.get(r).get(name);
            if (value == null || value.isNull()) {
                vector.setNull(r);
            } else if (vector instanceof BigIntVector longs) {
                longs.setSafe(r, value.longValue());
            } else if (vector instanceof Float8Vector doubles) {
                doubles.setSafe(r, value.doubleValue());
            } else if (vector instanceof BitVector bits) {
                bits.setSafe(r, value.booleanValue() ? 1 : 0);
            } else {
                String text = value.isTextual() ? value.textValue() : value.toString();
                ((VarCharVector) vector).setSafe(r, text.getBytes(StandardCharsets.UTF_8));
            }
        }
        vector.setValueCount(rows.size());
        return vector;
    }
}
