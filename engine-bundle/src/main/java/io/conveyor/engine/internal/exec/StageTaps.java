package io.conveyor.engine.internal.exec;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The taps attached to one stage's output. With none attached, {@link #offer} costs one volatile
 * read. Once the run has ended, every tap is ended and a new one ends at once.
 *
 * <p>Threading: any thread may attach and detach; the stage's thread offers.
 */
final class StageTaps {

    private final List<StageTap> attached = new CopyOnWriteArrayList<>();
    private volatile boolean runEnded;

    void offer(VectorSchemaRoot batch) {
        if (!attached.isEmpty()) {
            attached.forEach(tap -> tap.offer(batch));
        }
    }

    void attach(StageTap tap) {
        attached.add(tap);
        if (runEnded) {
            tap.end();
        }
    }

    void detach(StageTap tap) {
        attached.remove(tap);
    }

    int attached() {
        return attached.size();
    }

    void endRun() {
        runEnded = true;
        attached.forEach(StageTap::end);
    }
}
