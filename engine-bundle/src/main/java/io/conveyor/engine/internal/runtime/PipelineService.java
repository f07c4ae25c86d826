package io.conveyor.engine.internal.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.stream.Collectors;

import org.apache.arrow.memory.BufferAllocator;

import io.conveyor.api.runtime.FunctionDTO;
import io.conveyor.api.runtime.PipelineDescriptionDTO;
import io.conveyor.api.runtime.RunReportDTO;
import io.conveyor.api.runtime.RunRequest;
import io.conveyor.api.runtime.RunningPipelineDTO;
import io.conveyor.api.runtime.StageUseDTO;
import io.conveyor.api.runtime.TapDTO;
import io.conveyor.api.runtime.ValidationDTO;
import io.conveyor.api.stage.ErrorCode;
import io.conveyor.api.stage.Stage;
import io.conveyor.engine.internal.config.LoadResult;
import io.conveyor.engine.internal.config.PipelineLoader;
import io.conveyor.engine.internal.config.ProblemOrder;
import io.conveyor.engine.internal.exec.ExecutionSettings;
import io.conveyor.engine.internal.exec.PipelineRun;
import io.conveyor.engine.internal.exec.RunIO;
import io.conveyor.engine.internal.model.Location;
import io.conveyor.engine.internal.model.PipelineException;
import io.conveyor.engine.internal.model.PipelineScope;
import io.conveyor.engine.internal.model.PipelineSpec;
import io.conveyor.engine.internal.model.Problem;
import io.conveyor.engine.internal.nested.SubPipelines;
import io.conveyor.engine.internal.plan.Plan;
import io.conveyor.engine.internal.plan.Planner;
import io.conveyor.engine.internal.registry.StageRegistry;

/**
 * What {@link io.conveyor.api.runtime.ConveyorRuntime} does, without the OSGi wiring: load,
 * await plugins, plan, run; list functions; stop every run on shutdown.
 *
 * <p>Threading: every method may be called concurrently; {@link #run} blocks until its run ends.
 * A run uses the settings current when it starts, to its end.
 */
public final class PipelineService {

    /** The longest a run waits for {@code [global] plugins}, whatever its timeout. */
    static final long MAX_PLUGIN_WAIT_SECONDS = 30;

    private final StageRegistry registry;
    private final ExecutorService executor;
    private final BufferAllocator allocator;
    private final RuntimeMode mode;
    private volatile ExecutionSettings settings;
    private final PipelineLoader loader = new PipelineLoader();
    private final Planner planner = new Planner();
    private final SubPipelines subPipelines;
    /** In the order they started. */
    private final Set<PipelineRun> running = new LinkedHashSet<>();
    private final StagesInUse stagesInUse = new StagesInUse();
    private boolean closed;

    /**
     * @param executor  runs the stage tasks; owned by the caller, who shuts it down after {@link #close}
     * @param allocator the engine's allocator: each run takes a child of it; owned by the caller,
     *                  who closes it once no run is left
     * @param mode      whether a run waits for {@code [global] plugins} ({@link RuntimeMode#SERVER}) or
     *                  fails at once when one is missing ({@link RuntimeMode#CLI})
     */
    public PipelineService(StageRegistry registry, ExecutorService executor, BufferAllocator allocator,
            ExecutionSettings settings, RuntimeMode mode) {
        this.registry = registry;
        this.executor = executor;
        this.allocator = allocator;
        this.settings = settings;
        this.mode = mode;
        this.subPipelines = new SubPipelines(registry, registry, executor, this::settings);
    }

    /**
     * The stage services the engine serves itself ({@code stage.pipeline}, {@code pipeline.input}),
     * for the caller to register like any plugin's, so that the registry finds them.
     */
    public List<Stage> engineStages() {
        return subPipelines.services();
    }

    public ExecutionSettings settings() {
        return settings;
    }

    /** Replaces the settings for the runs that start from now on; running ones keep theirs. */
    public void useSettings(ExecutionSettings newSettings) {
        this.settings = newSettings;
    }

