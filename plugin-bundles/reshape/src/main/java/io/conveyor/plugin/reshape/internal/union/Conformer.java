package io.conveyor.plugin.reshape.internal.union;

import java.util.ArrayList;
import java.util.List;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

import io.conveyor.api.stage.StageException;
import io.conveyor.plugin.reshape.internal.common.Columns;
import io.conveyor.plugin.reshape.internal.common.Vectors;
import io.conveyor.plugin.reshape.internal.convert.Conversion;
import io.conveyor.plugin.reshape.internal.convert.Conversions;
import io.conveyor.plugin.reshape.internal.convert.Failures;

/**
 * Makes the batches of one input fit the union's output schema: columns in output order, those
 * of the output's type shared, the others widened, the missing ones null. A plan is made per
 * batch schema and kept while batches come with the same one.
 */
final class Conformer {

    /** Widening never fails; a failure would be a bug in the widening rules. */
    private static final Failures NEVER = (row, value, why) -> {
        throw new IllegalStateException("widening failed on " + value);
    };

    private final String input;
    private final Schema output;
    private Schema planned;
    private int[] sources;
    private Conversion[] conversions;

    Conformer(String input, Schema output) {
        this.input = input;
        this.output = output;
    }

    /** The batch as the output has it: {@code batch} itself when its schema is the output's, else a new one. */
    VectorSchemaRoot conform(VectorSchemaRoot batch, BufferAllocator allocator) throws StageException {
        if (batch.getSchema().equals(output)) {
            return batch;
        }
        if (!batch.getSchema().equals(planned)) {
            plan(batch.getSchema());
        }
        int rows = batch.getRowCount();
        List<Field> fields = output.getFields();
        List<FieldVector> vectors = new ArrayList<>(fields.size());
        try {
            for (int c = 0; c < fields.size(); c++) {
                Field field = fields.get(c);
                if (sources[c] < 0) {
                    vectors.add(Vectors.nulls(field, rows, allocator));
                } else if (conversions[c] == null) {
                    vectors.add(Vectors.slice(batch.getVector(sources[c]), field, 0, rows, allocator));
                } else {
                    vectors.add(conversions[c].apply(batch.getVector(sources[c]), rows, field, NEVER, allocator));
                }
            }
        } catch (StageException | RuntimeException e) {
            vectors.forEach(FieldVector::close);
            throw e;
        }
        return Vectors.root(vectors, rows);
    }

    private void plan(Schema schema) throws StageException {
        for (Field field : schema.getFields()) {
            if (Columns.find(output, field.getName()) == null) {
                throw StageException.data("a batch of input '" + input + "' has the column '" + field.getName()
                        + "', which its first batch did not have; union.apply takes the columns from each input's "
                        + "first batch");
            }
        }
        List<Field> fields = output.getFields();
        sources = new int[fields.size()];
        conversions = new Conversion[fields.size()];
        for (int c = 0; c < fields.size(); c++) {
            Field target = fields.get(c);
            sources[c] = Columns.indexOf(schema, target.getName());
            if (sources[c] < 0) {
                continue;
            }
            Field field = schema.getFields().get(sources[c]);
            ArrowType type = field.getType();
            if (type.equals(target.getType())) {
                continue;
            }
            if (!target.getType().equals(UnionSchema.widen(type, target.getType()))) {
                throw StageException.data("a batch of input '" + input + "' has the column '" + target.getName()
                        + "' as " + Columns.typeName(field) + ", which does not widen to the " + Columns.typeName(target)
                        + " the union gives it from the inputs' first batches");
            }
            conversions[c] = Conversions.find(type, target.getType());
        }
        planned = schema;
    }
}
