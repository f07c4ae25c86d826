package io.conveyor.shell.internal;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.conveyor.api.runtime.ConveyorRuntime;
import io.conveyor.api.runtime.FunctionDTO;
import io.conveyor.api.runtime.PipelineDeployments;
import io.conveyor.api.runtime.RunReportDTO;
import io.conveyor.api.runtime.RunRequest;
import io.conveyor.api.runtime.ValidationDTO;

/**
 * The commands {@code run}, {@code validate}, {@code list}, {@code info}, {@code docs} and {@code help}, for
 * the launcher and the Gogo shell alike, and those of {@link PipelineCommands}.
 *
 * <p>Streams: reports and problems go to {@code err}; {@code list}, {@code info} and
 * {@code validate} results to {@code out}; stages read and write the {@link Session}'s own
 * stdin/stdout. Exit codes: {@value #OK} ok, {@value #FAILED} run failed or internal error,
 * {@value #INVALID} invalid pipeline or usage error. With {@code --json}, {@code info} of an
 * unknown function prints a JSON error object on {@code out} (see
 * {@link JsonFormat#noSuchFunction}).
 */
public final class CommandLine {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int INVALID = 2;

    static final String USAGE = """
            Usage: conveyor <command> [options]

            Commands:
              run [--json] FILE              run a pipeline; its report goes to stderr
              validate [--json] FILE         check a pipeline without running it
              list [--json] [-t TYPE]        list the functions (TYPE: sources, transforms, sinks)
              info [--json] FUNCTION         describe a function: parameters and examples
              docs                           every function's reference as Markdown (docs/functions.md)
            """ + PipelineCommands.USAGE + WatchCommands.USAGE + """
              help                           show this help
            """;

    /**
     * Where a command runs: its streams, working directory and environment.
     *
     * @param stageIn  what {@code stdin.read} reads
     * @param stageOut what {@code stdout.write} writes
     * @param out      results of list, info and validate
     * @param err      reports, problems and usage errors
     */
    public record Session(InputStream stageIn, PrintStream stageOut, PrintStream out, PrintStream err,
            Path workingDirectory, Map<String, String> environment) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(CommandLine.class);

    private final ConveyorRuntime runtime;
    private final TextFormat text = new TextFormat();
    private final JsonFormat json = new JsonFormat();
    private final MarkdownFormat markdown = new MarkdownFormat();
    private final PipelineCommands pipelines;
    private final WatchCommands watch;

    /** The commands of a framework without deployed pipelines (the command line). */
    public CommandLine(ConveyorRuntime runtime) {
        this(runtime, Optional.empty());
    }

    CommandLine(ConveyorRuntime runtime, Optional<PipelineDeployments> deployments) {
        this.runtime = runtime;
        this.pipelines = new PipelineCommands(runtime, deployments, ZoneId.systemDefault());
        this.watch = new WatchCommands(runtime);
    }

    /**
     * Runs one command line ({@code args[0]} is the command) and returns its exit code. Never
     * throws: whatever the runtime call throws is printed as one line,
     * {@code conveyor: internal error: <throwable>}, with exit code {@value #FAILED} (the log has
     * the trace).
     *
     * <p>That includes every {@link VirtualMachineError}: an {@link OutOfMemoryError} or
     * {@link StackOverflowError} is a run asking too much, and the JVM is usable again once its
     * stack has unwound. Rethrowing would gain nothing either way: the CLI process exits right after
     * the command, and in the Gogo shell the error would reach the same thread only to be printed
     * as a stack trace. The line is printed before the error is logged, as logging may itself fail
     * when memory is short.
     */
    public int execute(List<String> args, Session session) {
        try {
            return dispatch(args, session);
        } catch (Throwable e) {
            session.err().println("conveyor: internal error: " + e);
            LOG.error("conveyor {} failed", args, e);
            return FAILED;
        }
    }

    private int dispatch(List<String> args, Session session) {
        if (args.isEmpty()) {
            session.err().print(USAGE);
            return INVALID;
        }
        String command = args.get(0);
        Options options = Options.parse(args.subList(1, args.size()), command.equals("list"));
        return switch (command) {
            case "run" -> run(options, session);
            case "validate" -> validate(options, session);
            case "list" -> list(options, session);
            case "info" -> info(options, session);
            case "docs" -> docs(options, session);
            case "help", "--help", "-h" -> {
                session.out().print(USAGE);
                yield OK;
            }
            default -> PipelineCommands.COMMANDS.contains(command) ? pipelines.execute(args, session)
                    : WatchCommands.COMMANDS.contains(command) ? watch.execute(args, session)
                    : usage(session, "unknown command '" + command + "'");
        };
    }

    private int run(Options options, Session session) {
        Optional<Integer> error = checkFileArgument("run", options, session);
        if (error.isPresent()) {
            return error.get();
        }
        RunReportDTO report = runtime.run(request(options.arguments.get(0), session));
        session.err().print(options.json ? json.runReport(report) : text.runReport(report));
        return switch (report.outcome) {
            case "SUCCEEDED" -> OK;
            case "INVALID" -> INVALID;
            default -> FAILED;
        };
    }

