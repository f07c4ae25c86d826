package io.conveyor.plugin.stream.internal.source;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

import io.conveyor.plugin.kit.column.ColumnType;
import io.conveyor.plugin.kit.column.NumberText;

/**
 * Collects the records a streaming source parses until they form a batch, and keeps the stream's
 * schema, which grows as the stream goes: a key seen for the first time adds a column at the end
 * (earlier batches simply lacked it; its earlier rows are not revisited), and a column's type is
 * the widest of every value it has held so far in the stream ({@link ColumnType#widen}: integers
 * and floats give float64, other mixes utf8 holding each value's text). A column that has held
 * only nulls so far has Arrow's null type. Not thread-safe.
 */
final class RecordTable {

    /** An object or array value, kept as its compact JSON text (a utf8 cell). */
    record JsonText(String json) {
    }

    private final List<String> names = new ArrayList<>();
    private final Map<String, Integer> indexes = new HashMap<>();
    private final List<ColumnType> types = new ArrayList<>();
    private final List<Object[]> rows = new ArrayList<>();
    private Object[] current;

    /** The index of a column, added if it is new. */
    int column(String name) {
        Integer index = indexes.get(name);
        if (index == null) {
            index = names.size();
            names.add(name);
            indexes.put(name, index);
            types.add(null);
        }
        return index;
    }

    void startRow() {
        current = new Object[names.size()];
    }

    /**
     * Sets a value of the row being built: {@code Long}, {@code Double}, {@code Boolean},
     * {@code String}, {@link JsonText} or {@code null}.
     */
    void set(int column, Object value) {
        if (column >= current.length) {
            current = Arrays.copyOf(current, names.size());
        }
        current[column] = value;
        if (value != null) {
            types.set(column, ColumnType.widen(types.get(column), typeOf(value)));
        }
    }

    void endRow() {
        rows.add(current);
        current = null;
    }

    int rowCount() {
        return rows.size();
    }

    /** The columns of the stream so far, with their types. */
    Schema schema() {
        List<Field> fields = new ArrayList<>(names.size());
        for (int c = 0; c < names.size(); c++) {
            ColumnType type = types.get(c);
            fields.add(type == null ? new Field(names.get(c), FieldType.nullable(ArrowType.Null.INSTANCE), null)
                    : type.field(names.get(c)));
        }
        return new Schema(fields);
    }

    /**
     * A batch of the rows collected since the last flush, with every column of the stream so far;
     * the caller owns it. */
    VectorSchemaRoot flush(BufferAllocator allocator) {
        Schema schema = schema();
        int count = rows.size();
        List<FieldVector> vectors = new ArrayList<>(names.size());
        try {
            for (int c = 0; c < names.size(); c++) {
                FieldVector vector = schema.getFields().get(c).createVector(allocator);
                vectors.add(vector);
                vector.setInitialCapacity(count);
                vector.allocateNew();
                fill(vector, c);
                vector.setValueCount(count);
            }
        } catch (RuntimeException e) {
            vectors.forEach(FieldVector::close);
            throw e;
        }
        rows.clear();
        VectorSchemaRoot batch = new VectorSchemaRoot(schema.getFields(), vectors);
        batch.setRowCount(count);
        return batch;
    }

    private void fill(FieldVector vector, int column) {
        for (int r = 0; r < rows.size(); r++) {
            Object[] row = rows.get(r);
            Object value = column < row.length ? row[column] : null;
            if (value == null) {
                continue;
            }
            if (vector instanceof BigIntVector longs) {
                longs.set(r, (Long) value);
            } else if (vector instanceof Float8Vector doubles) {
                doubles.set(r, ((Number) value).doubleValue());
            } else if (vector instanceof BitVector bits) {
                bits.set(r, (Boolean) value ? 1 : 0);
            } else if (vector instanceof VarCharVector text) {
                text.setSafe(r, text(value).getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static String text(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof JsonText json) {
            return json.json();
        }
        if (value instanceof Double d) {
            return NumberText.format(d);
        }
        return value.toString();
    }

    private static ColumnType typeOf(Object value) {
        if (value instanceof Long) {
            return ColumnType.INT64;
        }
        if (value instanceof Double) {
            return ColumnType.FLOAT64;
        }
        if (value instanceof Boolean) {
            return ColumnType.BOOL;
        }
        return ColumnType.UTF8;
    }
}
