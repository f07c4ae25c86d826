package io.conveyor.engine.internal.exec;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

import io.conveyor.api.stage.StageException;

/**
 * The inputs of one transform or sink: a bounded queue per input (the edges of the graph), so the
 * consumer can wait for whichever accepted input has something. All queues of a run share the
 * run's lock ({@link RunControl#lock()}), so the run can tell when every stage waits on another.
 *
 * <p>Backpressure: {@link #put} blocks while that input's queue holds {@code capacity} batches.
 * Cancellation: once the run fails, every blocked or later {@link #put} and {@link #take} throws
 * {@link StageException#cancelled()}. Once the consumer has {@linkplain #stopReading() stopped
 * reading}, {@link #put} releases what it is given and never blocks.
 */
final class Inbox {

    /** What {@link #take} returns: a batch of an input, or the end of an input ({@code batch == null}). */
    record Item(String input, SharedBatch batch) {
        boolean isEnd() {
            return batch == null;
        }

        /** Releases the batch, for an item that will not be handled. */
        void release() {
            if (batch != null) {
                batch.release();
            }
        }
    }

    private static final class Edge {
        final ArrayDeque<SharedBatch> queue = new ArrayDeque<>();
        boolean ended;
        int highWaterMark;
    }

    private final String owner;
    private final ReentrantLock lock;
    private final Condition notFull;
    private final Condition notEmpty;
    private final Map<String, Edge> edges = new LinkedHashMap<>();
    private final int capacity;
    private final RunControl control;
    private boolean discarding;
    private int nextEdge;

    /** @param owner the id of the stage reading these inputs */
    Inbox(String owner, Collection<String> inputs, int capacity, RunControl control) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.owner = owner;
        inputs.forEach(input -> edges.put(input, new Edge()));
        this.capacity = capacity;
        this.control = control;
        this.lock = control.lock();
        this.notFull = lock.newCondition();
        this.notEmpty = lock.newCondition();
    }

    /**
     * Queues a batch reference of {@code input}, waiting while its queue is full. The reference
     * passes to the inbox, unless this throws.
     */
    void put(String input, SharedBatch batch) throws StageException {
        lock.lock();
        try {
            Edge edge = edge(input);
            if (!discarding && edge.queue.size() >= capacity && !control.isStopped()) {
                control.awaitQueue(input, new RoomWait(input, edge), notFull);
            }
            if (control.isStopped()) {
                throw StageException.cancelled();
            }
            if (discarding) {
                batch.release();
                return;
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
     * one of them once its queue is empty. Waits until one of them has something, or until
     * {@code leave} holds (checked again after each {@link #wakeUp}): then returns {@code null}.
     */
    Item take(List<String> accepted, BooleanSupplier leave) throws StageException {
        lock.lock();
        try {
            while (true) {
                if (control.isStopped()) {
                    throw StageException.cancelled();
                }
                Item item = poll(accepted);
                if (item != null) {
                    return item;
                }
                if (leave.getAsBoolean()) {
                    return null;
                }
                control.awaitQueue(owner, new InputWait(accepted, leave), notEmpty);
            }
        } finally {
            lock.unlock();
        }
    }

    private Item poll(List<String> accepted) {
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
        return null;
    }

    /**
     * The consumer is done reading: releases what is queued, and from now on {@link #put}
     * releases what it is given at once, so producers never block on this consumer.
     */
    void stopReading() {
        lock.lock();
        try {
            discarding = true;
            releaseQueued();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every waiting thread so it sees the run stopping, or the condition to leave {@link #take}. */
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
            releaseQueued();
        } finally {
            lock.unlock();
        }
    }

    private void releaseQueued() {
        for (Edge edge : edges.values()) {
            SharedBatch batch;
            while ((batch = edge.queue.poll()) != null) {
                batch.release();
            }
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

    /** A producer waiting for room in its queue to this inbox. */
    private final class RoomWait implements StallDetector.QueueWait {
        private final String input;
        private final Edge edge;

        RoomWait(String input, Edge edge) {
            this.input = input;
            this.edge = edge;
        }

        @Override
        public boolean canProceed() {
            return discarding || edge.queue.size() < capacity;
        }

        @Override
        public String describe() {
            return "'" + input + "' waits for room in '" + owner + "'";
        }
    }

    /** The consumer waiting for a batch or the end of one of the inputs it accepts, or to leave. */
    private final class InputWait implements StallDetector.QueueWait {
        private final List<String> accepted;
        private final BooleanSupplier leave;

        InputWait(List<String> accepted, BooleanSupplier leave) {
            this.accepted = accepted;
            this.leave = leave;
        }

        @Override
        public boolean canProceed() {
            if (leave.getAsBoolean()) {
                return true;
            }
            for (String input : accepted) {
                Edge edge = edge(input);
                if (!edge.queue.isEmpty() || edge.ended) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String describe() {
            List<String> full = new ArrayList<>();
            edges.forEach((input, edge) -> {
                if (!accepted.contains(input) && edge.queue.size() >= capacity) {
                    full.add(input);
                }
            });
            String clause = "'" + owner + "' waits for input " + quotedList(accepted, "or");
            if (full.isEmpty()) {
                return clause;
            }
            return clause + " while " + (full.size() == 1 ? "input " : "inputs ") + quotedList(full, "and")
                    + (full.size() == 1 ? " is full" : " are full");
        }
    }

    /** {@code 'a'}, {@code 'a' or 'b'}, {@code 'a', 'b' or 'c'}. */
    private static String quotedList(List<String> names, String conjunction) {
        List<String> quoted = names.stream().map(name -> "'" + name + "'").toList();
        if (quoted.size() == 1) {
            return quoted.get(0);
        }
        String last = quoted.get(quoted.size() - 1);
        return String.join(", ", quoted.subList(0, quoted.size() - 1)) + " " + conjunction + " " + last;
    }

    /** How many batches wait in all input queues right now. */
    int queued() {
        lock.lock();
        try {
            return edges.values().stream().mapToInt(edge -> edge.queue.size()).sum();
        } finally {
            lock.unlock();
        }
    }
}
