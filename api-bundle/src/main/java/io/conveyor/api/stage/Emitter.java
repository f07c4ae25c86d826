package io.conveyor.api.stage;

import org.apache.arrow.vector.VectorSchemaRoot;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Where a source or transform task sends its output. Implemented by the engine.
 *
 * <p>Ownership: {@link #emit} takes ownership of the batch; the task must not touch it afterwards.
 * A transform may emit the very batch it was given in {@code process} to forward it unchanged;
 * the engine then shares it instead of copying.
 *
 * <p>Backpressure: {@code emit} blocks while the downstream queues are full. If the run stops
 * while it waits, it throws a {@link StageException} with code {@link ErrorCode#CANCELLED}, which
 * the task should let propagate.
 */
@ProviderType
public interface Emitter {

    /** Sends a batch downstream. Empty batches (zero rows) are dropped, but still released. */
    void emit(VectorSchemaRoot batch) throws StageException;
}
