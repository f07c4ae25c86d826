package io.conveyor.engine.internal.nested;

import java.util.Map;

import io.conveyor.engine.internal.plan.Plan;

/**
 * A sub-pipeline ready to run: planned, with the engine's capture sink added when it returns a
 * stage's output.
 *
 * @param plan         the plan, including the capture stage {@link Descriptors#CAPTURE_ID} if any
 * @param output       the id of the stage whose output is returned, or {@code null} when the
 *                     calling stage passes its first input through instead
 * @param inputOfStage for each {@code pipeline.input} stage, the parent input it receives (only
 *                     when the parent's inputs were known)
 */
record SubPipeline(Plan plan, String output, Map<String, String> inputOfStage) {

    String name() {
        return plan.spec().name();
    }
}
