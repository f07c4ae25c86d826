package io.conveyor.engine.internal.exec;

import io.conveyor.api.stage.Stage;

/**
 * A stage service held for one run. Closing the lease releases the service object (the
 * {@code ungetService} matching its {@code getService}); it is closed exactly once, when the run ends.
 */
public interface StageLease extends AutoCloseable {

    /** The service instance this run uses; a {@code Source}, {@code Transform} or {@code Sink}. */
    Stage stage();

    /** The bundle and version serving it, e.g. {@code io.conveyor.plugin.core 0.1.0}. */
    String provider();

    /** Releases the service object. Never throws. */
    @Override
    void close();
}
