package io.conveyor.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import org.apache.arrow.vector.VectorSchemaRoot;

import io.conveyor.api.stage.Emitter;

/**
 * An {@link Emitter} that keeps every non-empty batch it is given, as the engine would pass them
 * on, and closes them in {@link #close()}. Empty batches are closed at once and counted, as the
 * engine drops them.
 */
public final class CollectingEmitter implements Emitter, AutoCloseable {

    private final List<VectorSchemaRoot> batches = new ArrayList<>();
    private int emptyBatches;

    @Override
    public void emit(VectorSchemaRoot batch) {
        if (batch.getRowCount() == 0) {
            emptyBatches++;
            batch.close();
        } else {
            batches.add(batch);
        }
    }

    /** The non-empty batches emitted so far, in order. Owned by this emitter. */
    public List<VectorSchemaRoot> batches() {
        return Collections.unmodifiableList(batches);
    }

    /** How many empty batches were emitted (and dropped). */
    public int emptyBatches() {
        return emptyBatches;
    }

    /** Every row emitted so far, rendered by {@link BatchText#rows}. */
    public List<String> rows() {
        return BatchText.rows(batches);
    }

    /** The total number of rows emitted so far. */
    public long rowCount() {
        return batches.stream().mapToLong(VectorSchemaRoot::getRowCount).sum();
    }

    /** Closes every batch kept; a batch emitted twice (a forwarded input) is closed once. */
    @Override
    public void close() {
        Set<VectorSchemaRoot> closed = Collections.newSetFromMap(new IdentityHashMap<>());
        for (VectorSchemaRoot batch : batches) {
            if (closed.add(batch)) {
                batch.close();
            }
        }
        batches.clear();
    }
}
