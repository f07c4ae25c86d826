package io.conveyor.engine.internal.nested;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The queues between a {@code stage.pipeline} task (the parent side) and the sub-pipeline run it
 * started (the nested side): a bounded channel per {@code pipeline.input} stage, fed with the
 * parent's batches, and one bounded queue of the batches the sub-pipeline returns, which the
 * parent emits on its own thread.
 *
 * <p>Nothing here blocks for long: each wait is bounded by the caller, who checks between waits
 * whether its run is stopping. {@link #version()} and {@link #awaitChange} let a caller wait for
 * any change after it looked, without missing one.
 *
 * <p>Ownership: a batch handed to {@link #tryPut} or {@link #tryPutOutput} belongs to the
 * exchange, and then to whoever takes it. Once the exchange is {@linkplain #close() closed}, what
 * it holds is released and whatever is handed to it afterwards is released at once.
 *
 * <p>Threading: thread-safe; one lock guards every queue.
 */
final class Exchange {

    /** What {@link #take} found: a batch, or the end of the channel ({@code batch == null}). */
    record Item(VectorSchemaRoot batch) {
        boolean isEnd() {
            return batch == null;
        }
    }

    private static final class Channel {
        final String input;
        final ArrayDeque<VectorSchemaRoot> queue = new ArrayDeque<>();
        boolean ended;

        Channel(String input) {
            this.input = input;
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<String, Channel> channels = new LinkedHashMap<>();
    private final ArrayDeque<VectorSchemaRoot> outputs = new ArrayDeque<>();
    private final int capacity;
    private long version;
    private boolean runEnded;
    private boolean closed;

    /**
     * @param inputOfStage for each {@code pipeline.input} stage of the sub-pipeline, the parent
     *                     input it receives
     * @param capacity     how many batches each queue holds before the side filling it waits
     */
    Exchange(Map<String, String> inputOfStage, int capacity) {
        inputOfStage.forEach((stageId, input) -> channels.put(stageId, new Channel(input)));
        this.capacity = capacity;
    }

    /** The {@code pipeline.input} stages that receive {@code input}, in sub-pipeline order. */
    List<String> readersOf(String input) {
        return channels.entrySet().stream().filter(e -> e.getValue().input.equals(input)).map(Map.Entry::getKey)
                .toList();
    }

    /** How many changes happened so far; pass it to {@link #awaitChange} to wait for the next one. */
    long version() {
        lock.lock();
        try {
            return version;
        } finally {
            lock.unlock();
        }
    }

    /** Waits up to {@code nanos} for a change after {@code seen}; returns at once if there was one. */
    void awaitChange(long seen, long nanos) throws InterruptedException {
        lock.lock();
        try {
            long left = nanos;
            while (version == seen && left > 0) {
                left = changed.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    // The parent's side.

    /**
     * Queues {@code batch} for the {@code pipeline.input} stage {@code stageId}, unless its channel
     * is full. When the sub-pipeline has ended (or the exchange is closed) the batch is released:
     * nobody will read it.
     *
     * @return whether the exchange took the batch; if not, the caller still owns it
     */
    boolean tryPut(String stageId, VectorSchemaRoot batch) {
        lock.lock();
        try {
            Channel channel = channels.get(stageId);
            if (closed || runEnded) {
                batch.close();
                return true;
            }
            if (channel.queue.size() >= capacity) {
                return false;
            }
            channel.queue.add(batch);
            signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Marks the end of a parent input: its channels end once drained. */
    void endInput(String input) {
        lock.lock();
        try {
            channels.values().stream().filter(c -> c.input.equals(input)).forEach(c -> c.ended = true);
            signal();
        } finally {
            lock.unlock();
        }
    }

    /** Marks every parent input as ended. */
    void endAllInputs() {
        lock.lock();
        try {
            channels.values().forEach(c -> c.ended = true);
            signal();
        } finally {
            lock.unlock();
        }
    }

    /** The next batch the sub-pipeline returned, owned by the caller, or {@code null}. */
    VectorSchemaRoot pollOutput() {
        lock.lock();
        try {
            VectorSchemaRoot batch = outputs.poll();
            if (batch != null) {
                signal();
            }
            return batch;
        } finally {
            lock.unlock();
        }
    }

    /** Called once the sub-pipeline's run has ended, whatever its outcome. */
    void runEnded() {
        lock.lock();
        try {
            runEnded = true;
            signal();
        } finally {
            lock.unlock();
        }
    }

    boolean isRunEnded() {
        lock.lock();
        try {
            return runEnded;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the run has ended and every batch it returned has been taken. */
    boolean isDrained() {
        lock.lock();
        try {
            return runEnded && outputs.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** Releases every queued batch; from now on, whatever is handed over is released at once. */
    void close() {
        lock.lock();
        try {
            closed = true;
            channels.values().forEach(c -> release(c.queue));
            release(outputs);
            signal();
        } finally {
            lock.unlock();
        }
    }

    // The sub-pipeline's side.

    /**
     * Takes the next batch of the {@code pipeline.input} stage {@code stageId}, or its end once the
     * parent input has ended and the channel is empty, waiting up to {@code nanos} for either. A
     * closed exchange never reports an end: its run is being stopped, not completed.
     *
     * @return what was found, or {@code null} when nothing came in time
     */
    Item take(String stageId, long nanos) throws InterruptedException {
        lock.lock();
        try {
            Channel channel = channels.get(stageId);
            long left = nanos;
            while (true) {
                VectorSchemaRoot batch = channel.queue.poll();
                if (batch != null) {
                    signal();
                    return new Item(batch);
                }
                if (channel.ended && !closed) {
                    return new Item(null);
                }
                if (left <= 0) {
                    return null;
                }
                left = changed.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Queues a batch the sub-pipeline returns, waiting up to {@code nanos} for room.
     *
     * @return whether the exchange took the batch (it releases it at once when closed); if not,
     *         the caller still owns it
     */
    boolean tryPutOutput(VectorSchemaRoot batch, long nanos) throws InterruptedException {
        lock.lock();
        try {
            long left = nanos;
            while (!closed && outputs.size() >= capacity) {
                if (left <= 0) {
                    return false;
                }
                left = changed.awaitNanos(left);
            }
            if (closed) {
                batch.close();
            } else {
                outputs.add(batch);
                signal();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void signal() {
        version++;
        changed.signalAll();
    }

    private static void release(ArrayDeque<VectorSchemaRoot> queue) {
        VectorSchemaRoot batch;
        while ((batch = queue.poll()) != null) {
            batch.close();
        }
    }
}
