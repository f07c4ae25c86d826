package io.conveyor.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Renders batches as compact text for exact assertions. A schema renders as
 * {@code id:int64, name:utf8}; a row as {@code 1|"pen"|1.5|true|null}: strings quoted (so an
 * empty string and a null differ), floats as {@link Double#toString(double)}, nulls as
 * {@code null}.
 */
public final class BatchText {

    private BatchText() {
    }

    /** The schema of {@code batch}, e.g. {@code id:int64, name:utf8}. */
    public static String schema(VectorSchemaRoot batch) {
        return batch.getSchema().getFields().stream()
                .map(f -> f.getName() + ":" + typeName(f))
                .collect(Collectors.joining(", "));
    }

    /** Every row of every batch, in order. */
    public static List<String> rows(List<VectorSchemaRoot> batches) {
        List<String> rows = new ArrayList<>();
        for (VectorSchemaRoot batch : batches) {
            for (int r = 0; r < batch.getRowCount(); r++) {
                rows.add(row(batch, r));
            }
        }
        return rows;
    }

    /** The rows of one batch. */
    public static List<String> rows(VectorSchemaRoot batch) {
        return rows(List.of(batch));
    }

    /** One row, e.g. {@code 1|"pen"|1.5|true|null}. */
    public static String row(VectorSchemaRoot batch, int index) {
        StringBuilder sb = new StringBuilder();
        for (FieldVector vector : batch.getFieldVectors()) {
            if (sb.length() > 0) {
                sb.append('|');
            }
            sb.append(cell(vector, index));
        }
        return sb.toString();
    }

    private static String cell(FieldVector vector, int index) {
        if (vector.isNull(index)) {
            return "null";
        }
        if (vector instanceof VarCharVector v) {
            return '"' + new String(v.get(index), java.nio.charset.StandardCharsets.UTF_8) + '"';
        }
        if (vector instanceof BitVector v) {
            return v.get(index) == 1 ? "true" : "false";
        }
        return String.valueOf(vector.getObject(index));
    }

    /** Conveyor's name for a field's type: int64, float64, bool, utf8, or Arrow's own name. */
    public static String typeName(Field field) {
        ArrowType type = field.getType();
        if (type instanceof ArrowType.Int i && i.getBitWidth() == 64 && i.getIsSigned()) {
            return "int64";
        }
        if (type instanceof ArrowType.FloatingPoint f && f.getPrecision() == FloatingPointPrecision.DOUBLE) {
            return "float64";
        }
        if (type instanceof ArrowType.Bool) {
            return "bool";
        }
        if (type instanceof ArrowType.Utf8) {
            return "utf8";
        }
        return type.toString();
    }
}
