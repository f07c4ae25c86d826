package io.conveyor.plugin.parquet.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.UInt2Vector;
import org.apache.arrow.vector.UInt4Vector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

import io.conveyor.api.stage.StageException;
import io.conveyor.plugin.parquet.internal.read.ParquetReadSource;
import io.conveyor.plugin.parquet.internal.write.ParquetWriteSink;
import io.conveyor.testing.CollectingEmitter;
import io.conveyor.testing.Runs;
import io.conveyor.testing.TestConfig;
import io.conveyor.testing.TestContext;

/**
 * Writing and reading Parquet files through the stages, and rendering batches of any column
 * type as text for exact assertions: strings quoted, bytes in hex, anything else as Arrow's
 * {@code getObject} shows it, {@code null} for a null.
 */
public final class Tables {

    private Tables() {
    }

    /** Runs {@code parquet.write} over {@code batches} with {@code path} and the other key/value pairs. */
    public static void write(Path dir, TestContext context, String path, List<VectorSchemaRoot> batches,
            Object... keyValues) throws StageException {
        ParquetWriteSink sink = new ParquetWriteSink();
        Runs.sink(sink, config(sink.descriptor(), dir, path, keyValues), context,
                batches.toArray(VectorSchemaRoot[]::new));
    }

    /** Runs {@code parquet.read} to its end; the caller closes the emitter. */
    public static CollectingEmitter read(Path dir, TestContext context, String path, Object... keyValues)
            throws StageException {
        ParquetReadSource source = new ParquetReadSource();
        return Runs.source(source, config(source.descriptor(), dir, path, keyValues), context);
    }

    public static TestConfig config(io.conveyor.api.stage.StageDescriptor descriptor, Path dir, String path,
            Object... keyValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("path", path);
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put((String) keyValues[i], keyValues[i + 1]);
        }
        return TestConfig.of(descriptor, values, dir);
    }

    /** {@code name:type, ...} with Arrow's own type names except int64, float64, bool and utf8. */
    public static String schema(Schema schema) {
        List<String> fields = new ArrayList<>();
        for (Field field : schema.getFields()) {
            fields.add(field.getName() + ":" + io.conveyor.testing.BatchText.typeName(field));
        }
        return String.join(", ", fields);
    }

    /** Every row of every batch as {@code cell|cell|...}. */
    public static List<String> rows(List<VectorSchemaRoot> batches) {
        List<String> rows = new ArrayList<>();
        for (VectorSchemaRoot batch : batches) {
            for (int r = 0; r < batch.getRowCount(); r++) {
                List<String> cells = new ArrayList<>();
                for (FieldVector vector : batch.getFieldVectors()) {
                    cells.add(cell(vector, r));
                }
                rows.add(String.join("|", cells));
            }
        }
        return rows;
    }

    private static String cell(FieldVector vector, int row) {
        if (vector.isNull(row)) {
            return "null";
        }
        if (vector instanceof VarCharVector v) {
            return '"' + new String(v.get(row), java.nio.charset.StandardCharsets.UTF_8) + '"';
        }
        Object value = unsigned(vector, row);
        if (value instanceof byte[] bytes) {
            return "0x" + HexFormat.of().formatHex(bytes);
        }
        return String.valueOf(value);
    }

    /** Unsigned cells as their unsigned value (Arrow's getObject shows them signed, or as a char). */
    private static Object unsigned(FieldVector vector, int row) {
        if (vector instanceof UInt1Vector v) {
            return v.getObjectNoOverflow(row);
        }
        if (vector instanceof UInt2Vector v) {
            return (int) v.get(row);
        }
        if (vector instanceof UInt4Vector v) {
            return v.getObjectNoOverflow(row);
        }
        if (vector instanceof UInt8Vector v) {
            return v.getObjectNoOverflow(row);
        }
        return vector.getObject(row);
    }

    /** A nullable field. */
    public static Field field(String name, ArrowType type) {
        return new Field(name, FieldType.nullable(type), null);
    }

    /** An empty batch of {@code fields}, allocated for {@code rows} rows, to fill with {@code setSafe}. */
    public static VectorSchemaRoot batch(BufferAllocator allocator, List<Field> fields) {
        VectorSchemaRoot batch = VectorSchemaRoot.create(new Schema(fields), allocator);
        batch.allocateNew();
        return batch;
    }
}
