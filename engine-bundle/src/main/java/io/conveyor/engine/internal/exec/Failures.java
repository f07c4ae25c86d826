package io.conveyor.engine.internal.exec;

import org.apache.arrow.memory.OutOfMemoryException;

import io.conveyor.api.stage.ErrorCode;
import io.conveyor.api.stage.StageException;
import io.conveyor.engine.internal.model.Location;
import io.conveyor.engine.internal.model.PipelineSpec;
import io.conveyor.engine.internal.model.Problem;
import io.conveyor.engine.internal.plan.PlannedStage;

/** The problems a run reports, worded the same everywhere. */
final class Failures {

    private Failures() {
    }

    /**
     * {@code stage 'x' (function) failed: <message>} with the code and config key of a
     * {@link StageException}: the plugin reporting a problem with the pipeline or its data. Any
     * other throwable is the plugin crashing, so the message names the bundle serving the stage:
     * {@code STAGE}, {@code stage 'x' (function, plugin io.example.plugin 1.0.0) failed: java.lang.StackOverflowError}.
     *
     * @param provider the bundle and version serving the stage
     */
    static Problem stageFailed(PlannedStage stage, String provider, Throwable failure) {
        if (failure instanceof OutOfMemoryException) {
            // a limit the operator sets, not a plugin crash: say which setting it is
            return new Problem(ErrorCode.STAGE, named(stage) + " ran out of Arrow memory: " + failure.getMessage()
                    + " (the run's limit is memory.limit.bytes in the engine's settings, etc/io.conveyor.engine.cfg)",
                    stage.spec().location(), stage.id(), null);
        }
        if (!(failure instanceof StageException e)) {
            return new Problem(ErrorCode.STAGE, withPlugin(stage, provider) + " failed: " + failure,
                    stage.spec().location(), stage.id(), null);
        }
        String message = e.getMessage() != null ? e.getMessage() : e.getClass().getName();
        return new Problem(e.code(), named(stage) + " failed: " + message,
                e.key() == null ? stage.spec().location() : stage.spec().locationOf(e.key()), stage.id(), e.key());
    }

    /** {@code stage 'x' (function)}. */
    private static String named(PlannedStage stage) {
        return "stage '" + stage.id() + "' (" + stage.spec().function() + ")";
    }

    /** {@code stage 'x' (function, plugin io.example.plugin 1.0.0)}. */
    private static String withPlugin(PlannedStage stage, String provider) {
        return "stage '" + stage.id() + "' (" + stage.spec().function() + ", plugin " + provider + ")";
    }

    static Problem unavailable(PlannedStage stage, StageException e) {
        return new Problem(e.code(), "stage '" + stage.id() + "': " + e.getMessage(), stage.spec().location(),
                stage.id(), null);
    }

    static Problem leaked(PlannedStage stage, long bytes) {
        return new Problem(ErrorCode.PLUGIN, "stage '" + stage.id() + "' (" + stage.spec().function() + ") leaked "
                + bytes + " bytes of Arrow memory", stage.spec().location(), stage.id(), null);
    }

    /** A stage still running when the run gave up waiting for it, {@code millis} after the run stopped. */
    static Problem stuck(PlannedStage stage, String provider, long millis) {
        return new Problem(ErrorCode.PLUGIN, withPlugin(stage, provider) + " is stuck: it did not stop within "
                + millis + " ms after the run stopped", stage.spec().location(), stage.id(), null);
    }

    /** Every stage still working waits on a queue: {@code description} says which, and for what. */
    static Problem stalled(PipelineSpec spec, String description) {
        return new Problem(ErrorCode.PLAN, "pipeline '" + spec.name() + "' is stalled: " + description,
                Location.of(spec.file()), null, null);
    }

    static Problem timedOut(PipelineSpec spec) {
        return new Problem(ErrorCode.TIMEOUT, "pipeline '" + spec.name() + "' timed out after "
                + spec.global().timeoutSeconds() + " seconds", Location.of(spec.file()), null, null);
    }

    static Problem stopped(PipelineSpec spec) {
        return new Problem(ErrorCode.CANCELLED, "pipeline '" + spec.name() + "' was stopped",
                Location.of(spec.file()), null, null);
    }

    static Problem internal(PipelineSpec spec, String message) {
        return new Problem(ErrorCode.STAGE, "pipeline '" + spec.name() + "': " + message,
                Location.of(spec.file()), null, null);
    }
}
