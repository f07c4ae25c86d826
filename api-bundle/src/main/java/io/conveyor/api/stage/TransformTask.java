package io.conveyor.api.stage;

import org.apache.arrow.vector.VectorSchemaRoot;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One run of a {@link Transform}. Methods are called one thread at a time: calls never overlap and
 * each happens-before the next, but they may come from different threads, so keep no thread-local
 * state between calls. The order of calls is: any number of {@link #process}, each input ending
 * with {@link #endOfInput}, then {@link #finish} once every input has ended, then {@link #close}.
 *
 * <p>Ownership: {@code batch} belongs to the engine and may be shared with other stages. Do not
 * modify or close it, and do not keep it after {@code process} returns; copy or transfer what must
 * outlive the call into buffers from {@link StageContext#allocator()}.
 */
@ConsumerType
public interface TransformTask extends AutoCloseable {

    /** Handles one batch of the named input. */
    void process(String input, VectorSchemaRoot batch, Emitter out) throws StageException;

    /**
     * Whether the task wants the next batch of this input now. A task with several inputs can
     * read one input to its end before another (a hash join reads its build side first); the
     * engine keeps the others queued, which applies backpressure upstream. When both inputs come
     * from one upstream stage, holding one back can leave every stage waiting on another; the
     * engine detects that and fails the run with a {@link ErrorCode#PLAN} error naming the stages,
     * so such a task should buffer (or spill) the input it is not reading instead. At least one input
     * that has not ended must be accepted, or the task is done reading: a task that accepts none of its
     * open inputs (a {@code limit} that has seen enough rows) gets {@link #finish} at once, and
     * whatever else arrives on its inputs is discarded.
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

    /** Releases what the task holds. Called exactly once per task, whatever the outcome of the run. */
    @Override
    default void close() throws StageException {
    }
}
