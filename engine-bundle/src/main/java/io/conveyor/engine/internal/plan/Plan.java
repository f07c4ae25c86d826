package io.conveyor.engine.internal.plan;

import java.util.List;

import io.conveyor.engine.internal.model.PipelineSpec;

/**
 * A validated pipeline: every stage resolved and configured, in a topological order (every
 * stage after all of its inputs; ties keep file order).
 */
public record Plan(PipelineSpec spec, List<PlannedStage> stages) {
}
