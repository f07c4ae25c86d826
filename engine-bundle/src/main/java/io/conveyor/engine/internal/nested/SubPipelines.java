package io.conveyor.engine.internal.nested;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.arrow.vector.types.pojo.Schema;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.api.stage.ErrorCode;
import io.conveyor.api.stage.SchemaContext;
import io.conveyor.api.stage.Stage;
import io.conveyor.api.stage.StageConfig;
import io.conveyor.api.stage.StageContext;
import io.conveyor.api.stage.StageException;
import io.conveyor.api.stage.StageRole;
import io.conveyor.engine.internal.config.CheckedStageConfig;
import io.conveyor.engine.internal.config.LoadResult;
import io.conveyor.engine.internal.config.PipelineLoader;
import io.conveyor.engine.internal.config.ProblemOrder;
import io.conveyor.engine.internal.config.Suggestions;
import io.conveyor.engine.internal.config.ValueText;
import io.conveyor.engine.internal.exec.ExecutionSettings;
import io.conveyor.engine.internal.exec.StageSupplier;
import io.conveyor.engine.internal.model.PipelineException;
import io.conveyor.engine.internal.model.PipelineScope;
import io.conveyor.engine.internal.model.PipelineSpec;
import io.conveyor.engine.internal.model.Problem;
import io.conveyor.engine.internal.model.StageSpec;
import io.conveyor.engine.internal.plan.FunctionCatalog;
import io.conveyor.engine.internal.plan.Plan;
import io.conveyor.engine.internal.plan.PlannedStage;
import io.conveyor.engine.internal.plan.Planner;
import io.conveyor.engine.internal.plan.RoleResolver;

/**
 * What {@code stage.pipeline} needs from the engine: loading and planning the sub-pipeline a stage
 * names (with the catalog the calling pipeline is planned with, plus {@code pipeline.input} and
 * the capture sink), reporting its problems as the stage's own, and starting its runs.
 *
 * <p>A sub-pipeline is loaded and planned again each time it is checked or opened: while the
 * stage's config is validated, while the schemas are worked out (when the calling stage's input
 * schemas are known) and when the stage opens.
 *
 * <p>Threading: stateless apart from its collaborators, which are thread-safe.
 */
public final class SubPipelines {

    /** The most pipelines that may run inside one another, the top-level one included. */
    static final int MAX_DEPTH = 8;
    /** The longest one wait lasts before the waiting side checks whether its run is stopping. */
    static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final FunctionCatalog catalog;
    private final StageSupplier supplier;
    private final ExecutorService executor;
    private final Supplier<ExecutionSettings> settings;
    private final PipelineLoader loader = new PipelineLoader();
    private final Planner planner = new Planner();
    private final List<Stage> services;

    /**
     * @param catalog  the functions a sub-pipeline may use (the registry)
     * @param supplier where a sub-pipeline's run leases its stages (the registry)
     * @param executor runs a sub-pipeline's stages, and the thread that waits for its end
     * @param settings the runtime's current settings, read when a sub-pipeline starts
     */
    public SubPipelines(FunctionCatalog catalog, StageSupplier supplier, ExecutorService executor,
            Supplier<ExecutionSettings> settings) {
        this.catalog = catalog;
        this.supplier = supplier;
        this.executor = executor;
        this.settings = settings;
        this.services = List.of(new StagePipelineSource(this), new StagePipelineTransform(this),
                new PipelineInputGuard());
    }

    /**
     * The stage services the engine provides itself: {@code stage.pipeline} as a source and as a
     * transform, and {@code pipeline.input}, which outside a sub-pipeline only explains itself.
     */
    public List<Stage> services() {
        return services;
    }

    /** A sub-pipeline, or every problem that keeps it from running. */
    record Resolution(SubPipeline sub, List<ConfigProblem> problems) {
    }

    List<ConfigProblem> validate(StageConfig config) {
        return resolve(config, ParentInputs.UNKNOWN).problems();
    }

    /**
     * Plans the sub-pipeline again with the calling stage's input schemas, reporting what only
     * they show (a {@code pipeline.input} naming no input, a column the input lacks), and tells
     * the schema of what the stage will emit.
     */
    Optional<Schema> outputSchema(StageConfig config, SchemaContext context) {
        Resolution resolution = resolve(config, ParentInputs.of(context));
        resolution.problems().forEach(context::report);
        if (resolution.sub() == null) {
            return Optional.empty();
        }
        SubPipeline sub = resolution.sub();
        if (sub.output() != null) {
            return sub.plan().schemaOf(sub.output());
        }
        return context.inputs().isEmpty() ? Optional.empty() : context.input(context.inputs().get(0));
    }

