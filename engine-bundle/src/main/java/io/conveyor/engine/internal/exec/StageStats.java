package io.conveyor.engine.internal.exec;

/**
 * What one stage did during a run. Written by the stage's own thread; read by the run once the
 * stage has finished (the finish latch orders the reads after the writes).
 */
final class StageStats {

    /** How a stage ended, as {@code StageReportDTO.status} reports it. */
    enum Status { NOT_STARTED, SUCCEEDED, FAILED, CANCELLED }

    private volatile long rowsIn;
    private volatile long rowsOut;
    private volatile long batchesIn;
    private volatile long batchesOut;
    private volatile long startNanos;
    private volatile long endNanos;
    private volatile Status status = Status.NOT_STARTED;

    void started() {
        startNanos = System.nanoTime();
    }

    void ended(Status finalStatus) {
        endNanos = System.nanoTime();
        status = finalStatus;
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

    Status status() {
        return status;
    }

    long millis() {
        return startNanos == 0 || endNanos == 0 ? 0 : (endNanos - startNanos) / 1_000_000;
    }
}
