package io.conveyor.plugin.stream.internal.window;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.api.stage.Emitter;
import io.conveyor.api.stage.ErrorCode;
import io.conveyor.api.stage.StageException;
import io.conveyor.api.stage.TransformTask;
import io.conveyor.plugin.kit.column.TypeNames;
import io.conveyor.plugin.stream.internal.rows.CellJson;
import io.conveyor.plugin.stream.internal.rows.HeldRows;
import io.conveyor.plugin.stream.internal.window.Windows.LateRow;
import io.conveyor.plugin.stream.internal.window.Windows.Window;

/**
 * One run of window.apply. Rows are copied aside with their key until every window they belong
 * to has closed; each batch emits the windows it closed, in one batch, window after window.
 * Not thread-safe.
 */
final class WindowTask implements TransformTask {

    private final WindowOutput output;
    private final BufferAllocator allocator;
    private final HeldRows held;
    private double[] keys = new double[64];
    private boolean keysSorted = true;
    private TimeAxis axis;
    private Windows windows;
    private long rowsSeen;
    private long windowsEmitted;
    private boolean emitted;

    WindowTask(WindowOutput output, BufferAllocator allocator) {
        this.output = output;
        this.allocator = allocator;
        this.held = new HeldRows(allocator);
    }

    @Override
    public void process(String input, VectorSchemaRoot batch, Emitter out) throws StageException {
        TimeAxis batchAxis = axisFor(batch.getSchema(), input);
        int rows = batch.getRowCount();
        if (rows == 0) {
            if (!emitted) {
                emit(emptyResult(batch.getSchema(), batchAxis), out);
            }
            return;
        }
        if (batchAxis instanceof TimeAxis.ArrivalAxis arrival) {
            arrival.batchArrived();
        }
        String timeColumn = output.spec().timeColumn();
        FieldVector time = timeColumn == null ? null : batch.getVector(timeColumn);
        double[] batchKeys = new double[rows];
        for (int r = 0; r < rows; r++) {
            batchKeys[r] = batchAxis.key(time, r, rowsSeen + r, timeColumn);
            try {
                windows.add(batchKeys[r]);
            } catch (LateRow late) {
                throw lateRow(time, r, late.window);
            }
        }
        hold(batch, batchKeys);
        rowsSeen += rows;
        emitWindows(windows.closed(), out);
        dropRowsOfClosedWindows();
    }

    @Override
    public void finish(Emitter out) throws StageException {
        if (windows != null) {
            emitWindows(windows.closeAll(), out);
        }
        held.close();
    }

    /** The batch's axis; the first batch's also decides the windows, and later ones must be of the same kind. */
    private TimeAxis axisFor(Schema schema, String input) throws StageException {
        List<ConfigProblem> problems = new ArrayList<>();
        TimeAxis batchAxis = output.axisFor(schema, input, problems);
        if (batchAxis == null) {
            throw new StageException(ErrorCode.DATA, problems.get(0).key(), problems.get(0).message(), null);
        }
        if (axis == null) {
            windows = output.spec().windows(batchAxis);
        } else if (axis.kind() != batchAxis.kind() || (axis.kind() == TimeAxis.Kind.TIMESTAMP
                && !axis.boundType().equals(batchAxis.boundType()))) {
            String column = output.spec().timeColumn();
            throw StageException.data("column '" + column + "' of input '" + input + "' changed type mid-stream, to "
                    + TypeNames.of(schema.findField(column)) + "; window.apply keeps one time axis");
        } else if (axis instanceof TimeAxis.ArrivalAxis) {
            return axis; // one clock for the whole run
        }
        axis = batchAxis;
        return batchAxis;
    }

    private StageException lateRow(FieldVector time, int row, Window window) {
        return StageException.data("column '" + output.spec().timeColumn() + "' holds " + CellJson.json(time, row)
                + " in row " + (rowsSeen + row + 1) + ", but its window [" + axis.describe(window.start()) + ", "
                + axis.describe(window.end()) + ") has already closed: a later time came first. window.apply "
                + "needs times in order, except within windows still open");
    }

