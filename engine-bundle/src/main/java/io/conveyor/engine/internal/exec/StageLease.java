package io.conveyor.engine.internal.exec;

import io.conveyor.api.stage.Stage;

/**
 * A stage service held for one run. Closing the lease releases the service object (the
 * {@code ungetService} matching its {@code getService}); it is closed exactly once, when the run
 * ends or when the run moves the stage to another provider.
 */
public interface StageLease extends AutoCloseable {

    /** The service instance this run uses; a {@code Source}, {@code Transform} or {@code Sink}. */
    Stage stage();

    /** The bundle and version serving it, e.g. {@code io.conveyor.plugin.core 0.1.0}. */
    String provider();

    /**
     * Whether the service went away since it was leased: its bundle was stopped, updated or
     * uninstalled. The object stays usable for a run that finishes on it.
     */
    default boolean revoked() {
        return false;
    }

    /**
     * Says that the holder moves off the service as soon as it goes away (a continuous run does):
     * {@code wake} then runs on the thread unregistering the service, which waits, for a bounded
     * time, until this lease is closed. The departing bundle is thus neither stopped nor refreshed
     * while a task opened from it is still in use: a refreshed revision's class loader refuses
     * the classes it has not loaded yet, so code still running there could fail at any point.
     */
    default void moveOnRevoke(Runnable wake) {
    }

    /** Releases the service object. Never throws. */
    @Override
    void close();
}
