package io.conveyor.api.stage;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One run of a {@link Source}. The engine calls {@link #produce(Emitter)} repeatedly until it
 * returns {@code false} or the run stops; bounded and unbounded sources differ only in whether
 * that ever happens. Calls come from one thread at a time: calls never overlap and each
 * happens-before the next, but they may come from different threads, so keep no thread-local
 * state between calls.
 *
 * <p>Each call should emit a small number of batches and return, so that the engine can stop,
 * pause or upgrade the run between calls. A source waiting for new data should wait a bounded
 * time, then return {@code true} having emitted nothing, and check {@link
 * StageContext#isStopped()}.
 */
@ConsumerType
public interface SourceTask extends AutoCloseable {

    /**
     * Emits zero or more batches.
     *
     * @return {@code false} once the source is exhausted, {@code true} if more may follow
     */
    boolean produce(Emitter out) throws StageException;

    /** Releases what the task holds. Called exactly once per task, whatever the outcome of the run. */
    @Override
    default void close() throws StageException {
    }
}
