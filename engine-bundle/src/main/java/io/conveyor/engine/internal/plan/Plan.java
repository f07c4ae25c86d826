package io.conveyor.engine.internal.plan;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.arrow.vector.types.pojo.Schema;

import io.conveyor.engine.internal.model.PipelineSpec;

/**
 * A validated pipeline: every stage resolved and configured, in a topological order (every
 * stage after all of its inputs; ties keep file order), with the output schemas known before running.
 */
public record Plan(PipelineSpec spec, List<PlannedStage> stages, Map<String, Schema> schemas) {

    public Plan(PipelineSpec spec, List<PlannedStage> stages) {
        this(spec, stages, Map.of());
    }

    /** The schema a stage will emit, when it could be told before running. */
    public Optional<Schema> schemaOf(String stageId) {
        return Optional.ofNullable(schemas.get(stageId));
    }
}
