package io.conveyor.engine.internal.exec;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.conveyor.api.stage.StageException;

/**
 * The inputs of one transform or sink: a bounded queue per input (the edges of the graph), all
 * guarded by one lock so the consumer can wait for whichever accepted input has something.
 *
 * <p>Backpressure: {@link #put} blocks while that input's queue holds {@code capacity} batches.
 * Cancellation: once the run fails, every blocked or later {@link #put} and {@link #take} throws
 * {@link StageException#cancelled()}.
 */
final class Inbox {

    /** What {@link #take} returns: a batch of an input, or the end of an input ({@code batch == null}). */
    record Item(String input, SharedBatch batch) {
        boolean isEnd() {
            return batch == null;
        }
    }

    private static final class Edge {
        final ArrayDeque<SharedBatch> queue = new ArrayDeque<>();
        boolean ended;
        int highWaterMark;
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private final Condition notEmpty = lock.newCondition();
    private final Map<String, Edge> edges = new LinkedHashMap<>();
    private final int capacity;
    private final RunControl control;
    private int nextEdge;

    Inbox(Collection<String> inputs, int capacity, RunControl control) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        inputs.forEach(input -> edges.put(input, new Edge()));
        this.capacity = capacity;
        this.control = control;
    }

    /** Queues a batch reference of {@code input}, waiting while its queue is full. */
    void put(String input, SharedBatch batch) throws StageException {
        lock.lock();
        try {
            Edge edge = edge(input);
            while (edge.queue.size() >= capacity && !control.isStopped()) {
                notFull.awaitUninterruptibly();
            }
            if (control.isStopped()) {
                throw StageException.cancelled();
            }
            edge.queue.add(batch);
            edge.highWaterMark = Math.max(edge.highWaterMark, edge.queue.size());
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Marks the end of {@code input}: once its queue is drained, {@link #take} reports it. */
    void end(String input) {
        lock.lock();
        try {
            edge(input).ended = true;
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes the next batch of one of the accepted inputs, taking turns among them, or the end of
     * one of them once its queue is empty. Waits until one of them has something.
     */
    Item take(List<String> accepted) throws StageException {
        lock.lock();
        try {
            while (true) {
                if (control.isStopped()) {
                    throw StageException.cancelled();
                }
                for (int i = 0; i < accepted.size(); i++) {
                    String input = accepted.get((nextEdge + i) % accepted.size());
                    Edge edge = edge(input);
                    SharedBatch batch = edge.queue.poll();
                    if (batch != null) {
                        nextEdge = (nextEdge + i + 1) % accepted.size();
                        notFull.signalAll();
                        return new Item(input, batch);
                    }
                    if (edge.ended) {
                        return new Item(input, null);
                    }
                }
                notEmpty.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every waiting thread so it sees the run stopping. */
    void wakeUp() {
        lock.lock();
        try {
            notFull.signalAll();
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Releases every queued batch; called once no stage of the run uses this inbox any more. */
    void drain() {
        lock.lock();
        try {
            for (Edge edge : edges.values()) {
                SharedBatch batch;
                while ((batch = edge.queue.poll()) != null) {
                    batch.release();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** The most batches the queue of {@code input} ever held at once. */
    int highWaterMark(String input) {
        lock.lock();
        try {
            return edge(input).highWaterMark;
        } finally {
            lock.unlock();
        }
    }

    private Edge edge(String input) {
        Edge edge = edges.get(input);
        if (edge == null) {
            throw new IllegalArgumentException("no input '" + input + "'");
        }
        return edge;
    }
}