    private int validate(Options options, Session session) {
        Optional<Integer> error = checkFileArgument("validate", options, session);
        if (error.isPresent()) {
            return error.get();
        }
        String file = options.arguments.get(0);
        ValidationDTO validation = runtime.validate(request(file, session));
        if (options.json) {
            session.out().print(json.validation(validation));
        } else if (validation.valid()) {
            session.out().print(text.valid(file, validation));
        } else {
            session.err().print(text.problems(validation.problems));
        }
        return validation.valid() ? OK : INVALID;
    }

    private int list(Options options, Session session) {
        if (options.problem != null) {
            return usage(session, options.problem);
        }
        if (!options.arguments.isEmpty()) {
            return usage(session, "list takes no arguments, got '" + options.arguments.get(0) + "'");
        }
        String role = null;
        if (options.type != null) {
            role = switch (options.type) {
                case "sources", "source" -> "source";
                case "transforms", "transform" -> "transform";
                case "sinks", "sink" -> "sink";
                default -> null;
            };
            if (role == null) {
                return usage(session, "-t takes sources, transforms or sinks, got '" + options.type + "'");
            }
        }
        String wanted = role;
        List<FunctionDTO> functions = runtime.functions().stream()
                .filter(f -> wanted == null || f.role.equals(wanted)).toList();
        session.out().print(options.json ? json.functions(functions) : text.functions(functions));
        return OK;
    }

    private int info(Options options, Session session) {
        if (options.problem != null) {
            return usage(session, options.problem);
        }
        if (options.arguments.size() != 1) {
            return usage(session, options.arguments.isEmpty() ? "info needs a function name"
                    : "info takes one function name");
        }
        String name = options.arguments.get(0);
        Optional<FunctionDTO> function = runtime.function(name);
        if (function.isEmpty()) {
            Optional<String> closest = ClosestName.to(name,
                    runtime.functions().stream().map(f -> f.function).distinct().toList());
            if (options.json) {
                session.out().print(json.noSuchFunction(name, closest));
            } else {
                session.err().println("conveyor: " + noSuchFunction(name, closest));
            }
            return INVALID;
        }
        List<String> roles = runtime.functions().stream().filter(f -> f.function.equals(name)).map(f -> f.role)
                .distinct().toList();
        session.out().print(options.json ? json.info(function.get())
                : text.info(function.get(), roles.isEmpty() ? List.of(function.get().role) : roles));
        return OK;
    }

    private int docs(Options options, Session session) {
        if (options.problem != null) {
            return usage(session, options.problem);
        }
        if (!options.arguments.isEmpty() || options.json) {
            return usage(session, "docs takes no arguments");
        }
        session.out().print(markdown.reference(runtime.functions()));
        return OK;
    }

    /** {@code no such function: x}, with {@code (did you mean 'y'?)} when a name is close. */
    static String noSuchFunction(String name, Optional<String> closest) {
        return "no such function: " + name + closest.map(c -> " (did you mean '" + c + "'?)").orElse("");
    }

    private Optional<Integer> checkFileArgument(String command, Options options, Session session) {
        if (options.problem != null) {
            return Optional.of(usage(session, options.problem));
        }
        if (options.arguments.size() != 1) {
            return Optional.of(usage(session, options.arguments.isEmpty() ? command + " needs a pipeline file"
                    : command + " takes one pipeline file"));
        }
        String file = options.arguments.get(0);
        Path path = session.workingDirectory().resolve(file);
        if (!Files.exists(path)) {
            session.err().println("conveyor: no such file: " + file);
            return Optional.of(INVALID);
        }
        if (!Files.isRegularFile(path)) {
            session.err().println("conveyor: not a file: " + file);
            return Optional.of(INVALID);
        }
        return Optional.empty();
    }

    private static RunRequest request(String file, Session session) {
        return RunRequest.of(Path.of(file)).withWorkingDirectory(session.workingDirectory())
                .withEnvironment(session.environment()).withStreams(session.stageIn(), session.stageOut());
    }

    private static int usage(Session session, String problem) {
        session.err().println("conveyor: " + problem);
        session.err().println("Run 'conveyor help' for usage.");
        return INVALID;
    }

    /** {@code --json}, {@code -t TYPE} (list only) and positional arguments. */
    private static final class Options {
        boolean json;
        String type;
        String problem;
        final List<String> arguments = new ArrayList<>();

        static Options parse(List<String> args, boolean allowType) {
            Options options = new Options();
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                if (arg.equals("--json")) {
                    options.json = true;
                } else if (allowType && (arg.equals("-t") || arg.equals("--type"))) {
                    if (i + 1 == args.size()) {
                        options.problem = arg + " needs a type: sources, transforms or sinks";
                    } else {
                        options.type = args.get(++i);
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
