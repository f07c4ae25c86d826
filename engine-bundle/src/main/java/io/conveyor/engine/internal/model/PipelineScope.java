package io.conveyor.engine.internal.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a pipeline is planned and run within: the working directory its relative paths resolve
 * against, the environment {@code ${NAME}} refers to, and the chain of pipelines that led to it,
 * from the top-level file down to this one, one level per {@code stage.pipeline}. The chain is
 * what lets {@code stage.pipeline} refuse a file that is already running further up.
 *
 * @param callers the chain, outermost first; the last level is the pipeline itself
 */
public record PipelineScope(Path workingDirectory, Map<String, String> environment, List<Level> callers) {

    /**
     * One pipeline of the chain.
     *
     * @param displayName how messages name it: the path as written, or {@code inline}
     * @param file        the file, absolute and normalized, or {@code null} for inline text
     */
    public record Level(String displayName, Path file) {
    }

    public PipelineScope {
        environment = Map.copyOf(environment);
        callers = List.copyOf(callers);
    }

    /** The scope of a pipeline run on its own, from {@code file} (or from text, when {@code file} is null). */
    public static PipelineScope topLevel(Path workingDirectory, Map<String, String> environment, String displayName,
            Path file) {
        return new PipelineScope(workingDirectory, environment, List.of(level(displayName, file)));
    }

    /** The scope of a sub-pipeline this pipeline runs, from {@code file} or from inline text ({@code null}). */
    public PipelineScope nested(String displayName, Path file) {
        List<Level> chain = new ArrayList<>(callers);
        chain.add(level(displayName, file));
        return new PipelineScope(workingDirectory, environment, chain);
    }

    /** How many pipelines the chain holds: 1 for a top-level pipeline. */
    public int depth() {
        return callers.size();
    }

    /**
     * The names of the pipelines from the first one running {@code file} down to this one, then
     * {@code file}'s again, e.g. {@code [a.toml, b.toml, a.toml]}; empty when {@code file} is not running.
     */
    public Optional<List<String>> cycleThrough(Path file) {
        Path target = file.toAbsolutePath().normalize();
        for (int i = 0; i < callers.size(); i++) {
            if (target.equals(callers.get(i).file())) {
                List<String> cycle = new ArrayList<>();
                callers.subList(i, callers.size()).forEach(level -> cycle.add(level.displayName()));
                cycle.add(callers.get(i).displayName());
                return Optional.of(cycle);
            }
        }
        return Optional.empty();
    }

    private static Level level(String displayName, Path file) {
        return new Level(displayName, file == null ? null : file.toAbsolutePath().normalize());
    }
}
