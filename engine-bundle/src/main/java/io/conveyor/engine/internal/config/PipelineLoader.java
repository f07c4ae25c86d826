package io.conveyor.engine.internal.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.tomlj.Toml;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

import io.conveyor.api.stage.ErrorCode;
import io.conveyor.engine.internal.model.GlobalSpec;
import io.conveyor.engine.internal.model.Location;
import io.conveyor.engine.internal.model.PipelineException;
import io.conveyor.engine.internal.model.PipelineSpec;
import io.conveyor.engine.internal.model.Problem;
import io.conveyor.engine.internal.model.ScheduleSpec;
import io.conveyor.engine.internal.model.StageSpec;

/**
 * Reads a pipeline file with tomlj into a {@link PipelineSpec}. Stateless and thread-safe.
 *
 * <p>The file format is the original tool's: {@code [pipeline]}, {@code [global]},
 * {@code [[stages]]} and {@code [error_handling]}, plus Conveyor's {@code [schedule]}. Whatever
 * the file gets wrong is collected, with its line and column, and thrown at the end as one
 * {@link PipelineException} (or returned, by {@link #inspect}); the graph and the stage configs
 * are checked later by the planner, which knows the available functions.
 */
public final class PipelineLoader {

    static final List<String> TOP_LEVEL_KEYS = List.of("pipeline", "global", "stages", "error_handling", "schedule");
    static final List<String> PIPELINE_KEYS = List.of("name", "version", "description");
    static final List<String> LEGACY_TABLES = List.of("sources", "transforms", "sinks");

    /**
     * Parses the file, resolves {@code ${ENV}} in {@code [global.variables]} and substitutes
     * {@code {{name}}} in stage config strings.
     *
     * @param displayName the file name used in messages (as the user typed it)
     * @param env         the environment {@code ${NAME}} refers to
     * @throws PipelineException with every problem the file has, in file order
     */
    public PipelineSpec load(Path file, String displayName, Map<String, String> env) throws PipelineException {
        return orThrow(inspect(file, displayName, env));
    }

    /** Like {@link #load}, from text already in memory (a pipeline deployed or typed in a shell). */
    public PipelineSpec parse(String text, String displayName, Map<String, String> env) throws PipelineException {
        return orThrow(inspect(text, displayName, env));
    }

    /**
     * Like {@link #load}, but returns the problems with the spec instead of throwing, so that a
     * caller can plan a faulty file too and report every problem at once. Never throws.
     */
    public LoadResult inspect(Path file, String displayName, Map<String, String> env) {
        try {
            return inspect(read(file, displayName), displayName, env);
        } catch (PipelineException e) {
            return new LoadResult(Optional.empty(), e.problems());
        }
    }

    /** Like {@link #inspect(Path, String, Map)}, from text already in memory. */
    public LoadResult inspect(String text, String displayName, Map<String, String> env) {
        return inspect(text, displayName, env, Map.of(), null);
    }

    /**
     * Like {@link #inspect(Path, String, Map)}, for a pipeline that {@code stage.pipeline} runs.
     *
     * @param variables values that replace or add to the file's {@code [global.variables]}
     */
    public LoadResult inspect(Path file, String displayName, Map<String, String> env,
            Map<String, String> variables) {
        try {
            return inspect(read(file, displayName), displayName, env, variables, null);
        } catch (PipelineException e) {
            return new LoadResult(Optional.empty(), e.problems());
        }
    }