    public List<FunctionDTO> functions() {
        return FunctionListing.of(registry.table().snapshot());
    }

    public Optional<FunctionDTO> function(String name) {
        return functions().stream().filter(f -> f.function.equals(name)).findFirst();
    }

    public ValidationDTO validate(RunRequest request) {
        Compiled compiled = compile(request, settings);
        ValidationDTO dto = new ValidationDTO();
        if (compiled.spec != null) {
            dto.pipelineName = compiled.spec.name();
            dto.stageCount = compiled.spec.stages().size();
        }
        compiled.problems.forEach(problem -> dto.problems.add(problem.toDTO()));
        return dto;
    }

    /** The stages, edges and schedule of the file, with the problems {@link #validate} finds. */
    public PipelineDescriptionDTO describe(RunRequest request) {
        Compiled compiled = compile(request, settings);
        PipelineDescriptionDTO dto = new PipelineDescriptionDTO();
        if (compiled.spec != null) {
            dto.pipelineName = compiled.spec.name();
            dto.schedule = compiled.spec.schedule().toDTO();
            dto.stages.addAll(StageNodes.of(compiled.spec, compiled.plan));
        }
        compiled.problems.forEach(problem -> dto.problems.add(problem.toDTO()));
        return dto;
    }

    public RunReportDTO run(RunRequest request) {
        long start = System.nanoTime();
        ExecutionSettings current = settings;
        Compiled compiled = compile(request, current);
        if (compiled.plan == null) {
            RunReportDTO report = new RunReportDTO();
            report.pipelineName = compiled.spec == null ? null : compiled.spec.name();
            report.outcome = "INVALID";
            report.millis = (System.nanoTime() - start) / 1_000_000;
            compiled.problems.forEach(problem -> report.problems.add(problem.toDTO()));
            return report;
        }
        PipelineRun run = new PipelineRun(compiled.plan, stagesInUse.supplierFor(compiled.spec.name(), registry),
                executor, allocator, current, new RunIO(request.stdin(), request.stdout()));
        synchronized (running) {
            if (closed) {
                run.stop();
            }
            running.add(run);
        }
        try {
            return run.execute();
        } finally {
            synchronized (running) {
                running.remove(run);
                running.notifyAll();
            }
        }
    }

    /** The stage services the runs in progress hold. */
    public List<StageUseDTO> stagesInUse() {
        return stagesInUse.snapshot();
    }

    /** The runs in progress, oldest first, with what each stage has done so far. */
    public List<RunningPipelineDTO> running() {
        return runs().stream().map(PipelineRun::activity).toList();
    }

    /** Taps a stage of the latest started run of the pipeline; see {@link io.conveyor.api.runtime.ConveyorRuntime#tap}. */
    public TapDTO tap(String pipelineName, String stageId, int limit, Duration timeout) {
        List<PipelineRun> runs = runs().stream().filter(run -> run.pipelineName().equals(pipelineName)).toList();
        TapDTO dto = new TapDTO();
        dto.pipelineName = pipelineName;
        dto.stageId = stageId;
        dto.limit = limit;
        if (runs.isEmpty()) {
            dto.outcome = TapDTO.NOT_RUNNING;
            return dto;
        }
        PipelineRun latest = runs.get(runs.size() - 1);
        if (!latest.stageIds().contains(stageId)) {
            dto.outcome = TapDTO.NO_SUCH_STAGE;
            dto.stageIds = latest.stageIds();
            return dto;
        }
        return latest.tap(stageId, limit, timeout.toNanos());
    }

    private List<PipelineRun> runs() {
        synchronized (running) {
            return List.copyOf(running);
        }
    }

    /**
     * Stops every running pipeline and refuses new runs; waits up to {@code maxWait} for them to end.
     *
     * @return whether every run has ended
     */
    public boolean close(Duration maxWait) {
        synchronized (running) {
            closed = true;
            running.forEach(PipelineRun::stop);
        }
        return awaitNoRuns(maxWait);
    }

