package io.conveyor.itests;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Bounded waiting for something the framework does on its own threads (FileInstall scans, DS
 * binding). The bound only turns a hang into a failure; no assertion depends on timing.
 */
final class Await {

    /** Generous: FileInstall needs one or two 200 ms polls, a loaded CI machine more. */
    static final Duration BOUND = Duration.ofSeconds(30);

    private static final long POLL_MILLIS = 50;

    private Await() {
    }

    /** Returns once {@code condition} holds; fails if it does not within {@link #BOUND}. */
    static void until(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("gave up after " + BOUND.toSeconds() + " s waiting for " + what);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }
}