    /**
     * Like {@link #inspect(String, String, Map)}, for a pipeline that {@code stage.pipeline} runs.
     *
     * @param variables   values that replace or add to the text's {@code [global.variables]}
     * @param defaultName the name of a pipeline without a {@code [pipeline]} table (the original
     *                    tool's inline sub-pipelines hold only {@code [[stages]]}), or {@code null}
     *                    when that table is required
     */
    public LoadResult inspect(String text, String displayName, Map<String, String> env,
            Map<String, String> variables, String defaultName) {
        SourceText source = new SourceText(displayName, text);
        TomlParseResult toml = Toml.parse(text);
        if (toml.hasErrors()) {
            List<Problem> problems = new ArrayList<>();
            for (TomlParseError error : toml.errors()) {
                problems.add(Problem.at(ErrorCode.CONFIG, source.at(error.position()), error.getMessage()));
            }
            return new LoadResult(Optional.empty(), problems);
        }
        List<Problem> problems = new ArrayList<>();
        TableReader root = new TableReader(toml, source.fileOnly(), "", "", null, source, problems);
        rejectUnknownTopLevelKeys(toml, source, problems);

        Optional<TableReader> pipeline = root.nested("pipeline").map(r -> r.withSubject("[pipeline] "));
        String name = null;
        if (pipeline.isEmpty() && defaultName != null) {
            name = defaultName;
        } else if (pipeline.isEmpty() || !pipeline.get().table().contains(List.of("name"))) {
            Location where = pipeline.map(p -> p.locationOf("name")).orElse(source.fileOnly());
            problems.add(new Problem(ErrorCode.CONFIG, "[pipeline] name is missing", where, null, "name"));
        } else {
            name = pipeline.get().string("name").orElse(null);
            if (name != null && name.isBlank()) {
                pipeline.get().error("name", "[pipeline] name must not be empty");
            }
        }
        String version = pipeline.map(p -> p.string("version", "1.0.0")).orElse("1.0.0");
        String description = pipeline.map(p -> p.string("description", "")).orElse("");
        pipeline.ifPresent(p -> p.rejectUnknownKeys(PIPELINE_KEYS, List.of()));

        GlobalSection.Result global = GlobalSection.read(
                root.nested("global").map(r -> r.withSubject("[global] ")), env, variables);
        root.nested("error_handling").map(r -> r.withSubject("[error_handling] "))
                .ifPresent(ErrorHandlingSection::read);
        ScheduleSpec schedule = ScheduleSection.read(root.nested("schedule").map(r -> r.withSubject("[schedule] ")));
        Optional<List<StageSpec>> stages = new StagesSection(source, global.variables(), problems).read(toml);

        String pipelineName = name;
        GlobalSpec globalSpec = schedule.continuous() && !toml.contains(List.of("global", "timeout_seconds"))
                ? global.spec().withTimeoutSeconds(GlobalSpec.NO_TIMEOUT) : global.spec();
        Optional<PipelineSpec> spec = stages.map(s -> new PipelineSpec(displayName, pipelineName, version,
                description, globalSpec, s, schedule));
        return new LoadResult(spec, ProblemOrder.sorted(problems));
    }

    private static PipelineSpec orThrow(LoadResult result) throws PipelineException {
        if (!result.problems().isEmpty()) {
            throw new PipelineException(result.problems());
        }
        return result.spec().orElseThrow();
    }

    private static void rejectUnknownTopLevelKeys(TomlTable toml, SourceText source, List<Problem> problems) {
        for (String key : TomlValues.keysInFileOrder(toml)) {
            Location where = source.at(toml.inputPositionOf(List.of(key)));
            if (LEGACY_TABLES.contains(key)) {
                problems.add(new Problem(ErrorCode.CONFIG, "[[" + key + "]] is the removed legacy pipeline format: "
                        + "write every source, transform and sink as a [[stages]] table with id, function and "
                        + "inputs", where, null, key));
            } else if (!TOP_LEVEL_KEYS.contains(key)) {
                problems.add(new Problem(ErrorCode.CONFIG, "unknown top-level key '" + key + "'"
                        + Suggestions.didYouMean(key, TOP_LEVEL_KEYS), where, null, key));
            }
        }
    }

    private static String read(Path file, String displayName) throws PipelineException {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new PipelineException(Problem.at(ErrorCode.IO, Location.of(displayName),
                    "pipeline file not found"));
        } catch (IOException e) {
            throw new PipelineException(Problem.at(ErrorCode.IO, Location.of(displayName),
                    "cannot read the pipeline file: " + e.getMessage()));
        }
    }
}
