package io.conveyor.engine.internal.exec;

import io.conveyor.api.runtime.StageActivityDTO;

/**
 * What one stage did during a run. Counts are written by the stage's own thread and read by the
 * run once the stage has ended (the run's lock orders the reads after the writes). How the stage
 * ended is set once: by its thread, or by the run when the stage did not stop in time.
 */
final class StageStats {

    /** How a stage ended, as {@code StageReportDTO.status} reports it. */
    enum Status { NOT_STARTED, SUCCEEDED, FAILED, CANCELLED, STUCK }

    private volatile long rowsIn;
    private volatile long rowsOut;
    private volatile long batchesIn;
    private volatile long batchesOut;
    private volatile long startNanos;
    private long endNanos;
    private boolean ended;
    private Status status = Status.NOT_STARTED;

    void started() {
        startNanos = System.nanoTime();
    }

    /** Records how the stage ended, unless the run already gave up on it as stuck. */
    synchronized void ended(Status finalStatus) {
        if (!ended) {
            ended = true;
            endNanos = System.nanoTime();
            status = finalStatus;
        }
    }

    /**
     * Records that the stage did not stop in time, unless it has ended meanwhile.
     *
     * @return whether the stage was still running
     */
    synchronized boolean stuck() {
        if (ended) {
            return false;
        }
        ended(Status.STUCK);
        return true;
    }

    void received(int rows) {
        rowsIn += rows;
        batchesIn++;
    }

    void emitted(int rows) {
        rowsOut += rows;
        batchesOut++;
    }

    long rowsIn() {
        return rowsIn;
    }

    long rowsOut() {
        return rowsOut;
    }

    long batchesIn() {
        return batchesIn;
    }

    long batchesOut() {
        return batchesOut;
    }

    synchronized Status status() {
        return status;
    }

    /** {@code RUNNING} between the start and end of the stage's thread, else its {@link #status()}. */
    synchronized String liveStatus() {
        return startNanos != 0 && !ended ? StageActivityDTO.RUNNING : status.name();
    }

    /** From the start of the stage's thread to now, or to its end (0 if it never started). */
    synchronized long elapsedMillis() {
        if (startNanos == 0) {
            return 0;
        }
        return ((ended ? endNanos : System.nanoTime()) - startNanos) / 1_000_000;
    }

    /** From the start to the end of the stage's thread (0 if it never started), or to when it was found stuck. */
    synchronized long millis() {
        return startNanos == 0 || !ended ? 0 : (endNanos - startNanos) / 1_000_000;
    }
}
