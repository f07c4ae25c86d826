package io.conveyor.api.stage;

import org.apache.arrow.vector.VectorSchemaRoot;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One run of a {@link Transform}. All methods are called on the stage's own thread, never
 * concurrently. The order of calls is: any number of {@link #process}, each input ending with
 * {@link #endOfInput}, then {@link #finish} once every input has ended, then {@link #close}.
 *
 * <p>Ownership: {@code batch} belongs to the engine and may be shared with other stages. Do not
 * modify or close it, and do not keep it after {@code process} returns; copy or transfer what
 * must outlive the call into buffers from {@link StageContext#allocator()}.
 */
@ConsumerType
public interface TransformTask extends AutoCloseable {

    /** Handles one batch of the named input. */
    void process(String input, VectorSchemaRoot batch, Emitter out) throws StageException;

    /**
     * Whether the task wants the next batch of this input now. A task with several inputs can
     * read one input to its end before another (a hash join reads its build side first); the
     * engine keeps the others queued, which applies backpressure upstream. At least one input
     * that has not ended must be accepted, or the run fails.
     */
    default boolean accepts(String input) {
        return true;
    }

    /** Tells the task that the named input has ended. */
    default void endOfInput(String input, Emitter out) throws StageException {
    }

    /** Called once after every input has ended: emit what was held back (aggregates, sorts). */
    default void finish(Emitter out) throws StageException {
    }

    /** Releases what the task holds. Called exactly once, whatever the outcome of the run. */
    @Override
    default void close() throws StageException {
    }
}
