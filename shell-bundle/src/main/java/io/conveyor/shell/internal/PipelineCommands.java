package io.conveyor.shell.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.conveyor.api.runtime.ConveyorRuntime;
import io.conveyor.api.runtime.DeploymentDTO;
import io.conveyor.api.runtime.PipelineDeployments;
import io.conveyor.api.runtime.PipelineDescriptionDTO;
import io.conveyor.api.runtime.RunRecordDTO;
import io.conveyor.api.runtime.RunRequest;

/**
 * The commands on deployed pipelines, {@code pipelines}, {@code status}, {@code start},
 * {@code stop} and {@code history}, and {@code graph} of a deployed pipeline or a file: for the
 * Gogo shell, and {@code graph FILE} for the command line too. Output, streams and exit codes
 * follow {@link CommandLine}.
 */
final class PipelineCommands {

    static final List<String> COMMANDS = List.of("pipelines", "status", "start", "stop", "history", "graph");

    static final String USAGE = """
              pipelines [--json]             the pipelines deployed from the server's pipelines/ folder
              status [--json] NAME           a deployed pipeline's schedule, state and latest run
              start [--json] NAME            start a run of a deployed pipeline now; resumes a stopped one
              stop [--json] NAME             stop a deployed pipeline's run and suspend its schedule
              history [--json] NAME          a deployed pipeline's latest runs, newest first
              graph [--format dot|mermaid] [--json] NAME|FILE
                                             the stage graph of a deployed pipeline or a pipeline file
            """;

    private final ConveyorRuntime runtime;
    /** Empty outside a server (the command line), where nothing is deployed. */
    private final Optional<PipelineDeployments> deployments;
    private final DeploymentText text;
    private final DeploymentJson json = new DeploymentJson();

    PipelineCommands(ConveyorRuntime runtime, Optional<PipelineDeployments> deployments, ZoneId zone) {
        this.runtime = runtime;
        this.deployments = deployments;
        this.text = new DeploymentText(zone);
    }

    /** Runs one of {@link #COMMANDS} ({@code args[0]}); returns its exit code. */
    int execute(List<String> args, CommandLine.Session session) {
        String command = args.get(0);
        Options options = Options.parse(args.subList(1, args.size()));
        if (options.problem != null) {
            return usage(session, options.problem);
        }
        if (command.equals("graph")) {
            return graph(options, session);
        }
        if (command.equals("pipelines")) {
            if (!options.arguments.isEmpty()) {
                return usage(session, "pipelines takes no arguments, got '" + options.arguments.get(0) + "'");
            }
            return withDeployments(session, d -> print(session, options.json ? json.deployments(d.deployments())
                    : text.deployments(d.deployments())));
        }
        if (options.arguments.size() != 1) {
            return usage(session, command + (options.arguments.isEmpty() ? " needs" : " takes one")
                    + " pipeline name");
        }
        String name = options.arguments.get(0);
        return withDeployments(session, d -> switch (command) {
            case "status" -> show(session, name, d, d.deployment(name), options.json ? json::deployment : text::status);
            case "start" -> start(session, name, d, options.json);
            case "stop" -> show(session, name, d, d.stop(name), options.json ? json::deployment : text::changed);
            default -> history(session, name, d, options.json);
        });
    }

    private int start(CommandLine.Session session, String name, PipelineDeployments d, boolean asJson) {
        Optional<DeploymentDTO> found = d.deployment(name);
        if (found.isPresent() && found.get().state.equals(DeploymentDTO.INVALID)) {
            session.err().println("conveyor: pipeline '" + name + "' has no valid version deployed; see 'status " + name + "'");
            return CommandLine.INVALID;
        }
        return show(session, name, d, d.start(name), asJson ? json::deployment : text::changed);
    }

    private int history(CommandLine.Session session, String name, PipelineDeployments d, boolean asJson) {
        Optional<List<RunRecordDTO>> runs = d.history(name);
        if (runs.isEmpty()) {
            return noSuchPipeline(session, name, d);
        }
        return print(session, asJson ? json.history(runs.get()) : text.history(name, runs.get()));
    }

