package io.conveyor.plugin.expression.internal.filter;

import org.apache.arrow.vector.VectorSchemaRoot;

import io.conveyor.api.stage.Emitter;
import io.conveyor.api.stage.StageContext;
import io.conveyor.api.stage.StageException;
import io.conveyor.api.stage.TransformTask;

/**
 * One run of a filter: selects rows batch by batch and emits them. A batch where every row is
 * selected passes through as it is. Until it has emitted anything, a batch where no row is
 * selected gives a batch without rows, so that an empty result keeps its columns (the engine
 * passes on only a first such batch).
 */
abstract class SelectingTask implements TransformTask {

    private final StageContext context;
    private int[] selected = new int[0];
    private boolean emitted;

    SelectingTask(StageContext context) {
        this.context = context;
    }

    /** Writes the indexes of the rows to keep, in order, into {@code selected}; returns how many. */
    abstract int select(String input, VectorSchemaRoot batch, int[] selected) throws StageException;

    @Override
    public final void process(String input, VectorSchemaRoot batch, Emitter out) throws StageException {
        int rows = batch.getRowCount();
        if (selected.length < rows) {
            selected = new int[rows];
        }
        int kept = select(input, batch, selected);
        if (kept == rows) {
            emitted = true;
            out.emit(batch);
        } else if (kept > 0 || !emitted) {
            emitted = true;
            out.emit(Gather.rows(batch, selected, kept, context.allocator()));
        }
    }
}
