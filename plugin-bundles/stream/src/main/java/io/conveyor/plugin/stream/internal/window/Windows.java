package io.conveyor.plugin.stream.internal.window;

import java.util.List;

/**
 * Decides which windows rows belong to, by their key on the window's axis, and when a window
 * closes. A window holds the rows whose key is in {@code [start, end)}.
 *
 * <p>Keys must come in order, except within windows that are still open: a row whose window
 * has already closed (a later key came before it) is a {@link LateRow}.
 */
abstract class Windows {

    /** The rows with keys in {@code [start, end)}. */
    record Window(double start, double end) {
        boolean contains(double key) {
            return key >= start && key < end;
        }
    }

    /** A row that belongs to a window that has already closed. */
    static final class LateRow extends Exception {
        private static final long serialVersionUID = 1L;

        final transient Window window;

        LateRow(Window window) {
            super(null, null, false, false);
            this.window = window;
        }
    }

    /** Places a row with this key; the windows it closes are returned by the next {@link #closed()}. */
    abstract void add(double key) throws LateRow;

    /** The windows closed since the last call, in order of their start. */
    abstract List<Window> closed();

    /** Closes every window still open (at the end of the input), in order of their start. */
    abstract List<Window> closeAll();

    /** Rows with a key below this belong to no open window and never will. */
    abstract double keepFrom();
}