    /** Plans the sub-pipeline for a run of the stage; the run starts at the task's first call. */
    NestedRun prepare(StageConfig config, StageContext context, List<String> inputs) throws StageException {
        Resolution resolution = resolve(config, ParentInputs.named(inputs));
        if (resolution.sub() == null) {
            ConfigProblem first = resolution.problems().get(0);
            String all = String.join("; ", resolution.problems().stream().map(ConfigProblem::message).toList());
            throw new StageException(ErrorCode.CONFIG, first.key(), all, null);
        }
        return NestedRun.prepare(resolution.sub(), context, supplier, executor, settings.get());
    }

    /** Loads and plans the sub-pipeline {@code config} names; every problem is one of the stage's own. */
    Resolution resolve(StageConfig config, ParentInputs parent) {
        List<ConfigProblem> problems = checkKeys(config);
        if (!problems.isEmpty()) {
            return new Resolution(null, problems);
        }
        PipelineScope scope = scopeOf(config);
        boolean fromFile = config.isSet("file");
        String key = fromFile ? "file" : "inline";
        String display = fromFile ? config.getString("file") : Descriptors.INLINE_DISPLAY;
        Path file = fromFile ? scope.workingDirectory().resolve(config.getString("file")).normalize() : null;
        Optional<String> refusal = refusal(scope, key, display, file);
        if (refusal.isPresent()) {
            return new Resolution(null, List.of(new ConfigProblem(key, refusal.get())));
        }
        Map<String, String> variables = variables(config);
        LoadResult loaded = fromFile
                ? loader.inspect(file, display, scope.environment(), variables)
                : loader.inspect(config.getString("inline"), display, scope.environment(), variables,
                        Descriptors.INLINE_NAME);
        if (loaded.spec().isEmpty()) {
            return new Resolution(null, nested(key, loaded.problems()));
        }
        PipelineSpec spec = loaded.spec().get().withDefaults(settings.get().runDefaults());
        FunctionCatalog functions = new NestedCatalog(catalog, new NestedInput(parent, null),
                new OutputCapture(null, null));
        List<Problem> found = new ArrayList<>(loaded.problems());
        found.addAll(engineFunctionUses(spec));
        OutputChoice choice = chooseOutput(config.getString("output"), spec, display, functions);
        Plan plan = null;
        List<Problem> planned = List.of();
        try {
            plan = planner.plan(choice.output() == null ? spec : withCapture(spec, choice.output()), functions,
                    scope.nested(display, file));
        } catch (PipelineException e) {
            planned = e.problems();
        }
        problems = new ArrayList<>(nested(key, ProblemOrder.merged(found, planned)));
        choice.problem().ifPresent(problems::add);
        if (!problems.isEmpty()) {
            return new Resolution(null, problems);
        }
        return new Resolution(new SubPipeline(plan, choice.output(), inputBindings(plan, parent)), List.of());
    }

    /** What can be told from the keys alone: exactly one of file and inline, string variables. */
    private static List<ConfigProblem> checkKeys(StageConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        boolean file = config.isSet("file");
        if (file == config.isSet("inline")) {
            problems.add(file
                    ? new ConfigProblem("inline", "config key 'inline' cannot be set together with config key "
                            + "'file': set exactly one of them")
                    : new ConfigProblem("file", "config key 'file' or config key 'inline' is required: name the "
                            + "pipeline file to run, or write the sub-pipeline inline"));
        }
        if (file && config.getString("file").isBlank()) {
            problems.add(new ConfigProblem("file", "config key 'file' must name a pipeline file, got an empty "
                    + "string"));
        }
        if (config.isSet("output") && config.getString("output").isBlank()) {
            problems.add(new ConfigProblem("output", "config key 'output' must name a stage of the sub-pipeline, "
                    + "got an empty string"));
        }
        if (config.get("variables") instanceof Map<?, ?> table) {
            table.forEach((name, value) -> {
                if (!(value instanceof String)) {
                    problems.add(new ConfigProblem("variables", "config key 'variables' must give each name a "
                            + "string, got " + ValueText.describe(value) + " for '" + name + "'"));
                }
            });
        }
        return problems;
    }

    /**
     * The engine's own configs carry the pipeline's scope; any other config (a test's) is taken as
     * a pipeline of its own run from the current directory.
     */
    private static PipelineScope scopeOf(StageConfig config) {
        if (config instanceof CheckedStageConfig checked) {
            return checked.scope();
        }
        return PipelineScope.topLevel(Path.of("").toAbsolutePath(), Map.of(), "pipeline", null);
    }

    /** Why the sub-pipeline may not run where it is called: too deep, or already running further up. */
    private static Optional<String> refusal(PipelineScope scope, String key, String display, Path file) {
        if (scope.depth() >= MAX_DEPTH) {
            List<String> chain = new ArrayList<>(scope.callers().stream().map(PipelineScope.Level::displayName)
                    .toList());
            chain.add(display);
            return Optional.of("config key '" + key + "' would run a pipeline " + chain.size() + " deep, but "
                    + "pipelines may run at most " + MAX_DEPTH + " deep: " + String.join(" -> ", chain));
        }
        if (file == null) {
            return Optional.empty();
        }
        return scope.cycleThrough(file).map(cycle -> "config key 'file' runs " + display + ", which is already "
                + "running: " + String.join(" -> ", cycle));
    }

