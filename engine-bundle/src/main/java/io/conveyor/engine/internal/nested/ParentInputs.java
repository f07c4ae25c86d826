package io.conveyor.engine.internal.nested;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.apache.arrow.vector.types.pojo.Schema;

import io.conveyor.api.stage.SchemaContext;
import io.conveyor.api.stage.StageConfig;

/**
 * What a sub-pipeline can know about the inputs of the {@code stage.pipeline} stage that runs it:
 * nothing while the stage's config alone is checked, their names when the stage opens, and their
 * schemas too while the pipeline's schemas are worked out.
 *
 * @param names   the input names in pipeline order, or {@code null} when unknown
 * @param schemas the schema of an input, when known
 */
record ParentInputs(List<String> names, Function<String, Optional<Schema>> schemas) {

    static final ParentInputs UNKNOWN = new ParentInputs(null, name -> Optional.empty());

    static ParentInputs named(List<String> names) {
        return new ParentInputs(List.copyOf(names), name -> Optional.empty());
    }

    static ParentInputs of(SchemaContext context) {
        return new ParentInputs(List.copyOf(context.inputs()), context::input);
    }

    boolean known() {
        return names != null;
    }

    /** The input a {@code pipeline.input} stage receives: its {@code name}, else the first input; {@code null} if unknown. */
    String inputOf(StageConfig inputConfig) {
        String name = inputConfig.getString("name");
        if (name != null || !known() || names.isEmpty()) {
            return name;
        }
        return names.get(0);
    }
}
