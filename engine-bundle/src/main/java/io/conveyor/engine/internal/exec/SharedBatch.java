package io.conveyor.engine.internal.exec;

import java.util.concurrent.atomic.AtomicInteger;

import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A batch shared by reference counting: each consumer holding it owns one reference, and the
 * batch is closed when the last reference is released. Nothing is ever copied.
 *
 * <p>Threading: {@link #retain} and {@link #release} may be called from any thread.
 */
final class SharedBatch {

    private final VectorSchemaRoot root;
    private final AtomicInteger references;

    /** Wraps a batch whose ownership passes to this object, with {@code references} owners. */
    SharedBatch(VectorSchemaRoot root, int references) {
        if (references < 1) {
            throw new IllegalArgumentException("a shared batch needs at least one reference");
        }
        this.root = root;
        this.references = new AtomicInteger(references);
    }

    VectorSchemaRoot root() {
        return root;
    }

    int rowCount() {
        return root.getRowCount();
    }

    /** Adds owners; the caller must already own a reference, so the batch cannot be closed yet. */
    void retain(int owners) {
        references.addAndGet(owners);
    }

    /** Gives up one reference; the last one closes the batch. */
    void release() {
        int left = references.decrementAndGet();
        if (left == 0) {
            root.close();
        } else if (left < 0) {
            throw new IllegalStateException("shared batch released more often than retained");
        }
    }
}
