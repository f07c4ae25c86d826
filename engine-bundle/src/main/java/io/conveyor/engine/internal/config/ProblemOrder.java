package io.conveyor.engine.internal.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.conveyor.engine.internal.model.Problem;

/** Orders problems the way a reader meets them in the file; unlocated ones come first. */
public final class ProblemOrder {

    private static final Comparator<Problem> BY_POSITION = Comparator
            .comparingInt((Problem p) -> p.location() == null ? 0 : p.location().line())
            .thenComparingInt(p -> p.location() == null ? 0 : p.location().column());

    private ProblemOrder() {
    }

    /** A sorted copy; problems at the same place keep the order they were found in. */
    public static List<Problem> sorted(List<Problem> problems) {
        List<Problem> copy = new ArrayList<>(problems);
        copy.sort(BY_POSITION);
        return List.copyOf(copy);
    }
}
