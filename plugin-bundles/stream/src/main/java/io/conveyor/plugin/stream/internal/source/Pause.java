package io.conveyor.plugin.stream.internal.source;

import io.conveyor.api.stage.StageContext;
import io.conveyor.api.stage.StageException;

/** How file.watch waits between polls; tests pass one that does not wait. */
interface Pause {

    /** Slice of a wait after which a stopping run is noticed. */
    long SLICE_MILLIS = 100;

    void sleep(long millis) throws StageException;

    /** Sleeps in slices, returning early once the run is stopping. */
    static Pause untilStopped(StageContext context) {
        return millis -> {
            long deadline = System.nanoTime() + millis * 1_000_000;
            try {
                long left;
                while (!context.isStopped() && (left = (deadline - System.nanoTime()) / 1_000_000) > 0) {
                    Thread.sleep(Math.min(left, SLICE_MILLIS));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw StageException.cancelled();
            }
        };
    }
}