    private static Map<String, String> variables(StageConfig config) {
        Map<String, String> variables = new LinkedHashMap<>();
        if (config.get("variables") instanceof Map<?, ?> table) {
            table.forEach((name, value) -> variables.put(String.valueOf(name), (String) value));
        }
        return variables;
    }

    /** Each problem of the sub-pipeline, whole (its own file, line and column), under the stage's key. */
    private static List<ConfigProblem> nested(String key, List<Problem> problems) {
        return problems.stream().map(p -> new ConfigProblem(key, "config key '" + key + "': " + p)).toList();
    }

    /** The capture sink is the engine's: a pipeline file naming it is told how to return a stage instead. */
    private static List<Problem> engineFunctionUses(PipelineSpec spec) {
        return spec.stages().stream()
                .filter(stage -> Descriptors.PIPELINE_OUTPUT.equals(stage.function()))
                .map(stage -> new Problem(ErrorCode.CONFIG, "stage '" + stage.id() + "': function '"
                        + Descriptors.PIPELINE_OUTPUT + "' is the engine's own: to return a stage's output, name "
                        + "it in the calling stage.pipeline stage's config key 'output'",
                        stage.functionLocation(), stage.id(), null))
                .toList();
    }

    /** The stage to return, or {@code null} for none; a problem when {@code output} cannot be honoured. */
    private record OutputChoice(String output, Optional<ConfigProblem> problem) {
    }

    private static OutputChoice chooseOutput(String named, PipelineSpec spec, String display,
            FunctionCatalog functions) {
        Map<String, StageSpec> byId = new LinkedHashMap<>();
        Set<String> read = new HashSet<>();
        for (StageSpec stage : spec.stages()) {
            byId.putIfAbsent(stage.id(), stage);
            read.addAll(stage.inputs());
        }
        if (named != null) {
            StageSpec stage = byId.get(named);
            if (stage == null) {
                return refused("config key 'output' names '" + named + "', which is not a stage of " + display
                        + Suggestions.didYouMean(named, byId.keySet()));
            }
            if (role(stage, true, functions).orElse(null) == StageRole.SINK) {
                return refused("config key 'output' names '" + named + "', a sink (" + stage.function()
                        + "), which produces no output");
            }
            return new OutputChoice(named, Optional.empty());
        }
        List<String> ends = byId.values().stream()
                .filter(stage -> !read.contains(stage.id()))
                .filter(stage -> role(stage, false, functions).filter(r -> r != StageRole.SINK).isPresent())
                .map(StageSpec::id)
                .toList();
        if (ends.size() > 1) {
            return refused("config key 'output' must name the stage whose output to return: " + display + " has "
                    + ends.size() + " stages whose output no other stage reads ("
                    + String.join(", ", ends.stream().map(id -> "'" + id + "'").toList()) + ")");
        }
        return new OutputChoice(ends.isEmpty() ? null : ends.get(0), Optional.empty());
    }

    private static OutputChoice refused(String message) {
        return new OutputChoice(null, Optional.of(new ConfigProblem("output", message)));
    }

    /** The role the planner will give the stage, as far as the functions tell. */
    private static Optional<StageRole> role(StageSpec stage, boolean hasConsumers, FunctionCatalog functions) {
        Set<StageRole> provided = new HashSet<>();
        for (StageRole role : StageRole.values()) {
            if (stage.function() != null && functions.descriptor(stage.function(), role).isPresent()) {
                provided.add(role);
            }
        }
        return RoleResolver.resolve(provided, !stage.inputs().isEmpty(), hasConsumers);
    }

    /** The spec with the capture sink reading {@code output}, located where that stage is. */
    private static PipelineSpec withCapture(PipelineSpec spec, String output) {
        StageSpec returned = spec.stages().stream().filter(s -> s.id().equals(output)).findFirst().orElseThrow();
        StageSpec capture = new StageSpec(Descriptors.CAPTURE_ID, Descriptors.PIPELINE_OUTPUT, List.of(output),
                Map.of(), returned.location(), Map.of(), List.of(returned.location()), returned.location());
        List<StageSpec> stages = new ArrayList<>(spec.stages());
        stages.add(capture);
        return new PipelineSpec(spec.file(), spec.name(), spec.version(), spec.description(), spec.global(),
                List.copyOf(stages));
    }

    private static Map<String, String> inputBindings(Plan plan, ParentInputs parent) {
        Map<String, String> bindings = new LinkedHashMap<>();
        if (parent.known()) {
            for (PlannedStage stage : plan.stages()) {
                if (Descriptors.PIPELINE_INPUT.equals(stage.spec().function())) {
                    bindings.put(stage.id(), parent.inputOf(stage.config()));
                }
            }
        }
        return bindings;
    }
}
