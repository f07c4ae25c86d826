package io.conveyor.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Builds small batches for tests from a compact schema and rows:
 * <pre>{@code
 * Batches.of(allocator, "id:int64, name:utf8, price:float64, ok:bool",
 *         row(1, "pen", 1.5, true),
 *         row(2, null, 3.0, false));
 * }</pre>
 * Types are Conveyor's four: {@code int64}, {@code float64}, {@code bool}, {@code utf8}; every
 * column is nullable and {@code null} makes a null cell. The caller owns the batch.
 */
public final class Batches {

    private Batches() {
    }

    /** One row of values, for {@link #of}. */
    public static Object[] row(Object... values) {
        return values;
    }

    /** The Arrow schema for a compact description such as {@code "id:int64, name:utf8"}. */
    public static Schema schema(String columns) {
        List<Field> fields = new ArrayList<>();
        for (String column : columns.split(",")) {
            String[] parts = column.trim().split(":");
            if (parts.length != 2) {
                throw new IllegalArgumentException("expected name:type, got '" + column.trim() + "'");
            }
            fields.add(new Field(parts[0].trim(), FieldType.nullable(arrowType(parts[1].trim())), null));
        }
        return new Schema(fields);
    }

    private static ArrowType arrowType(String name) {
        return switch (name) {
            case "int64" -> new ArrowType.Int(64, true);
            case "float64" -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            case "bool" -> ArrowType.Bool.INSTANCE;
            case "utf8" -> ArrowType.Utf8.INSTANCE;
            default -> throw new IllegalArgumentException("unknown type '" + name + "': use int64, float64, bool or utf8");
        };
    }

    /** A batch with the given columns and rows, allocated from {@code allocator}. */
    public static VectorSchemaRoot of(BufferAllocator allocator, String columns, Object[]... rows) {
        VectorSchemaRoot root = VectorSchemaRoot.create(schema(columns), allocator);
        try {
            root.allocateNew();
            for (int r = 0; r < rows.length; r++) {
                if (rows[r].length != root.getFieldVectors().size()) {
                    throw new IllegalArgumentException("row " + r + " has " + rows[r].length + " values, expected "
                            + root.getFieldVectors().size());
                }
                for (int c = 0; c < rows[r].length; c++) {
                    set(root.getVector(c), r, rows[r][c]);
                }
            }
            root.setRowCount(rows.length);
            return root;
        } catch (RuntimeException e) {
            root.close();
            throw e;
        }
    }

    private static void set(FieldVector vector, int row, Object value) {
        if (value == null) {
            vector.setNull(row);
        } else if (vector instanceof BigIntVector v) {
            v.setSafe(row, ((Number) value).longValue());
        } else if (vector instanceof Float8Vector v) {
            v.setSafe(row, ((Number) value).doubleValue());
        } else if (vector instanceof BitVector v) {
            v.setSafe(row, (Boolean) value ? 1 : 0);
        } else if (vector instanceof VarCharVector v) {
            v.setSafe(row, ((String) value).getBytes(StandardCharsets.UTF_8));
        } else {
            throw new IllegalArgumentException("unsupported vector " + vector.getClass().getSimpleName());
        }
    }
}
