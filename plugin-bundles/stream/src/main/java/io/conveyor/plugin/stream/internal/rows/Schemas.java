package io.conveyor.plugin.stream.internal.rows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.FloatingPointVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.TransferPair;

/**
 * Schemas of a stream whose batches do not all have the same columns: the streaming sources add a
 * column when a new key shows up and widen a column's type when a value needs it, so a stage that
 * keeps rows across batches brings them to the union of what it has seen.
 *
 * <p>Widening: equal types stay; the null type (a column with no value yet) takes the other
 * type; integers of any width widen to int64, integers and floats to float64; any other mix
 * becomes utf8, holding each value's text.
 */
public final class Schemas {

    private static final ArrowType INT64 = new ArrowType.Int(64, true);
    private static final ArrowType FLOAT64 = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);

    private Schemas() {
    }

    /** The columns of {@code a} in order, then those only {@code b} has; types widened. */
    public static Schema union(Schema a, Schema b) {
        Map<String, Field> fields = new LinkedHashMap<>();
        a.getFields().forEach(f -> fields.put(f.getName(), f));
        for (Field field : b.getFields()) {
            fields.merge(field.getName(), field, Schemas::widen);
        }
        return new Schema(new ArrayList<>(fields.values()));
    }

    /** A field, named as {@code a}, able to hold the values of both. */
    static Field widen(Field a, Field b) {
        if (sameType(a, b)) {
            return a;
        }
        if (a.getType() instanceof ArrowType.Null) {
            return rename(b, a.getName());
        }
        if (b.getType() instanceof ArrowType.Null) {
            return a;
        }
        boolean aInt = a.getType() instanceof ArrowType.Int;
        boolean bInt = b.getType() instanceof ArrowType.Int;
        boolean aNumber = aInt || a.getType() instanceof ArrowType.FloatingPoint;
        boolean bNumber = bInt || b.getType() instanceof ArrowType.FloatingPoint;
        if (aInt && bInt) {
            return nullable(a.getName(), INT64);
        }
        if (aNumber && bNumber) {
            return nullable(a.getName(), FLOAT64);
        }
        return nullable(a.getName(), ArrowType.Utf8.INSTANCE);
    }

    private static boolean sameType(Field a, Field b) {
        return a.getType().equals(b.getType()) && a.getChildren().equals(b.getChildren());
    }

    private static Field rename(Field field, String name) {
        return new Field(name, field.getFieldType(), field.getChildren());
    }

    private static Field nullable(String name, ArrowType type) {
        return new Field(name, FieldType.nullable(type), null);
    }

    /** Whether {@code batch} has exactly the columns and types of {@code schema}, in its order. */
    public static boolean matches(VectorSchemaRoot batch, Schema schema) {
        List<Field> have = batch.getSchema().getFields();
        List<Field> want = schema.getFields();
        if (have.size() != want.size()) {
            return false;
        }
        for (int i = 0; i < have.size(); i++) {
            if (!have.get(i).getName().equals(want.get(i).getName()) || !sameType(have.get(i), want.get(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * A new batch with the rows of {@code batch} in the columns of {@code target}, which must be
     * a widening of the batch's schema ({@link #union}): a column the batch lacks is null, a column
     * of another type is converted. Columns of the same type share the batch's memory. The caller
     * owns the result; {@code batch} is only read.
     */
    public static VectorSchemaRoot conform(VectorSchemaRoot batch, Schema target, BufferAllocator allocator) {
        int rows = batch.getRowCount();
        List<FieldVector> vectors = new ArrayList<>();
        try {
            for (Field field : target.getFields()) {
                FieldVector from = batch.getVector(field.getName());
                vectors.add(column(from, field, rows, allocator));
            }
        } catch (RuntimeException e) {
            vectors.forEach(FieldVector::close);
            throw e;
        }
        VectorSchemaRoot root = new VectorSchemaRoot(vectors);
        root.setRowCount(rows);
        return root;
    }

    private static FieldVector column(FieldVector from, Field field, int rows, BufferAllocator allocator) {
        if (from != null && sameType(from.getField(), field)) {
            TransferPair pair = from.getTransferPair(field.getName(), allocator);
            pair.splitAndTransfer(0, rows);
            return (FieldVector) pair.getTo();
        }
        FieldVector to = field.createVector(allocator);
        try {
            to.setInitialCapacity(rows);
            to.allocateNew();
            if (from != null) {
                convert(from, to, rows);
            }
            to.setValueCount(rows);
            return to;
        } catch (RuntimeException e) {
            to.close();
            throw e;
        }
    }

    private static void convert(FieldVector from, FieldVector to, int rows) {
        for (int r = 0; r < rows; r++) {
            if (from.isNull(r)) {
                continue;
            }
            if (to instanceof BigIntVector longs) {
                longs.setSafe(r, ((BaseIntVector) from).getValueAsLong(r));
            } else if (to instanceof Float8Vector doubles) {
                doubles.setSafe(r, from instanceof BaseIntVector ints ? ints.getValueAsLong(r)
                        : ((FloatingPointVector) from).getValueAsDouble(r));
            } else if (to instanceof VarCharVector text) {
                text.setSafe(r, CellJson.text(from, r).getBytes(StandardCharsets.UTF_8));
            } else {
                throw new IllegalStateException("cannot convert " + from.getField() + " to " + to.getField());
            }
        }
    }
}
