package io.conveyor.engine.internal.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.conveyor.engine.internal.model.Problem;

/** Orders problems the way a reader meets them in the file; unlocated ones come first. */
public final class ProblemOrder {

    private static final Comparator<Problem> BY_POSITION = Comparator
            .comparingInt((Problem p) -> p.location() == null ? 0 : p.location().line())
            .thenComparingInt(p -> p.location() == null ? 0 : p.location().column());

    private ProblemOrder() {
    }

    /**
     * The loader's problems and the planner's, sorted, without duplicates. A planner problem about
     * a stage's config key the loader already reported (a value left with an undefined
     * {@code {{name}}} in it) is dropped: it would only be a consequence of the first.
     */
    public static List<Problem> merged(List<Problem> loaded, List<Problem> planned) {
        Set<Problem> all = new LinkedHashSet<>(loaded);
        Set<List<String>> reportedKeys = new HashSet<>();
        for (Problem problem : loaded) {
            if (problem.stageId() != null && problem.key() != null) {
                reportedKeys.add(List.of(problem.stageId(), problem.key()));
            }
        }
        for (Problem problem : planned) {
            boolean consequence = problem.stageId() != null && problem.key() != null
                    && reportedKeys.contains(List.of(problem.stageId(), problem.key()));
            if (!consequence) {
                all.add(problem);
            }
        }
        return sorted(List.copyOf(all));
    }

    /** A sorted copy; problems at the same place keep the order they were found in. */
    public static List<Problem> sorted(List<Problem> problems) {
        List<Problem> copy = new ArrayList<>(problems);
        copy.sort(BY_POSITION);
        return List.copyOf(copy);
    }
}
