package io.conveyor.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import org.apache.arrow.vector.VectorSchemaRoot;

import io.conveyor.api.stage.Emitter;

/**
 * An {@link Emitter} that keeps the batches it is given as the engine passes them on, and closes
 * them in {@link #close()}. Like the engine, it keeps a batch with no rows only when it is the
 * first batch emitted (it carries the schema of an empty result); a later one is closed at once
 * and counted. Batches it was told are borrowed (the inputs a transform may forward) are kept but
 * never closed.
 */
public final class CollectingEmitter implements Emitter, AutoCloseable {

    private final List<VectorSchemaRoot> batches = new ArrayList<>();
    private final Set<VectorSchemaRoot> borrowed;
    private boolean emittedBefore;
    private int droppedEmptyBatches;

    public CollectingEmitter() {
        this(List.of());
    }

    /** An emitter that never closes {@code borrowed}: batches a transform may forward, owned by the caller. */
    CollectingEmitter(List<VectorSchemaRoot> borrowed) {
        this.borrowed = Collections.newSetFromMap(new IdentityHashMap<>());
        this.borrowed.addAll(borrowed);
    }

    @Override
    public void emit(VectorSchemaRoot batch) {
        boolean first = !emittedBefore;
        emittedBefore = true;
        if (batch.getRowCount() == 0 && !first) {
            droppedEmptyBatches++;
            if (!borrowed.contains(batch)) {
                batch.close();
            }
        } else {
            batches.add(batch);
        }
    }

    /**
     * The batches kept so far, in order: every batch with rows, and a first batch without rows.
     * Owned by this emitter.
     */
    public List<VectorSchemaRoot> batches() {
        return Collections.unmodifiableList(batches);
    }

    /** How many batches without rows were dropped because they were not the first batch. */
    public int droppedEmptyBatches() {
        return droppedEmptyBatches;
    }

    /** Every row emitted so far, rendered by {@link BatchText#rows}. */
    public List<String> rows() {
        return BatchText.rows(batches);
    }

    /** The total number of rows emitted so far. */
    public long rowCount() {
        return batches.stream().mapToLong(VectorSchemaRoot::getRowCount).sum();
    }

    /** Closes every batch kept but the borrowed ones; a batch emitted twice is closed once. */
    @Override
    public void close() {
        Set<VectorSchemaRoot> closed = Collections.newSetFromMap(new IdentityHashMap<>());
        closed.addAll(borrowed);
        for (VectorSchemaRoot batch : batches) {
            if (closed.add(batch)) {
                batch.close();
            }
        }
        batches.clear();
    }
}
