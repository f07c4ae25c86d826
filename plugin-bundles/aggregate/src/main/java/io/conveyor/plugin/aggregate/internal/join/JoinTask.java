package io.conveyor.plugin.aggregate.internal.join;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.VectorAppender;

import io.conveyor.api.stage.Emitter;
import io.conveyor.api.stage.StageContext;
import io.conveyor.api.stage.StageException;
import io.conveyor.api.stage.TransformTask;
import io.conveyor.plugin.aggregate.internal.column.Batches;
import io.conveyor.plugin.aggregate.internal.column.Columns;
import io.conveyor.plugin.aggregate.internal.column.Gather;
import io.conveyor.plugin.aggregate.internal.column.Problems;
import io.conveyor.plugin.aggregate.internal.hash.KeyIndex;

/**
 * One run of a hash join. The task accepts only the right input until it ends: its batches are
 * appended to one set of vectors and their keys to a {@link KeyIndex}, with each key's rows chained
 * in input order ({@code heads}, {@code nexts}). Then the left input streams: per batch, one
 * vectorised lookup gives every row its key id, the matches are listed as two index vectors
 * (left row, right row; -1 for none), and the output columns are gathered from them. Unmatched
 * right rows (right and full joins) follow at the end, in right input order.
 *
 * <p>State: the right input's columns that the output shows (none for semi and anti joins) and
 * its key index, and for right and full joins one flag per right row. The left input is not held.
 */
final class JoinTask implements TransformTask {

    private final JoinSpec spec;
    private final StageContext context;
    private final How how;

    private Schema rightSchema;
    private KeyIndex index;
    private VectorSchemaRoot rightData;
    private int rightRows;
    private boolean rightEnded;
    private int[] heads = new int[0];
    private int[] tails = new int[0];
    private int[] nexts = new int[0];
    private boolean[] matched;

    private Schema leftSchema;
    private JoinPlan plan;
    private FieldVector[] keyVectors;
    private int[] ids = new int[0];
    private int[] leftRows = new int[0];
    private int[] rightRowsOut = new int[0];
    private boolean emitted;

    JoinTask(JoinSpec spec, StageContext context) {
        this.spec = spec;
        this.context = context;
        this.how = spec.how();
    }

    @Override
    public boolean accepts(String input) {
        return input.equals(spec.right()) ? !rightEnded : rightEnded;
    }

    @Override
    public void process(String input, VectorSchemaRoot batch, Emitter out) throws StageException {
        if (input.equals(spec.right())) {
            build(batch);
        } else {
            probe(batch, out);
        }
    }

    @Override
    public void endOfInput(String input, Emitter out) {
        if (input.equals(spec.right())) {
            rightEnded = true;
            if (how.keepsUnmatchedRight()) {
                matched = new boolean[rightRows];
            }
        }
    }

    // ---- the right input: held, and indexed by key

    private void build(VectorSchemaRoot batch) throws StageException {
        if (rightSchema == null) {
            bindRight(batch.getSchema());
        } else {
            checkUnchanged(spec.right(), rightSchema, batch.getSchema());
        }
        int rows = batch.getRowCount();
        if (rows == 0) {
            return;
        }
        for (FieldVector held : rightData.getFieldVectors()) {
            batch.getVector(held.getName()).accept(new VectorAppender(held), null);
        }
        rightData.setRowCount(rightRows + rows);
        for (int c = 0; c < keyVectors.length; c++) {
            keyVectors[c] = batch.getVector(spec.rightKeys().get(c));
        }
        ensureIds(rows);
        index.prepare(keyVectors, rows);
        index.insert(rows, ids, false);
        chain(rows);
        rightRows += rows;
    }

    private void bindRight(Schema schema) throws StageException {
        Problems problems = new Problems();
        List<Field> keys = JoinPlan.keys(schema, spec.right(), spec.rightKeys(), spec.rightKeysKey(), problems);
        problems.throwFirst();
        rightSchema = schema;
        index = KeyIndex.create(keys);
        keyVectors = new FieldVector[keys.size()];
        rightData = VectorSchemaRoot.create(new Schema(heldColumns(schema)), context.allocator());
        rightData.allocateNew();
        rightData.setRowCount(0);
    }

    /**
     * The right columns the output needs, so the only ones held: none for semi and anti joins, the
     * non-key columns for the others, and the keys too for right and full joins, whose unmatched
     * right rows show them in the left key columns.
     */
    private List<Field> heldColumns(Schema schema) {
        if (!how.hasRightColumns()) {
            return List.of();
        }
        return schema.getFields().stream()
                .filter(f -> how.keepsUnmatchedRight() || !spec.rightKeys().contains(f.getName())).toList();
    }

