package io.conveyor.api.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Lists the stage functions the runtime knows, validates, describes and runs pipeline files. One
 * implementation serves the command line, the Gogo shell and the server.
 *
 * <p>Threading: every method may be called concurrently from any thread. {@link #run} blocks
 * until the run ends; interrupting the thread that called it stops the run (its report then
 * says the pipeline was stopped).
 */
@ProviderType
public interface ConveyorRuntime {

    /** Every function currently provided, sorted by role, then name; shadowed providers included. */
    List<FunctionDTO> functions();

    /** The function with this name (any role), or empty. */
    Optional<FunctionDTO> function(String name);

    /**
     * Parses and checks a pipeline file without running it: structure, graph, functions and every
     * stage's configuration. Collects every problem rather than stopping at the first.
     */
    ValidationDTO validate(RunRequest request);

    /**
     * Validates the file as {@link #validate} does and describes it: its stages and how they
     * connect, and how it asks to be run ({@code [schedule]}). The stages are described whenever the
     * file could be read that far, even when it has problems.
     *
     * @since 1.1
     */
    PipelineDescriptionDTO describe(RunRequest request);

    /** Validates, then runs a pipeline to its end (or failure, timeout or stop). Never throws for
     *  user mistakes: they are reported in the result. */
    RunReportDTO run(RunRequest request);

    /**
     * The stage services the runs in progress hold, sorted by pipeline, role and function; a
     * pipeline running twice at once is listed twice. Services of nested pipelines
     * ({@code stage.pipeline}) are not included.
     *
     * @since 1.1
     */
    List<StageUseDTO> stagesInUse();

    /**
     * The pipeline runs in progress, oldest first, with what each stage has done so far.
     *
     * @since 1.1
     */
    List<RunningPipelineDTO> running();

    /**
     * Samples the rows a stage of a running pipeline emits from now on, without slowing or
     * blocking it: the stage copies up to {@code limit} rows to the side while the tap is attached,
     * and nothing otherwise. Blocks until {@code limit} rows came, the timeout passed, the run
     * ended or the calling thread was interrupted, whichever is first. Of several runs of the
     * pipeline, the latest started is tapped.
     *
     * @since 1.1
     */
    TapDTO tap(String pipelineName, String stageId, int limit, Duration timeout);
}
