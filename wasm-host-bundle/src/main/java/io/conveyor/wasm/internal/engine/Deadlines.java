package io.conveyor.wasm.internal.engine;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Interrupts a thread whose call into a module runs past its deadline. One daemon thread serves
 * every instance; {@link #shutdown} ends it.
 */
public final class Deadlines {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "conveyor-wasm-deadlines");
        thread.setDaemon(true);
        return thread;
    });

    /** A deadline armed for one call; {@link #disarm} it when the call returns, however it returns. */
    public final class Armed {
        private final Object lock = new Object();
        private final ScheduledFuture<?> alarm;
        private boolean disarmed;
        private boolean fired;

        private Armed(Thread caller, long millis) {
            this.alarm = timer.schedule(() -> {
                synchronized (lock) {
                    if (!disarmed) {
                        fired = true;
                        caller.interrupt();
                    }
                }
            }, millis, TimeUnit.MILLISECONDS);
        }

        /**
         * Stops the alarm. Clears the interrupt the alarm made, if it fired, so that it cannot
         * reach the caller's next blocking call.
         *
         * @return whether the deadline passed during the call
         */
        public boolean disarm() {
            alarm.cancel(false);
            synchronized (lock) {
                disarmed = true;
                if (fired) {
                    Thread.interrupted();
                }
                return fired;
            }
        }
    }

    public Armed arm(long millis) {
        return new Armed(Thread.currentThread(), millis);
    }

    public void shutdown() {
        timer.shutdownNow();
    }
}