    /** Links the batch's rows into their keys' chains, so a key's rows are found in input order. */
    private void chain(int rows) {
        int keys = index.size();
        if (heads.length < keys) {
            int old = heads.length;
            int length = Math.max(keys, old * 2);
            heads = Arrays.copyOf(heads, length);
            tails = Arrays.copyOf(tails, length);
            Arrays.fill(heads, old, length, -1);
        }
        if (nexts.length < rightRows + rows) {
            nexts = Arrays.copyOf(nexts, Math.max(rightRows + rows, nexts.length * 2));
        }
        for (int r = 0; r < rows; r++) {
            int row = rightRows + r;
            int id = ids[r];
            nexts[row] = -1;
            if (id < 0) {
                continue; // a null key matches nothing
            }
            if (heads[id] < 0) {
                heads[id] = row;
            } else {
                nexts[tails[id]] = row;
            }
            tails[id] = row;
        }
    }

    // ---- the left input: streamed

    private void probe(VectorSchemaRoot batch, Emitter out) throws StageException {
        if (leftSchema == null) {
            bindLeft(batch.getSchema());
        } else {
            checkUnchanged(spec.left(), leftSchema, batch.getSchema());
        }
        int rows = batch.getRowCount();
        if (plan == null) {
            probeWithoutRight(batch, rows, out);
            return;
        }
        ensureIds(rows);
        if (rows > 0) {
            for (int c = 0; c < keyVectors.length; c++) {
                keyVectors[c] = batch.getVector(spec.leftKeys().get(c));
            }
            index.prepare(keyVectors, rows);
            index.lookup(rows, ids);
        }
        if (how.hasRightColumns()) {
            pairs(batch, rows, out);
        } else {
            filter(batch, rows, how == How.SEMI, out);
        }
    }

    private void bindLeft(Schema schema) throws StageException {
        Problems problems = new Problems();
        if (rightSchema == null) {
            JoinPlan.keys(schema, spec.left(), spec.leftKeys(), spec.leftKeysKey(), problems);
        } else {
            plan = JoinPlan.resolve(spec, schema, rightSchema, problems);
        }
        problems.throwFirst();
        leftSchema = schema;
    }

    /**
     * The right input ended without a single batch, so its columns are unknown: no row matches,
     * and only joins whose output has no right column can tell their result.
     */
    private void probeWithoutRight(VectorSchemaRoot batch, int rows, Emitter out) throws StageException {
        switch (how) {
            case ANTI -> {
                emitted = true;
                out.emit(batch);
            }
            case SEMI -> {
                if (!emitted) {
                    emitted = true;
                    out.emit(Batches.empty(leftSchema, context.allocator()));
                }
            }
            case LEFT, FULL -> {
                if (rows > 0) {
                    throw StageException.data("input '" + spec.right() + "' ended without any batch, so its "
                            + "columns are unknown, and a " + how.displayName() + " join keeps the rows of input '"
                            + spec.left() + "' with those columns");
                }
            }
            default -> {
                // inner and right joins: nothing matches and there are no right rows
            }
        }
    }

    /** Semi and anti joins: the left rows with (semi) or without (anti) a match, as they are. */
    private void filter(VectorSchemaRoot batch, int rows, boolean withMatch, Emitter out) throws StageException {
        int kept = 0;
        for (int r = 0; r < rows; r++) {
            if ((ids[r] >= 0) == withMatch) {
                leftRows[kept++] = r;
            }
        }
        if (kept == rows && (rows > 0 || !emitted)) {
            emitted = true;
            out.emit(batch);
        } else if (kept > 0 || !emitted) {
            emitted = true;
            out.emit(Batches.gather(batch, leftRows, kept, context.allocator()));
        }
    }

    /** Inner, left, right and full joins: every (left row, right row) pair, in left row order. */
    private void pairs(VectorSchemaRoot batch, int rows, Emitter out) throws StageException {
        int capacity = leftRows.length;
        int count = 0;
        boolean outer = how.keepsUnmatchedLeft();
        boolean track = matched != null;
        for (int r = 0; r < rows; r++) {
            int id = ids[r];
            if (id < 0) {
                if (outer) {
                    leftRows[count] = r;
                    rightRowsOut[count++] = -1;
                    if (count == capacity) {
                        emitPairs(batch, count, out);
                        count = 0;
                    }
                }
                continue;
            }
            for (int m = heads[id]; m >= 0; m = nexts[m]) {
                if (track) {
                    matched[m] = true;
                }
                leftRows[count] = r;
                rightRowsOut[count++] = m;
                if (count == capacity) {
                    emitPairs(batch, count, out);
                    count = 0;
                }
            }
        }
        if (count > 0 || !emitted) {
            emitPairs(batch, count, out);
        }
    }

