package io.conveyor.api.stage;

import org.apache.arrow.vector.VectorSchemaRoot;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One run of a {@link Sink}. Methods are called one thread at a time: calls never overlap and each
 * happens-before the next, but they may come from different threads, so keep no thread-local state
 * between calls. The order of calls is: any number of {@link #write}, then exactly one of {@link
 * #commit} (every input ended and the run succeeded) or {@link #abort} (the run failed or was
 * stopped), then {@link #close}.
 *
 * <p>Output must not be visible before {@link #commit}: a file sink writes a temporary file next
 * to its target and renames it on commit, so a failed run never leaves a half-written output.
 *
 * <p>Ownership: {@code batch} belongs to the engine; do not modify, close or keep it.
 */
@ConsumerType
public interface SinkTask extends AutoCloseable {

    /** Writes one batch of the named input. */
    void write(String input, VectorSchemaRoot batch) throws StageException;

    /**
     * Whether the task wants the next batch of this input now; see
     * {@link TransformTask#accepts(String)}. A file sink with several inputs can write them one
     * after the other, in the order the pipeline lists them, so its output is deterministic.
     */
    default boolean accepts(String input) {
        return true;
    }

    /** Tells the task that the named input has ended. */
    default void endOfInput(String input) throws StageException {
    }

    /** Makes everything written visible. Called once, after every input has ended. */
    void commit() throws StageException;

    /** Discards everything written. Must not throw; called at most once, instead of commit. */
    default void abort() {
    }

    /** Releases what the task holds. Called exactly once per task, whatever the outcome of the run. */
    @Override
    default void close() throws StageException {
    }
}
