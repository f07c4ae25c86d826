package io.conveyor.plugin.reshape.internal;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.TimeStampMilliTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Builds test batches column by column with the types {@code Batches} does not have: int32,
 * float32, large_utf8, date (days), timestamp (microseconds, no zone; milliseconds in UTC). A
 * {@code null} value makes a null cell; every column must have the same number of values.
 */
public final class TypedBatch {

    private final BufferAllocator allocator;
    private final List<FieldVector> vectors = new ArrayList<>();

    private TypedBatch(BufferAllocator allocator) {
        this.allocator = allocator;
    }

    public static TypedBatch with(BufferAllocator allocator) {
        return new TypedBatch(allocator);
    }

    public TypedBatch int32(String name, Integer... values) {
        IntVector v = new IntVector(name, allocator);
        return add(v, values.length, (r) -> {
            if (values[r] != null) {
                v.setSafe(r, values[r]);
            }
        });
    }

    public TypedBatch int64(String name, Long... values) {
        BigIntVector v = new BigIntVector(name, allocator);
        return add(v, values.length, r -> {
            if (values[r] != null) {
                v.setSafe(r, values[r]);
            }
        });
    }

    public TypedBatch float32(String name, Float... values) {
        Float4Vector v = new Float4Vector(name, allocator);
        return add(v, values.length, r -> {
            if (values[r] != null) {
                v.setSafe(r, values[r]);
            }
        });
    }

    public TypedBatch float64(String name, Double... values) {
        Float8Vector v = new Float8Vector(name, allocator);
        return add(v, values.length, r -> {
            if (values[r] != null) {
                v.setSafe(r, values[r]);
            }
        });
    }

    public TypedBatch bool(String name, Boolean... values) {
        BitVector v = new BitVector(name, allocator);
        return add(v, values.length, r -> {
            if (values[r] != null) {
                v.setSafe(r, values[r] ? 1 : 0);
            }
        });
    }

    public TypedBatch utf8(String name, String... values) {
        VarCharVector v = new VarCharVector(name, allocator);
        return add(v, values.length, r -> {
            if (values[r] != null) {
                v.setSafe(r, values[r].getBytes(StandardCharsets.UTF_8));
            }
        });
    }

    public TypedBatch largeUtf8(String name, String... values) {
        LargeVarCharVector v = new LargeVarCharVector(name, allocator);
        return add(v, values.length, r -> {
            if (values[r] != null) {
                v.setSafe(r, values[r].getBytes(StandardCharsets.UTF_8));
            }
        });
    }

    /** ISO dates such as {@code 2024-02-29}. */
    public TypedBatch date(String name, String... values) {
        DateDayVector v = new DateDayVector(name, allocator);
        return add(v, values.length, r -> {
            if (values[r] != null) {
                v.setSafe(r, (int) LocalDate.parse(values[r]).toEpochDay());
            }
        });
    }

    /** ISO local date-times such as {@code 2024-02-29T10:15:30.5}, as microseconds without a zone. */
    public TypedBatch timestamp(String name, String... values) {
        TimeStampMicroVector v = new TimeStampMicroVector(name, allocator);
        return add(v, values.length, r -> {
            if (values[r] != null) {
                LocalDateTime t = LocalDateTime.parse(values[r]);
                v.setSafe(r, t.toEpochSecond(ZoneOffset.UTC) * 1_000_000 + t.getNano() / 1000);
            }
        });
    }

    /** ISO local date-times read as UTC, as milliseconds with the zone {@code UTC}. */
    public TypedBatch timestampMillisUtc(String name, String... values) {
        TimeStampMilliTZVector v = new TimeStampMilliTZVector(name, allocator, "UTC");
        return add(v, values.length, r -> {
            if (values[r] != null) {
                LocalDateTime t = LocalDateTime.parse(values[r]);
                v.setSafe(r, t.toEpochSecond(ZoneOffset.UTC) * 1000 + t.getNano() / 1_000_000);
            }
        });
    }

    private interface Setter {
        void set(int row);
    }

    private TypedBatch add(FieldVector vector, int rows, Setter setter) {
        vectors.add(vector);
        vector.allocateNew();
        for (int r = 0; r < rows; r++) {
            setter.set(r);
            if (vector.isNull(r)) {
                vector.setNull(r);
            }
        }
        vector.setValueCount(rows);
        return this;
    }

    /** The batch; the caller owns it. */
    public VectorSchemaRoot build() {
        int rows = vectors.isEmpty() ? 0 : vectors.get(0).getValueCount();
        for (FieldVector vector : vectors) {
            if (vector.getValueCount() != rows) {
                vectors.forEach(FieldVector::close);
                throw new IllegalArgumentException("column " + vector.getName() + " has " + vector.getValueCount()
                        + " values, expected " + rows);
            }
        }
        VectorSchemaRoot root = new VectorSchemaRoot(vectors);
        root.setRowCount(rows);
        return root;
    }
}
