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

    /** The checks of a transform that treats each batch on its own: problems and output for one input schema. */
    public interface PerInput {
        /** Every problem the config has with an input of this schema. */
        List<ConfigProblem> problems(String input, Schema schema);

        /** The output for an input of this schema, which has no problems. */
        Schema output(Schema schema);
    }

    /**
     * Checks every input whose schema is known and reports what is wrong with it. The output
     * schema is known when every input's is, none has a problem, and all give the same output
     * (a transform given several inputs treats each batch on its own).
     */
    public static Optional<Schema> perInput(SchemaContext context, PerInput checks) {
        Schema output = null;
        boolean known = !context.inputs().isEmpty();
        for (String input : context.inputs()) {
            Optional<Schema> schema = context.input(input);
            if (schema.isEmpty()) {
                known = false;
                continue;
            }
            List<ConfigProblem> problems = checks.problems(input, schema.get());
            problems.forEach(context::report);
            if (!problems.isEmpty()) {
                known = false;
                continue;
            }
            Schema produced = checks.output(schema.get());
            known &= output == null || output.equals(produced);
            output = produced;
        }
        return known ? Optional.of(output) : Optional.empty();
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