    private int show(CommandLine.Session session, String name, PipelineDeployments d, Optional<DeploymentDTO> result,
            Function<DeploymentDTO, String> format) {
        return result.isEmpty() ? noSuchPipeline(session, name, d) : print(session, format.apply(result.get()));
    }

    /**
     * A deployed pipeline of that name first; otherwise a file, relative to the working directory.
     * The graph is printed whenever the stages could be read; problems go to {@code err} and make
     * the exit code {@value CommandLine#INVALID}.
     */
    private int graph(Options options, CommandLine.Session session) {
        if (options.arguments.size() != 1) {
            return usage(session, options.arguments.isEmpty() ? "graph needs a pipeline name or file"
                    : "graph takes one pipeline name or file");
        }
        if (!GraphFormat.FORMATS.contains(options.format)) {
            return usage(session, "--format takes dot or mermaid, got '" + options.format + "'");
        }
        String target = options.arguments.get(0);
        Optional<PipelineDescriptionDTO> described = deployments.flatMap(d -> d.describe(target));
        if (described.isEmpty()) {
            Path file = session.workingDirectory().resolve(target);
            if (!Files.isRegularFile(file)) {
                session.err().println("conveyor: no deployed pipeline or file named " + target);
                return CommandLine.INVALID;
            }
            described = Optional.of(runtime.describe(RunRequest.of(Path.of(target))
                    .withWorkingDirectory(session.workingDirectory()).withEnvironment(session.environment())));
        }
        PipelineDescriptionDTO pipeline = described.get();
        if (!pipeline.stages.isEmpty()) {
            print(session, options.json ? json.description(pipeline) : GraphFormat.render(options.format, pipeline));
        }
        // a graph is drawn whenever the stages could be read, but a faulty file still says so
        session.err().print(new TextFormat().problems(pipeline.problems));
        return pipeline.valid() ? CommandLine.OK : CommandLine.INVALID;
    }

    private int withDeployments(CommandLine.Session session, Function<PipelineDeployments, Integer> command) {
        if (deployments.isEmpty()) {
            session.err().println("conveyor: no pipelines are deployed here: deployed pipelines live in a server"
                    + " (conveyor server)");
            return CommandLine.INVALID;
        }
        return command.apply(deployments.get());
    }

    private static int noSuchPipeline(CommandLine.Session session, String name, PipelineDeployments d) {
        Optional<String> closest = ClosestName.to(name, d.deployments().stream().map(p -> p.name).toList());
        session.err().println("conveyor: no such pipeline: " + name
                + closest.map(c -> " (did you mean '" + c + "'?)").orElse(""));
        return CommandLine.INVALID;
    }

    private static int print(CommandLine.Session session, String output) {
        session.out().print(output);
        return CommandLine.OK;
    }

    private static int usage(CommandLine.Session session, String problem) {
        session.err().println("conveyor: " + problem);
        session.err().println("Run 'conveyor help' for usage.");
        return CommandLine.INVALID;
    }

    /** {@code --json}, {@code --format FORMAT} and positional arguments. */
    private static final class Options {
        boolean json;
        String format = "dot";
        String problem;
        final List<String> arguments = new ArrayList<>();

        static Options parse(List<String> args) {
            Options options = new Options();
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                if (arg.equals("--json")) {
                    options.json = true;
                } else if (arg.equals("--format") || arg.equals("-f")) {
                    if (i + 1 == args.size()) {
                        options.problem = arg + " needs a format: dot or mermaid";
                    } else {
                        options.format = args.get(++i);
                    }
                } else if (arg.startsWith("-") && arg.length() > 1) {
                    options.problem = options.problem != null ? options.problem : "unknown option '" + arg + "'";
                } else {
                    options.arguments.add(arg);
                }
            }
            return options;
        }
    }
}
