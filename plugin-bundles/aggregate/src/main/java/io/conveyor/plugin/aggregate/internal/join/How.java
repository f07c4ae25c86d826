package io.conveyor.plugin.aggregate.internal.join;

import java.util.Locale;

/** The join types. */
enum How {
    INNER, LEFT, RIGHT, FULL, SEMI, ANTI;

    static How parse(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** Whether left rows without a match are kept (with nulls on the right). */
    boolean keepsUnmatchedLeft() {
        return this == LEFT || this == FULL;
    }

    /** Whether right rows without a match are kept (with nulls on the left), at the end. */
    boolean keepsUnmatchedRight() {
        return this == RIGHT || this == FULL;
    }

    /** Whether the output has the right input's columns. */
    boolean hasRightColumns() {
        return this != SEMI && this != ANTI;
    }

    String displayName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