    private void emitPairs(VectorSchemaRoot batch, int count, Emitter out) throws StageException {
        boolean identity = count == batch.getRowCount();
        for (int i = 0; identity && i < count; i++) {
            identity = leftRows[i] == i;
        }
        List<Field> fields = plan.output.getFields();
        List<FieldVector> vectors = new ArrayList<>(fields.size());
        try {
            int column = 0;
            for (FieldVector left : batch.getFieldVectors()) {
                Field field = fields.get(column++);
                vectors.add(identity ? Gather.share(left, field, count, context.allocator())
                        : Gather.rows(left, field, leftRows, count, context.allocator()));
            }
            addRightColumns(vectors, rightRowsOut, count);
        } catch (RuntimeException e) {
            vectors.forEach(FieldVector::close);
            throw e;
        }
        emitted = true;
        out.emit(new VectorSchemaRoot(fields, vectors, count));
    }

    private void addRightColumns(List<FieldVector> vectors, int[] rows, int count) {
        for (int j = 0; j < plan.rightColumns.size(); j++) {
            FieldVector source = rightData.getVector(plan.rightColumns.get(j).getName());
            vectors.add(Gather.rows(source, plan.rightOutputs.get(j), rows, count, context.allocator()));
        }
    }

    // ---- the end: unmatched right rows

    @Override
    public void finish(Emitter out) throws StageException {
        if (how.keepsUnmatchedRight() && rightRows > 0) {
            emitUnmatchedRight(out);
        }
        if (!emitted && plan != null) {
            emitted = true;
            out.emit(Batches.empty(plan.output, context.allocator()));
        }
    }

    private void emitUnmatchedRight(Emitter out) throws StageException {
        boolean[] seen = matched == null ? new boolean[rightRows] : matched;
        int size = Math.max(1, context.batchSize());
        int[] rows = new int[Math.min(size, rightRows)];
        int count = 0;
        for (int r = 0; r < rightRows; r++) {
            if (seen[r]) {
                continue;
            }
            if (leftSchema == null) {
                throw StageException.data("input '" + spec.left() + "' ended without any batch, so its columns are "
                        + "unknown, and a " + how.displayName() + " join keeps the rows of input '" + spec.right()
                        + "' with those columns");
            }
            rows[count++] = r;
            if (count == rows.length) {
                emitRightRows(rows, count, out);
                count = 0;
            }
        }
        if (count > 0) {
            emitRightRows(rows, count, out);
        }
    }

    /** Right rows with nulls on the left, but the left key columns hold the right keys (as SQL's USING). */
    private void emitRightRows(int[] rows, int count, Emitter out) throws StageException {
        List<Field> fields = plan.output.getFields();
        List<FieldVector> vectors = new ArrayList<>(fields.size());
        try {
            for (int c = 0; c < leftSchema.getFields().size(); c++) {
                Field field = fields.get(c);
                int key = spec.leftKeys().indexOf(leftSchema.getFields().get(c).getName());
                vectors.add(key < 0 ? Gather.nulls(field, count, context.allocator())
                        : Gather.rows(rightData.getVector(spec.rightKeys().get(key)), field, rows, count,
                                context.allocator()));
            }
            addRightColumns(vectors, rows, count);
        } catch (RuntimeException e) {
            vectors.forEach(FieldVector::close);
            throw e;
        }
        emitted = true;
        out.emit(new VectorSchemaRoot(fields, vectors, count));
    }

    private void ensureIds(int rows) {
        if (ids.length < rows) {
            ids = new int[rows];
        }
        int capacity = Math.max(rows, Math.max(1, context.batchSize()));
        if (leftRows.length < capacity) {
            leftRows = new int[capacity];
            rightRowsOut = new int[capacity];
        }
    }

    private static void checkUnchanged(String input, Schema first, Schema now) throws StageException {
        if (!Columns.sameColumns(first, now)) {
            throw StageException.data("the columns of input '" + input + "' changed between batches, from "
                    + Columns.describe(first) + " to " + Columns.describe(now));
        }
    }

    @Override
    public void close() {
        if (rightData != null) {
            rightData.close();
            rightData = null;
        }
    }
}
