package io.conveyor.plugin.expression.internal.eval;

import java.util.List;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

import io.conveyor.plugin.expression.internal.lang.Type;

/**
 * An expression compiled for batches of one schema. Not thread-safe: its kernels keep their
 * buffers from batch to batch; one task uses one instance.
 */
public final class CompiledExpression {

    private final Kernel root;
    private final Schema schema;
    private long epoch;

    CompiledExpression(Kernel root, Schema schema) {
        this.root = root;
        this.schema = schema;
    }

    /** The type of the expression's values. */
    public Type type() {
        return root.type;
    }

    /** The schema this was compiled for; batches must have it. */
    public Schema schema() {
        return schema;
    }

    /** The field a column of this expression's values is, named {@code name}. */
    public Field field(String name) {
        return new Field(name, FieldType.nullable(root.type.arrowType()), null);
    }

    private Vec evaluate(VectorSchemaRoot batch) throws EvalException {
        List<FieldVector> vectors = batch.getFieldVectors();
        return root.eval(new Frame(vectors.toArray(new FieldVector[0]), batch.getRowCount(), epoch++));
    }

    /**
     * Writes the indexes of the rows where this bool expression is true (not false, not null),
     * in order, into {@code selected}, which is at least the batch's row count long.
     *
     * @return how many rows were selected
     */
    public int select(VectorSchemaRoot batch, int[] selected) throws EvalException {
        int n = batch.getRowCount();
        for (int i = 0; i < n; i++) {
            selected[i] = i;
        }
        List<FieldVector> vectors = batch.getFieldVectors();
        return root.refine(new Frame(vectors.toArray(new FieldVector[0]), n, epoch++), selected, n);
    }

    /** A new vector of the expression's value for every row of {@code batch}; the caller owns it. */
    public FieldVector evaluate(VectorSchemaRoot batch, String name, BufferAllocator allocator) throws EvalException {
        return VecWriter.write(evaluate(batch), field(name), allocator);
    }
}
