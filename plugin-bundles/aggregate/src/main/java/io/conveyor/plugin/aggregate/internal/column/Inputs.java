package io.conveyor.plugin.aggregate.internal.column;

import java.util.List;
import java.util.stream.Collectors;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.api.stage.ErrorCode;
import io.conveyor.api.stage.SchemaContext;
import io.conveyor.api.stage.StageException;

/** Checks the number of inputs a stage is given, with one wording at validation and at run time. */
public final class Inputs {

    private Inputs() {
    }

    /** The problem with {@code inputs} for a stage taking {@code expected} of them, or null. */
    public static String countProblem(String function, List<String> inputs, int expected, String advice) {
        if (inputs.size() == expected) {
            return null;
        }
        String listed = inputs.isEmpty() ? "none"
                : inputs.size() + " (" + inputs.stream().map(i -> "'" + i + "'").collect(Collectors.joining(", ")) + ")";
        return function + " takes " + (expected == 1 ? "exactly one input" : "exactly " + expected + " inputs")
                + ", got " + listed + advice;
    }

    /** Reports the problem at validation; true when the count is right. */
    public static boolean check(String function, SchemaContext context, int expected, String advice) {
        String problem = countProblem(function, context.inputs(), expected, advice);
        if (problem != null) {
            context.report(new ConfigProblem(null, problem));
        }
        return problem == null;
    }

    /** Throws the problem as a plan error at run time. */
    public static void require(String function, List<String> inputs, int expected, String advice)
            throws StageException {
        String problem = countProblem(function, inputs, expected, advice);
        if (problem != null) {
            throw new StageException(ErrorCode.PLAN, null, problem, null);
        }
    }
}
