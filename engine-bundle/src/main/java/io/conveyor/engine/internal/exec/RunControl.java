package io.conveyor.engine.internal.exec;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.conveyor.api.stage.StageException;
import io.conveyor.engine.internal.model.Problem;

/**
 * The shared state of one run: whether it is stopping, the first failure, and how many stages
 * are still working (sinks commit only once every stage has finished its work).
 *
 * <p>Threading: thread-safe; every stage thread and the run's own thread use it.
 */
final class RunControl {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition workChanged = lock.newCondition();
    private final List<Inbox> inboxes = new CopyOnWriteArrayList<>();
    private volatile Problem failure;
    private int unopened;
    private int working;

    RunControl(int stages) {
        this.unopened = stages;
        this.working = stages;
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
            workChanged.signalAll();
        } finally {
            lock.unlock();
        }
        inboxes.forEach(Inbox::wakeUp);
        return true;
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
            workChanged.signalAll();
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
                workChanged.awaitUninterruptibly();
            }
            if (failure != null) {
                throw StageException.cancelled();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Called exactly once per stage, when its work (not its commit or close) is over. */
    void workFinished() {
        lock.lock();
        try {
            working--;
            workChanged.signalAll();
        } finally {
            lock.unlock();
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
                workChanged.await();
            }
            return failure == null;
        } finally {
            lock.unlock();
        }
    }
}
