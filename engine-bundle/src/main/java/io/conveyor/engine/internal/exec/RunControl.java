package io.conveyor.engine.internal.exec;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.conveyor.api.stage.StageException;
import io.conveyor.engine.internal.model.Problem;

/**
 * The shared state of one run: whether it is stopping, the first failure, how many stages are
 * still working (sinks commit only once every stage has finished its work), and how many stage
 * threads have not ended yet.
 *
 * <p>One lock guards this state and every queue of the run ({@link Inbox} waits on conditions of
 * {@link #lock()}), so the {@link StallDetector} sees all queues at once.
 *
 * <p>Threading: thread-safe; every stage thread and the run's own thread use it.
 */
final class RunControl {

    private static final Logger LOG = LoggerFactory.getLogger(RunControl.class);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<Inbox> inboxes = new CopyOnWriteArrayList<>();
    private final StallDetector stalls;
    private final Function<String, Problem> stalled;
    private volatile Problem failure;
    private int unopened;
    private int working;
    private int running;
    private Runnable afterLastEnd;

    /**
     * @param stageIds every stage of the run, in plan order
     * @param stalled  the failure to record when the run stalls, given the stall's description
     */
    RunControl(List<String> stageIds, Function<String, Problem> stalled) {
        this.stalls = new StallDetector(stageIds);
        this.stalled = stalled;
        this.unopened = stageIds.size();
        this.working = stageIds.size();
        this.running = stageIds.size();
    }

    /** The run's lock: inboxes guard their queues with it and wait on its conditions. */
    ReentrantLock lock() {
        return lock;
    }

    void register(Inbox inbox) {
        inboxes.add(inbox);
    }

    /**
     * Records the reason the run fails, unless one was recorded before, and stops every stage:
     * blocked queue operations wake up and throw a cancellation.
     *
     * @return whether this was the first failure
     */
    boolean fail(Problem reason) {
        lock.lock();
        try {
            if (failure != null) {
                return false;
            }
            failure = reason;
            changed.signalAll();
            inboxes.forEach(Inbox::wakeUp);
            return true;
        } finally {
            lock.unlock();
        }
    }

    boolean isStopped() {
        return failure != null;
    }

    /** The first failure, or {@code null} while the run goes well. */
    Problem failure() {
        return failure;
    }

    /** Called exactly once per stage, once its task is open (or will never be). */
    void opened() {
        lock.lock();
        try {
            unopened--;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until every stage has opened its task, so that data flows only once the whole run
     * has started: a run failing later has every task to close and every sink to abort.
     *
     * @throws StageException cancelled, if the run fails meanwhile
     */
    void awaitAllOpened() throws StageException {
        lock.lock();
        try {
            while (unopened > 0 && failure == null) {
                changed.awaitUninterruptibly();
            }
            if (failure != null) {
                throw StageException.cancelled();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits on {@code condition} until {@code wait} can proceed or the run stops. If this stage
     * was the last one that could make progress, the run fails as stalled instead. The caller
     * holds {@link #lock()} and has seen that it must wait.
     */
    void awaitQueue(String stageId, StallDetector.QueueWait wait, Condition condition) {
        stalls.waiting(stageId, wait);
        try {
            failIfStalled();
            while (failure == null && !wait.canProceed()) {
                condition.awaitUninterruptibly();
            }
        } finally {
            stalls.resumed(stageId);
        }
    }

    /** Called exactly once per stage, when its work (not its commit or close) is over. */
    void workFinished() {
        lock.lock();
        try {
            working--;
            changed.signalAll();
            failIfStalled(); // the stages still working may all be waiting on each other
        } finally {
            lock.unlock();
        }
    }

    private void failIfStalled() {
        if (failure == null) {
            String stall = stalls.stall(working);
            if (stall != null) {
                fail(stalled.apply(stall));
            }
        }
    }

    /**
     * Waits until every stage has finished its work or the run has failed.
     *
     * @return {@code true} if every stage finished and nothing failed: sinks may commit
     */
    boolean awaitAllWorkDone() throws InterruptedException {
        lock.lock();
        try {
            while (working > 0 && failure == null) {
                changed.await();
            }
            return failure == null;
        } finally {
            lock.unlock();
        }
    }

    /** Called exactly once per stage, as the last thing its thread does for the run. */
    void stageEnded() {
        Runnable action = null;
        lock.lock();
        try {
            running--;
            changed.signalAll();
            if (running == 0) {
                action = afterLastEnd;
                afterLastEnd = null;
            }
        } finally {
            lock.unlock();
        }
        if (action != null) {
            runQuietly(action);
        }
    }

    /**
     * Runs {@code action} once every stage thread has ended: now if they have, otherwise on the
     * thread of the last one to end (a stage that did not stop in time and returned later).
     */
    void afterLastStageEnded(Runnable action) {
        lock.lock();
        try {
            if (running > 0) {
                afterLastEnd = action;
                return;
            }
        } finally {
            lock.unlock();
        }
        runQuietly(action);
    }

    private static void runQuietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.warn("Cleaning up after a run failed: {}", e.toString());
        }
    }

    /** Waits up to {@code nanos} until every stage thread has ended or the run is stopping; whether all ended. */
    boolean awaitEndedOrStopped(long nanos) throws InterruptedException {
        return awaitEnded(nanos, true);
    }

    /** Waits up to {@code nanos} until every stage thread has ended; whether they all did. */
    boolean awaitEnded(long nanos) throws InterruptedException {
        return awaitEnded(nanos, false);
    }

    /** As {@link #awaitEnded(long)}, but an interrupt does not cut the wait short (it is kept for the caller). */
    boolean awaitEndedUninterruptibly(long nanos) {
        long deadline = System.nanoTime() + nanos;
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return awaitEnded(Math.max(0, deadline - System.nanoTime()));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean awaitEnded(long nanos, boolean orStopped) throws InterruptedException {
        lock.lock();
        try {
            long left = nanos;
            while (running > 0 && !(orStopped && failure != null)) {
                if (left <= 0) {
                    return false;
                }
                left = changed.awaitNanos(left);
            }
            return running == 0;
        } finally {
            lock.unlock();
        }
    }

    /** How many stages wait on a queue right now (for tests that need a run to reach a state). */
    int queueWaits() {
        lock.lock();
        try {
            return stalls.waiting();
        } finally {
            lock.unlock();
        }
    }
}
