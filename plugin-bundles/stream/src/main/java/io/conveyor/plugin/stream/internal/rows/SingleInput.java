package io.conveyor.plugin.stream.internal.rows;

import java.util.List;
import java.util.Optional;

import org.apache.arrow.vector.types.pojo.Schema;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.api.stage.SchemaContext;
import io.conveyor.api.stage.StageException;

/**
 * The streaming transforms read one ordered stream: rows of several inputs would interleave in
 * an order that depends on timing, and windows and chunks follow the order of rows.
 */
public final class SingleInput {

    private SingleInput() {
    }

    /** The problem with a list of inputs that is not exactly one, or {@code null}. */
    public static ConfigProblem problem(String function, List<String> inputs) {
        if (inputs.size() == 1) {
            return null;
        }
        return new ConfigProblem(null, function + " takes exactly one input, the stream it reads in order; got "
                + inputs.size() + (inputs.isEmpty() ? "" : " (" + String.join(", ", inputs) + ")"));
    }

    /** Throws the {@link #problem} as a config error. */
    public static void check(String function, List<String> inputs) throws StageException {
        ConfigProblem problem = problem(function, inputs);
        if (problem != null) {
            throw StageException.config(null, problem.message());
        }
    }

    /**
     * The schema of the one input, when known; reports a problem and gives empty when there is
     * not exactly one input.
     */
    public static Optional<Schema> schema(String function, SchemaContext context) {
        ConfigProblem problem = problem(function, context.inputs());
        if (problem != null) {
            context.report(problem);
            return Optional.empty();
        }
        return context.input(context.inputs().get(0));
    }
}