    /** Waits up to {@code maxWait} until no run is left; whether none is. */
    public boolean awaitNoRuns(Duration maxWait) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        synchronized (running) {
            try {
                long remaining;
                while (!running.isEmpty() && (remaining = deadline - System.nanoTime()) > 0) {
                    running.wait(Math.max(1, remaining / 1_000_000));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return running.isEmpty();
        }
    }

    private record Compiled(PipelineSpec spec, Plan plan, List<Problem> problems) {
    }

    /**
     * Loads and plans the file. When the loader finds problems but could still build the stages,
     * they are planned too, so that every problem is reported at once; such a plan is never run.
     * The {@code [global]} keys the file leaves unset take the settings' defaults.
     */
    private Compiled compile(RunRequest request, ExecutionSettings current) {
        String displayName = request.pipelineFile().toString();
        Path file = request.workingDirectory().resolve(request.pipelineFile());
        PipelineScope scope = PipelineScope.topLevel(request.workingDirectory(), request.environment(), displayName,
                file);
        LoadResult loaded = request.text().map(text -> loader.inspect(text, displayName, request.environment()))
                .orElseGet(() -> loader.inspect(file, displayName, request.environment()));
        if (loaded.spec().isEmpty()) {
            return new Compiled(null, null, loaded.problems());
        }
        PipelineSpec spec = loaded.spec().get().withDefaults(current.runDefaults());
        List<Problem> problems = new ArrayList<>(loaded.problems());
        awaitPlugins(spec).ifPresent(problems::add);
        awaitWasmPlugins(spec).ifPresent(problems::add);
        List<Problem> planned = List.of();
        Plan plan = null;
        try {
            plan = planner.plan(spec, registry, scope);
        } catch (PipelineException e) {
            planned = e.problems();
        }
        List<Problem> all = ProblemOrder.merged(problems, planned);
        return all.isEmpty() ? new Compiled(spec, plan, List.of()) : new Compiled(spec, null, all);
    }

    /** Checks {@code [global] plugins}: functions or bundle symbolic names the run needs. */
    private Optional<Problem> awaitPlugins(PipelineSpec spec) {
        return awaitPresent(spec, spec.global().plugins(), "plugins", spec.global().pluginsLocation(), "");
    }

    /**
     * Checks {@code [global] wasm_plugins} as {@link #awaitPlugins} checks {@code plugins}: the
     * original tool's name {@code echo_wasm} stands for the module file
     * {@code conveyor_plugin_echo_wasm.wasm}, the name its stages' provider goes by.
     */
    private Optional<Problem> awaitWasmPlugins(PipelineSpec spec) {
        List<String> files = spec.global().wasmPlugins().stream().map(n -> "conveyor_plugin_" + n + ".wasm").toList();
        return awaitPresent(spec, files, "wasm_plugins", spec.global().wasmPluginsLocation(),
                " (put the module files into the server's deploy/ folder, or the wasm-plugins/ folder of the"
                        + " Conveyor installation)");
    }

    /**
     * Waits for {@code names} (functions or providers): in a server bounded by the run's timeout
     * and {@value #MAX_PLUGIN_WAIT_SECONDS} s; in a CLI run, where nothing can arrive any more, not
     * at all.
     */
    private Optional<Problem> awaitPresent(PipelineSpec spec, List<String> names, String key, Location location,
            String hint) {
        if (names.isEmpty()) {
            return Optional.empty();
        }
        long seconds = mode == RuntimeMode.CLI ? 0 : Math.min(spec.global().timeoutSeconds(), MAX_PLUGIN_WAIT_SECONDS);
        List<String> missing;
        try {
            missing = registry.awaitPresent(names, Duration.ofSeconds(seconds));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            missing = names;
        }
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        String listed = missing.stream().map(name -> "'" + name + "'").collect(Collectors.joining(", "));
        String what = mode == RuntimeMode.CLI
                ? (missing.size() == 1 ? " is" : " are") + " not available"
                : " did not become available within " + seconds + " seconds";
        Location where = location == null ? Location.of(spec.file()) : location;
        return Optional.of(new Problem(ErrorCode.PLUGIN, "[global] " + key + ": " + listed + what + hint, where, null,
                key));
    }
}
