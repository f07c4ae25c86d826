package io.conveyor.engine.internal.model;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a pipeline cannot be loaded or planned; carries every problem found. */
public class PipelineException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    public PipelineException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a PipelineException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public PipelineException(Problem problem) {
        this(List.of(problem));
    }

    public List<Problem> problems() {
        return problems;
    }
}
