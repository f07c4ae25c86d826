package io.conveyor.plugin.aggregate.internal.group;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.TransferPair;

import io.conveyor.api.stage.Emitter;
import io.conveyor.api.stage.StageContext;
import io.conveyor.api.stage.StageException;
import io.conveyor.api.stage.TransformTask;
import io.conveyor.plugin.aggregate.internal.column.Columns;
import io.conveyor.plugin.aggregate.internal.column.Problems;
import io.conveyor.plugin.aggregate.internal.column.ValueKind;
import io.conveyor.plugin.aggregate.internal.hash.KeyIndex;

/**
 * One run of a group-by (no keys: one group, which is reduce.apply). Per batch: the key columns
 * give each row a group id through the {@link KeyIndex} (new groups in order of first
 * appearance, their key values copied once into the output key vectors); then each aggregate
 * adds the batch in a loop over the group-id array. At the end, one output row per group, in
 * order of first appearance, emitted in batches of at most the context's batch size.
 *
 * <p>State: the key index, the output key vectors and the accumulators (a few primitive
 * values per group and aggregate; a median keeps every value). Input batches are not kept.
 */
final class GroupingTask implements TransformTask {

    private final String keysKey;
    private final List<String> keys;
    private final List<AggregationSpec> specs;
    private final String inputName;
    private final StageContext context;

    private GroupingPlan plan;
    private KeyIndex index;
    private FieldVector[] keyOutputs;
    private Accumulator[] accumulators;
    private BatchColumn[] columns; // per aggregate; aggregates of one column share one
    private final Map<String, BatchColumn> columnsByName = new HashMap<>();
    private FieldVector[] keyVectors;
    private int groups;
    private int[] ids = new int[0];

    GroupingTask(String keysKey, List<String> keys, List<AggregationSpec> specs, String inputName,
            StageContext context) {
        this.keysKey = keysKey;
        this.keys = keys;
        this.specs = specs;
        this.inputName = inputName;
        this.context = context;
    }

    @Override
    public void process(String input, VectorSchemaRoot batch, Emitter out) throws StageException {
        if (plan == null) {
            bind(batch.getSchema());
        } else {
            checkUnchanged(batch.getSchema());
        }
        int rows = batch.getRowCount();
        if (rows == 0) {
            return;
        }
        if (ids.length < rows) {
            ids = new int[rows];
        }
        if (index == null) {
            Arrays.fill(ids, 0, rows, 0);
        } else {
            assignGroups(batch, rows);
        }
        for (Accumulator accumulator : accumulators) {
            accumulator.resize(groups);
        }
        for (int i = 0; i < specs.size(); i++) {
            if (columns[i] != null) {
                columns[i].reset(batch.getVector(specs.get(i).column()), rows, ids);
            }
        }
        for (int i = 0; i < accumulators.length; i++) {
            accumulators[i].add(columns[i], ids, rows);
        }
    }

    private void bind(Schema schema) throws StageException {
        Problems problems = new Problems();
        GroupingPlan resolved = GroupingPlan.resolve(schema, inputName, keysKey, keys, specs, problems);
        problems.throwFirst();
        plan = resolved;
        accumulators = new Accumulator[specs.size()];
        columns = new BatchColumn[specs.size()];
        for (int i = 0; i < specs.size(); i++) {
            Field field = plan.valueFields.get(i);
            accumulators[i] = Accumulator.of(specs.get(i), field);
            if (field != null) {
                columns[i] = columnsByName.computeIfAbsent(field.getName(),
                        name -> new BatchColumn(ValueKind.of(field.getType())));
            }
        }
        if (keys.isEmpty()) {
            groups = 1;
            return;
        }
        index = KeyIndex.create(plan.keyFields);
        keyVectors = new FieldVector[keys.size()];
        keyOutputs = new FieldVector[keys.size()];
        for (int c = 0; c < keys.size(); c++) {
            keyOutputs[c] = plan.output.getFields().get(c).createVector(context.allocator());
            keyOutputs[c].allocateNew();
        }
    }

    /** Fails when a later batch changes a column this stage reads (its type, or drops it). */
    private void checkUnchanged(Schema schema) throws StageException {
        List<Field> used = new ArrayList<>(plan.keyFields);
        plan.valueFields.stream().filter(f -> f != null).forEach(used::add);
        for (Field field : used) {
            Field now = schema.getFields().stream().filter(f -> f.getName().equals(field.getName())).findFirst()
                    .orElse(null);
            if (now == null || !now.getType().equals(field.getType())) {
                throw StageException.data("column '" + field.getName() + "' of input '" + inputName + "' changed "
                        + "between batches, from " + Columns.typeName(field) + " to "
                        + (now == null ? "missing" : Columns.typeName(now)));
            }
        }
    }

    private void assignGroups(VectorSchemaRoot batch, int rows) {
        for (int c = 0; c < keyVectors.length; c++) {
            keyVectors[c] = batch.getVector(keys.get(c));
        }
        int before = index.size();
        index.prepare(keyVectors, rows);
        index.insert(rows, ids, true);
        groups = index.size();
        int next = before;
        for (int r = 0; r < rows && next < groups; r++) {
            if (ids[r] == next) { // new ids appear in increasing order: this row is the group's first
                for (int c = 0; c < keyVectors.length; c++) {
                    keyOutputs[c].copyFromSafe(r, next, keyVectors[c]);
                }
                next++;
            }
        }
    }

    @Override
    public void finish(Emitter out) throws StageException {
        if (plan == null) {
            return; // no batch at all: the input's columns, and so the output's types, are unknown
        }
        List<FieldVector> vectors = new ArrayList<>();
        try {
            if (keyOutputs != null) {
                for (int c = 0; c < keyOutputs.length; c++) {
                    keyOutputs[c].setValueCount(groups);
                    vectors.add(keyOutputs[c]);
                    keyOutputs[c] = null;
                }
            }
            for (int i = 0; i < accumulators.length; i++) {
                accumulators[i].resize(groups);
                vectors.add(accumulators[i].result(plan.output.getFields().get(keys.size() + i), groups,
                        context.allocator()));
            }
        } catch (RuntimeException e) {
            vectors.forEach(FieldVector::close);
            throw e;
        }
        emitInSlices(new VectorSchemaRoot(plan.output.getFields(), vectors, groups), out);
    }

    private void emitInSlices(VectorSchemaRoot all, Emitter out) throws StageException {
        int size = Math.max(1, context.batchSize());
        int rows = all.getRowCount();
        if (rows <= size) {
            out.emit(all);
            return;
        }
        try {
            for (int start = 0; start < rows; start += size) {
                int length = Math.min(size, rows - start);
                List<FieldVector> slice = new ArrayList<>();
                for (FieldVector vector : all.getFieldVectors()) {
                    TransferPair pair = vector.getTransferPair(context.allocator());
                    pair.splitAndTransfer(start, length);
                    slice.add((FieldVector) pair.getTo());
                }
                out.emit(new VectorSchemaRoot(all.getSchema().getFields(), slice, length));
            }
        } finally {
            all.close();
        }
    }

    @Override
    public void close() {
        if (keyOutputs != null) {
            for (FieldVector vector : keyOutputs) {
                if (vector != null) {
                    vector.close();
                }
            }
        }
    }
}