    private void hold(VectorSchemaRoot batch, double[] batchKeys) {
        int start = held.size();
        held.append(batch, 0, batchKeys.length);
        if (keys.length < held.size()) {
            keys = Arrays.copyOf(keys, Math.max(held.size(), keys.length * 2));
        }
        for (int i = 0; i < batchKeys.length; i++) {
            int at = start + i;
            keys[at] = batchKeys[i];
            if (at > 0 && keys[at] < keys[at - 1]) {
                keysSorted = false;
            }
        }
    }

    private void emitWindows(List<Window> closed, Emitter out) throws StageException {
        if (closed.isEmpty()) {
            if (!emitted && held.schema() != null) {
                emit(emptyResult(held.schema(), axis), out);
            }
            return;
        }
        int[] rows = new int[16];
        int count = 0;
        int[] ends = new int[closed.size()];
        for (int w = 0; w < closed.size(); w++) {
            Window window = closed.get(w);
            int from = keysSorted ? lowerBound(window.start()) : 0;
            for (int i = from; i < held.size(); i++) {
                if (window.contains(keys[i])) {
                    if (count == rows.length) {
                        rows = Arrays.copyOf(rows, count * 2);
                    }
                    rows[count++] = i;
                } else if (keysSorted && keys[i] >= window.end()) {
                    break;
                }
            }
            ends[w] = count;
        }
        emit(windowRows(closed, rows, count, ends), out);
    }

    private int lowerBound(double key) {
        int low = 0;
        int high = held.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (keys[mid] < key) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** The held rows at {@code rows[0..count)} with the window columns; window w's rows end at {@code ends[w]}. */
    private VectorSchemaRoot windowRows(List<Window> closed, int[] rows, int count, int[] ends) {
        VectorSchemaRoot copied = held.copy(rows, count);
        List<FieldVector> columns = new ArrayList<>(copied.getFieldVectors());
        try {
            List<Field> fields = output.windowFields(axis);
            BigIntVector ids = (BigIntVector) fields.get(0).createVector(allocator);
            columns.add(ids);
            FieldVector starts = fields.get(1).createVector(allocator);
            columns.add(starts);
            FieldVector endBounds = fields.get(2).createVector(allocator);
            columns.add(endBounds);
            for (FieldVector vector : List.of(ids, starts, endBounds)) {
                vector.setInitialCapacity(count);
                vector.allocateNew();
            }
            int row = 0;
            for (int w = 0; w < closed.size(); w++) {
                long id = windowsEmitted + w;
                for (; row < ends[w]; row++) {
                    ids.setSafe(row, id);
                    axis.setBound(starts, row, closed.get(w).start());
                    axis.setBound(endBounds, row, closed.get(w).end());
                }
            }
            windowsEmitted += closed.size();
        } catch (RuntimeException e) {
            columns.forEach(FieldVector::close);
            throw e;
        }
        VectorSchemaRoot result = new VectorSchemaRoot(columns);
        result.setRowCount(count);
        return result;
    }

    private VectorSchemaRoot emptyResult(Schema schema, TimeAxis batchAxis) {
        List<Field> fields = new ArrayList<>(schema.getFields());
        fields.addAll(output.windowFields(batchAxis));
        VectorSchemaRoot empty = VectorSchemaRoot.create(new Schema(fields), allocator);
        empty.setRowCount(0);
        return empty;
    }

    /** Drops the rows no open window needs, once they are at least half of those held. */
    private void dropRowsOfClosedWindows() {
        double keepFrom = windows.keepFrom();
        int[] kept = new int[held.size()];
        int count = 0;
        for (int i = 0; i < held.size(); i++) {
            if (keys[i] >= keepFrom) {
                kept[count++] = i;
            }
        }
        int dropped = held.size() - count;
        if (dropped == 0 || (count > 0 && dropped * 2 < held.size())) {
            return;
        }
        held.keep(kept, count);
        keysSorted = true;
        for (int i = 0; i < count; i++) {
            keys[i] = keys[kept[i]];
            if (i > 0 && keys[i] < keys[i - 1]) {
                keysSorted = false;
            }
        }
    }

    private void emit(VectorSchemaRoot batch, Emitter out) throws StageException {
        emitted = true;
        out.emit(batch);
    }

    @Override
    public void close() {
        held.close();
    }
}
