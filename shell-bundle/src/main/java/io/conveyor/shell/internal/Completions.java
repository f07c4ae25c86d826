package io.conveyor.shell.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.conveyor.api.runtime.ConveyorRuntime;
import io.conveyor.api.runtime.PipelineDeployments;
import io.conveyor.api.runtime.RunningPipelineDTO;

/**
 * What Tab completes after a {@code conveyor:} command in a Gogo shell on JLine (the server's
 * console): each command's options, and for its arguments the names the runtime has right now:
 * deployed pipelines, running pipelines and their stages, functions.
 *
 * <p>{@link #definitions()} are the shell's {@code complete} lines; they send every argument
 * position of a command to {@code conveyor:__candidates}, which calls {@link #candidates} with the
 * words of the line being typed. The shapes below follow the commands' own option parsers
 * ({@link CommandLine}, {@link PipelineCommands}, {@link WatchCommands}, {@link PluginCommands}).
 */
final class Completions {

    /** What a positional argument names. */
    enum Argument {
        DEPLOYED_PIPELINE, RUNNING_PIPELINE, STAGE_OF_RUNNING_PIPELINE, FUNCTION, FILE
    }

    /** An option; {@code values} are what a valued option takes, if it takes one of a few words. */
    record Option(String name, String shortName, boolean valued, List<String> values) {

        static Option flag(String name) {
            return new Option(name, null, false, List.of());
        }

        static Option valued(String name, String shortName, String... values) {
            return new Option(name, shortName, true, List.of(values));
        }

        boolean isWritten(String word) {
            return word.equals("--" + name) || (shortName != null && word.equals("-" + shortName));
        }
    }

    record Shape(String command, List<Option> options, List<Argument> arguments) {
    }

    private static final Option JSON = Option.flag("json");

    static final List<Shape> SHAPES = List.of(
            new Shape("list", List.of(JSON, Option.valued("type", "t", "sources", "transforms", "sinks")), List.of()),
            new Shape("info", List.of(JSON), List.of(Argument.FUNCTION)),
            new Shape("docs", List.of(), List.of()),
            new Shape("validate", List.of(JSON), List.of(Argument.FILE)),
            new Shape("run", List.of(JSON), List.of(Argument.FILE)),
            new Shape("pipelines", List.of(JSON), List.of()),
            new Shape("status", List.of(JSON), List.of(Argument.DEPLOYED_PIPELINE)),
            new Shape("start", List.of(JSON), List.of(Argument.DEPLOYED_PIPELINE)),
            new Shape("stop", List.of(JSON), List.of(Argument.DEPLOYED_PIPELINE)),
            new Shape("history", List.of(JSON), List.of(Argument.DEPLOYED_PIPELINE)),
            new Shape("graph", List.of(JSON, Option.valued("format", "f", GraphFormat.FORMATS.toArray(String[]::new))),
                    List.of(Argument.DEPLOYED_PIPELINE)),
            new Shape("top", List.of(JSON, Option.valued("watch", null)), List.of()),
            new Shape("tap", List.of(JSON, Option.valued("limit", null), Option.valued("timeout", null)),
                    List.of(Argument.RUNNING_PIPELINE, Argument.STAGE_OF_RUNNING_PIPELINE)),
            new Shape("plugins", List.of(JSON), List.of()),
            new Shape("upgrade", List.of(Option.flag("dry-run"), JSON), List.of()));

    /** The Gogo expression a {@code complete -a} evaluates for an argument: this class's {@link #candidates}. */
    static final String CANDIDATES_CALL = "conveyor:__candidates ($.commandLine words) ($.commandLine wordIndex)";

    private final ConveyorRuntime runtime;
    /** Empty where nothing is deployed (a framework without the deployer). */
    private final Optional<PipelineDeployments> deployments;

    Completions(ConveyorRuntime runtime, Optional<PipelineDeployments> deployments) {
        this.runtime = runtime;
        this.deployments = deployments;
    }

    /**
     * The shell's {@code complete} lines for every command: its options, its arguments through
     * {@link #CANDIDATES_CALL}, and file names (the shell's {@code __files}) for a pipeline file.
     * Each command's completions are erased first, so running them again changes nothing.
     */
    static List<String> definitions() {
        List<String> lines = new ArrayList<>();
        for (Shape shape : SHAPES) {
            String complete = "complete -c conveyor:" + shape.command();
            lines.add(complete + " -e");
            for (Option option : shape.options()) {
                lines.add(complete + (option.shortName() != null ? " -s " + option.shortName() : "") + " -l "
                        + option.name());
            }
            if (shape.arguments().contains(Argument.FILE)) {
                lines.add(complete + " -a '__files'");
            } else if (!shape.arguments().isEmpty() || shape.options().stream().anyMatch(o -> !o.values().isEmpty())) {
                lines.add(complete + " -a '" + CANDIDATES_CALL + "'");
            }
        }
        return lines;
    }

    /**
     * The candidates for the word at {@code wordIndex} of a command line ({@code words.get(0)} is the
     * command, with or without its scope): an option's values after a valued option, else the
     * names for the argument at that position. Empty for anything else, an unknown command
     * included. The shell keeps those that start with what was typed.
     */
    List<String> candidates(List<String> words, int wordIndex) {
        if (words.isEmpty() || wordIndex < 1 || wordIndex > words.size()) {
            return List.of();
        }
        String command = words.get(0).substring(words.get(0).indexOf(':') + 1);
        Optional<Shape> shape = SHAPES.stream().filter(s -> s.command().equals(command)).findFirst();
        return shape.map(s -> candidates(s, words.subList(1, wordIndex))).orElse(List.of());
    }

    private List<String> candidates(Shape shape, List<String> before) {
        List<String> arguments = new ArrayList<>();
        for (int i = 0; i < before.size(); i++) {
            Optional<Option> option = optionWritten(shape, before.get(i));
            if (option.isPresent() && option.get().valued()) {
                if (i == before.size() - 1) {
                    return option.get().values();
                }
                i++; // its value
            } else if (option.isEmpty() && !before.get(i).startsWith("-")) {
                arguments.add(before.get(i));
            }
        }
        if (arguments.size() >= shape.arguments().size()) {
            return List.of();
        }
        return names(shape.arguments().get(arguments.size()), arguments);
    }

    private static Optional<Option> optionWritten(Shape shape, String word) {
        return shape.options().stream().filter(o -> o.isWritten(word)).findFirst();
    }

    private List<String> names(Argument argument, List<String> before) {
        return switch (argument) {
            case DEPLOYED_PIPELINE -> deployments.map(d -> d.deployments().stream().map(p -> p.name).sorted().toList())
                    .orElse(List.of());
            case RUNNING_PIPELINE -> runtime.running().stream().map(r -> r.pipelineName).distinct().sorted().toList();
            case STAGE_OF_RUNNING_PIPELINE -> stagesOf(before.get(0));
            case FUNCTION -> runtime.functions().stream().map(f -> f.function).distinct().sorted().toList();
            case FILE -> List.of(); // the shell's own file completion
        };
    }

    /** The stage ids of the latest run of the pipeline, in the run's order. */
    private List<String> stagesOf(String pipeline) {
        List<RunningPipelineDTO> runs = runtime.running().stream().filter(r -> r.pipelineName.equals(pipeline)).toList();
        if (runs.isEmpty()) {
            return List.of();
        }
        return runs.get(runs.size() - 1).stages.stream().map(s -> s.stageId).toList();
    }
}
