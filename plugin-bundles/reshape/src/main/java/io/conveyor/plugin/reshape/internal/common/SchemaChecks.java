package io.conveyor.plugin.reshape.internal.common;

import java.util.List;
import java.util.Optional;

import org.apache.arrow.vector.types.pojo.Schema;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.api.stage.ErrorCode;
import io.conveyor.api.stage.SchemaContext;
import io.conveyor.api.stage.StageException;

/**
 * Runs a stage's schema checks in the two places they apply: during validation, against the
 * schema the upstream stage declared, and at run time, against the first batch when nothing was
 * declared. The same check gives the same message in both.
 */
public final class SchemaChecks {

    private SchemaChecks() {
    }

    /** The schema of a one-input transform's input, when the engine knows it. */
    public static Optional<Schema> onlyInput(SchemaContext context) {
        return context.inputs().isEmpty() ? Optional.empty() : context.input(context.inputs().get(0));
    }

    /** The input name validation messages use for a one-input transform. */
    public static String onlyInputName(SchemaContext context) {
        return context.inputs().isEmpty() ? "in" : context.inputs().get(0);
    }

    /** Reports every problem to the engine; the output schema when there were none. */
    public static Optional<Schema> report(SchemaContext context, List<ConfigProblem> problems, Schema output) {
        problems.forEach(context::report);
        return problems.isEmpty() ? Optional.ofNullable(output) : Optional.empty();
    }

    /**
     * Throws the first problem found at run time as a {@link ErrorCode#DATA} error located at its
     * key: the config is well formed, but the data that arrived does not fit it.
     */
    public static void throwFirst(List<ConfigProblem> problems) throws StageException {
        if (!problems.isEmpty()) {
            ConfigProblem first = problems.get(0);
            throw new StageException(ErrorCode.DATA, first.key(), first.message(), null);
        }
    }
}
