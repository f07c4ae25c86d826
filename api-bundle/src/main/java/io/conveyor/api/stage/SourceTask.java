package io.conveyor.api.stage;

import java.util.Optional;

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

    /**
     * Where the stream stands after the batches emitted so far, as text from which a task of this
     * source, or of a later version of it, can continue: an offset, a sequence number, a cursor.
     * The engine asks between two calls of {@link #produce}, when the source's plugin is replaced
     * during a continuous run; the task opened from the new version finds the text in {@link
     * StageContext#resumePosition()} and must emit the rows that follow, none twice.
     *
     * <p>The stop of the plugin's bundle waits, for a bounded time, until the engine has asked and
     * closed the task, so {@link #produce} should return within a poll interval or so. In a
     * continuous run the engine also asks once before the first {@code produce}, and ignores the
     * answer: if {@code produce} blocked past that wait, the bundle may already be refreshed when
     * the engine next asks, and its class loader then refuses classes it has not loaded yet, so
     * what answering needs must be loaded by then.
     *
     * @return the position, or empty when the source cannot say (the default): such a source does
     *         not move to a new version, and a continuous run whose source plugin is replaced stops
     *         with an error instead
     * @since 1.3
     */
    default Optional<String> position() {
        return Optional.empty();
    }

    /** Releases what the task holds. Called exactly once per task, whatever the outcome of the run. */
    @Override
    default void close() throws StageException {
    }
}
