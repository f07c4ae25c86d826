package io.conveyor.plugin.aggregate.internal.distinct;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

import io.conveyor.api.stage.Emitter;
import io.conveyor.api.stage.StageContext;
import io.conveyor.api.stage.StageException;
import io.conveyor.api.stage.TransformTask;
import io.conveyor.plugin.aggregate.internal.column.Batches;
import io.conveyor.plugin.aggregate.internal.column.Columns;
import io.conveyor.plugin.aggregate.internal.column.Problems;
import io.conveyor.plugin.aggregate.internal.distinct.DistinctApply.Keep;
import io.conveyor.plugin.aggregate.internal.hash.KeyIndex;

/**
 * One run of distinct.apply. Every row gets the id of its key from a {@link KeyIndex}. Keeping
 * the first row, a row whose id is new is the first of its key: each batch's first rows are
 * emitted at once (the batch itself when all of them are). Keeping the last or the only row, the
 * batches are held (sharing their memory) with each key's last position and count, and the kept
 * rows are gathered at the end, in input order.
 */
final class DistinctTask implements TransformTask {

    private final String key;
    private final List<String> columns;
    private final Keep keep;
    private final String inputName;
    private final StageContext context;

    private Schema schema;
    private List<Field> keyFields;
    private KeyIndex index;
    private FieldVector[] keyVectors;
    private int[] ids = new int[0];
    private int[] selected = new int[0];
    private boolean emitted;

    private final List<VectorSchemaRoot> held = new ArrayList<>();
    private long heldRows;
    private long[] lastPositions = new long[0];
    private byte[] counts = new byte[0]; // 0, 1, or 2 for "more than one"

    DistinctTask(String key, List<String> columns, Keep keep, String inputName, StageContext context) {
        this.key = key;
        this.columns = columns;
        this.keep = keep;
        this.inputName = inputName;
        this.context = context;
    }

    @Override
    public void process(String input, VectorSchemaRoot batch, Emitter out) throws StageException {
        if (schema == null) {
            bind(batch.getSchema());
        } else if (!Columns.sameColumns(batch.getSchema(), schema)) {
            throw StageException.data("the columns of input '" + inputName + "' changed between batches, from "
                    + Columns.describe(schema) + " to " + Columns.describe(batch.getSchema()));
        }
        int rows = batch.getRowCount();
        if (rows == 0) {
            if (!emitted && keep == Keep.FIRST) {
                emitted = true;
                out.emit(batch);
            }
            return;
        }
        if (ids.length < rows) {
            ids = new int[rows];
            selected = new int[rows];
        }
        for (int c = 0; c < keyVectors.length; c++) {
            keyVectors[c] = batch.getVector(keyFields.get(c).getName());
        }
        int before = index.size();
        index.prepare(keyVectors, rows);
        index.insert(rows, ids, true);
        if (keep == Keep.FIRST) {
            emitFirsts(batch, rows, before, out);
        } else {
            hold(batch, rows);
        }
    }

    private void bind(Schema batchSchema) throws StageException {
        Problems problems = new Problems();
        List<Field> fields = DistinctApply.keyFields(batchSchema, inputName, key, columns, problems);
        problems.throwFirst();
        if (fields.isEmpty()) {
            throw StageException.data("input '" + inputName + "' has no columns to compare");
        }
        schema = batchSchema;
        keyFields = fields;
        keyVectors = new FieldVector[fields.size()];
        index = KeyIndex.create(fields);
    }

    private void emitFirsts(VectorSchemaRoot batch, int rows, int before, Emitter out) throws StageException {
        int next = before;
        int kept = 0;
        for (int r = 0; r < rows; r++) {
            if (ids[r] == next) { // new ids appear in increasing order: this row is its key's first
                selected[kept++] = r;
                next++;
            }
        }
        if (kept == rows) {
            emitted = true;
            out.emit(batch);
        } else if (kept > 0 || !emitted) {
            emitted = true;
            out.emit(Batches.gather(batch, selected, kept, context.allocator()));
        }
    }

    private void hold(VectorSchemaRoot batch, int rows) {
        int keys = index.size();
        if (lastPositions.length < keys) {
            int length = Math.max(keys, lastPositions.length * 2);
            lastPositions = Arrays.copyOf(lastPositions, length);
            counts = Arrays.copyOf(counts, length);
        }
        for (int r = 0; r < rows; r++) {
            int id = ids[r];
            lastPositions[id] = heldRows + r;
            if (counts[id] < 2) {
                counts[id]++;
            }
        }
        held.add(Batches.share(batch, context.allocator()));
        heldRows += rows;
    }

    @Override
    public void finish(Emitter out) throws StageException {
        if (keep == Keep.FIRST || schema == null) {
            return;
        }
        long[] kept = new long[(int) ((heldRows + 63) >>> 6)];
        for (int id = 0; id < index.size(); id++) {
            if (keep == Keep.LAST || counts[id] == 1) {
                long position = lastPositions[id];
                kept[(int) (position >>> 6)] |= 1L << position;
            }
        }
        long base = 0;
        while (!held.isEmpty()) {
            try (VectorSchemaRoot batch = held.remove(0)) {
                int rows = batch.getRowCount();
                int count = 0;
                for (int r = 0; r < rows; r++) {
                    long position = base + r;
                    if ((kept[(int) (position >>> 6)] & (1L << position)) != 0) {
                        selected[count++] = r;
                    }
                }
                base += rows;
                if (count > 0 || (!emitted && held.isEmpty())) {
                    emitted = true;
                    out.emit(Batches.gather(batch, selected, count, context.allocator()));
                }
            }
        }
        if (!emitted) {
            emitted = true;
            out.emit(Batches.empty(schema, context.allocator()));
        }
    }

    @Override
    public void close() {
        held.forEach(VectorSchemaRoot::close);
        held.clear();
    }
}
