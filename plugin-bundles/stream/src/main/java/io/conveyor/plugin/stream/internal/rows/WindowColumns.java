package io.conveyor.plugin.stream.internal.rows;

import java.util.List;

import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The columns window.apply adds to every row it emits. aggregate.stream recognises them and
 * aggregates each window on its own, as the original's per-window stream items were.
 */
public final class WindowColumns {

    public static final String ID = "window_id";
    public static final String START = "window_start";
    public static final String END = "window_end";
    public static final List<String> ALL = List.of(ID, START, END);

    private WindowColumns() {
    }

    /** Whether a schema has all three window columns. */
    public static boolean present(Schema schema) {
        return ALL.stream().allMatch(name -> schema.getFields().stream().anyMatch(f -> f.getName().equals(name)));
    }
}
