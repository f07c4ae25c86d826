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
 * <p>Scope: an emitter is valid only during the call it was passed to, on the thread making
 * that call; a task that works on its own threads hands results back to that thread to emit.
 *
 * <p>Batches never hold dictionary-encoded vectors: a source reading dictionary-encoded data
 * (Arrow IPC, Parquet) decodes it.
 *
 * <p>Backpressure: {@code emit} blocks while the downstream queues are full. If the run stops
 * while it waits, it throws a {@link StageException} with code {@link ErrorCode#CANCELLED}, which
 * the task should let propagate.
 */
@ProviderType
public interface Emitter {

    /**
     * Sends a batch downstream. A batch with zero rows carries only its schema: the engine
     * delivers it if it is the first batch of this stage's output (so an empty result still has
     * columns, and a CSV sink can write its header), and otherwise drops and releases it.
     */
    void emit(VectorSchemaRoot batch) throws StageException;
}
