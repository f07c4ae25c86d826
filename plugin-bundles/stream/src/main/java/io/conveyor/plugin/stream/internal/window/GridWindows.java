package io.conveyor.plugin.stream.internal.window;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Tumbling and sliding windows: window {@code m} is {@code [m * slide, m * slide + size)} (tumbling
 * windows slide by their size). On a time axis windows are aligned to 0 (the epoch) and close
 * once a row at or after their end arrives; on the row axis (keys 0, 1, 2, ...) they start at
 * row 0 and close with their last row. Windows no row falls in are never opened.
 */
final class GridWindows extends Windows {

    private final double size;
    private final double slide;
    private final boolean rows;
    private final TreeMap<Long, Window> open = new TreeMap<>();
    private final List<Window> closed = new ArrayList<>();
    private double watermark = Double.NEGATIVE_INFINITY;

    /** @param rows whether keys are row numbers (windows start at row 0 and close on their last row) */
    GridWindows(double size, double slide, boolean rows) {
        this.size = size;
        this.slide = slide;
        this.rows = rows;
    }

    @Override
    void add(double key) throws LateRow {
        long last = (long) Math.floor(key / slide);
        long first = (long) Math.floor((key - size) / slide) + 1;
        if (rows) {
            first = Math.max(0, first);
        }
        // floating-point division may put the key one window off at a boundary
        while (first <= last && first * slide + size <= key) {
            first++;
        }
        while (last >= first && last * slide > key) {
            last--;
        }
        if (first <= last && first * slide + size <= watermark) {
            throw new LateRow(window(first));
        }
        for (long m = first; m <= last; m++) {
            open.computeIfAbsent(m, this::window);
        }
        watermark = Math.max(watermark, key);
        closeUpTo(rows ? watermark + 1 : watermark);
    }

    private Window window(long m) {
        return new Window(m * slide, m * slide + size);
    }

    private void closeUpTo(double limit) {
        while (!open.isEmpty() && open.firstEntry().getValue().end() <= limit) {
            closed.add(open.pollFirstEntry().getValue());
        }
    }

    @Override
    List<Window> closed() {
        List<Window> result = List.copyOf(closed);
        closed.clear();
        return result;
    }

    @Override
    List<Window> closeAll() {
        for (Map.Entry<Long, Window> entry : open.entrySet()) {
            closed.add(entry.getValue());
        }
        open.clear();
        return closed();
    }

    @Override
    double keepFrom() {
        return open.isEmpty() ? Double.POSITIVE_INFINITY : open.firstEntry().getValue().start();
    }
}
