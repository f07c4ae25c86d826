package io.conveyor.plugin.stream.internal.window;

import java.util.ArrayList;
import java.util.List;

/**
 * Session windows: rows whose keys are less than {@code gap} apart form one session, which
 * closes once a row at least {@code gap} after its last row arrives. A session is
 * {@code [first key, last key + gap)}.
 */
final class SessionWindows extends Windows {

    private final double gap;
    private final List<Window> closed = new ArrayList<>();
    private boolean active;
    private double start;
    private double last;
    private Window lastClosed;

    SessionWindows(double gap) {
        this.gap = gap;
    }

    @Override
    void add(double key) throws LateRow {
        if (lastClosed != null && key < lastClosed.end()) {
            throw new LateRow(lastClosed);
        }
        if (active && key <= start - gap) {
            // its own session ended before the current one began
            throw new LateRow(new Window(key, key + gap));
        }
        if (active && key >= last + gap) {
            closeCurrent();
        }
        if (!active) {
            active = true;
            start = key;
            last = key;
            return;
        }
        start = Math.min(start, key);
        last = Math.max(last, key);
    }

    private void closeCurrent() {
        Window session = new Window(start, last + gap);
        closed.add(session);
        lastClosed = session;
        active = false;
    }

    @Override
    List<Window> closed() {
        List<Window> result = List.copyOf(closed);
        closed.clear();
        return result;
    }

    @Override
    List<Window> closeAll() {
        if (active) {
            closeCurrent();
        }
        return closed();
    }

    @Override
    double keepFrom() {
        return active ? start : Double.POSITIVE_INFINITY;
    }
}
