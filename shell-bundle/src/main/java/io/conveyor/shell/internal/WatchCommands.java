package io.conveyor.shell.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.conveyor.api.runtime.ConveyorRuntime;
import io.conveyor.api.runtime.RunningPipelineDTO;
import io.conveyor.api.runtime.StageActivityDTO;
import io.conveyor.api.runtime.TapDTO;

/**
 * The commands that watch running pipelines: {@code top}, what every stage of every run in
 * progress has done, and {@code tap}, sample rows flowing out of one stage. Output, streams and
 * exit codes follow {@link CommandLine}.
 */
final class WatchCommands {

    static final List<String> COMMANDS = List.of("top", "tap");

    static final String USAGE = """
              top [--json] [--watch SECONDS] every running pipeline's stages: rows, rows/s, queued batches, memory
              tap [--limit N] [--timeout SECONDS] [--json] PIPELINE STAGE
                                             the schema and the next N rows (10) a stage of a running pipeline emits
            """;

    static final int DEFAULT_LIMIT = 10;
    static final int DEFAULT_TIMEOUT_SECONDS = 10;
    /** What a terminal takes to clear the screen and go home, between {@code top --watch} snapshots. */
    private static final String CLEAR = "\033[H\033[2J";

    private final ConveyorRuntime runtime;
    private final DeploymentJson json = new DeploymentJson();

    WatchCommands(ConveyorRuntime runtime) {
        this.runtime = runtime;
    }

    /** Runs one of {@link #COMMANDS} ({@code args[0]}); returns its exit code. */
    int execute(List<String> args, CommandLine.Session session) {
        Options options = Options.parse(args.get(0), args.subList(1, args.size()));
        if (options.problem != null) {
            return usage(session, options.problem);
        }
        return args.get(0).equals("top") ? top(options, session) : tap(options, session);
    }

    private int top(Options options, CommandLine.Session session) {
        if (!options.arguments.isEmpty()) {
            return usage(session, "top takes no arguments, got '" + options.arguments.get(0) + "'");
        }
        if (options.json && options.watchSeconds > 0) {
            return usage(session, "--watch redraws a terminal; --json prints one snapshot, without --watch");
        }
        if (options.watchSeconds == 0) {
            List<RunningPipelineDTO> runs = runtime.running();
            session.out().print(options.json ? json.write(runs) : topText(runs, Map.of(), 0));
            return CommandLine.OK;
        }
        Map<String, Long> before = Map.of();
        try {
            while (true) {
                List<RunningPipelineDTO> runs = runtime.running();
                session.out().print(CLEAR + topText(runs, before, options.watchSeconds));
                session.out().flush();
                before = rowCounts(runs);
                Thread.sleep(options.watchSeconds * 1000L);
            }
        } catch (InterruptedException e) {
            return CommandLine.OK; // Ctrl-C ends the watch
        }
    }

    /**
     * One table per run. Rows per second are over the last {@code intervalSeconds} for the stages
     * {@code before} has counts of, else since the stage started.
     */
    static String topText(List<RunningPipelineDTO> runs, Map<String, Long> before, int intervalSeconds) {
        if (runs.isEmpty()) {
            return "no pipeline is running\n";
        }
        TextTable table = new TextTable(false, false, false, true, true, true, true, true);
        for (RunningPipelineDTO run : runs) {
            table.heading("pipeline " + run.pipelineName + ", running for " + seconds(run.millis));
            table.row("stage", "function", "status", "rows in", "rows out", "rows/s", "queued", "memory");
            for (StageActivityDTO stage : run.stages) {
                Long counted = before.get(key(run, stage));
                double rate = counted == null ? stage.rowsPerSecond
                        : (counted(stage) - counted) / (double) intervalSeconds;
                table.row(stage.stageId, stage.function, stage.status, Long.toString(stage.rowsIn),
                        Long.toString(stage.rowsOut), String.format(Locale.ROOT, "%.1f", rate),
                        Integer.toString(stage.batchesQueued), bytes(stage.memoryBytes));
            }
        }
        return table.render("  ");
    }

    /** The rows each stage of each run has counted, for the rates of the next snapshot. */
    private static Map<String, Long> rowCounts(List<RunningPipelineDTO> runs) {
        Map<String, Long> counts = new HashMap<>();
        runs.forEach(run -> run.stages.forEach(stage -> counts.put(key(run, stage), counted(stage))));
        return counts;
    }

    private static String key(RunningPipelineDTO run, StageActivityDTO stage) {
        return run.pipelineName + "@" + run.startedAt + "/" + stage.stageId;
    }

    /** The rows a stage's rate counts: those it emits, or for a sink those it receives. */
    private static long counted(StageActivityDTO stage) {
        return "sink".equals(stage.role) ? stage.rowsIn : stage.rowsOut;
    }

    private int tap(Options options, CommandLine.Session session) {
        if (options.arguments.size() != 2) {
            return usage(session, "tap needs a pipeline name and a stage id");
        }
        String pipeline = options.arguments.get(0);
        String stage = options.arguments.get(1);
        TapDTO tap = runtime.tap(pipeline, stage, options.limit, Duration.ofSeconds(options.timeoutSeconds));
        if (TapDTO.NOT_RUNNING.equals(tap.outcome)) {
            session.err().println("conveyor: pipeline '" + pipeline + "' is not running");
            return CommandLine.INVALID;
        }
        if (TapDTO.NO_SUCH_STAGE.equals(tap.outcome)) {
            Optional<String> closest = ClosestName.to(stage, tap.stageIds);
            session.err().println("conveyor: pipeline '" + pipeline + "' has no stage '" + stage + "'"
                    + closest.map(c -> " (did you mean '" + c + "'?)").orElse("")
                    + "; its stages: " + String.join(", ", tap.stageIds));
            return CommandLine.INVALID;
        }
        session.out().print(options.json ? json.write(tap) : tapText(tap));
        return CommandLine.OK;
    }

    /**
     * The schema, a field a line, then the rows as tab-separated values under a header of field
     * names ({@code null} for a null), then how the tap ended.
     */
    static String tapText(TapDTO tap) {
        StringBuilder out = new StringBuilder();
        if (tap.fields.isEmpty()) {
            out.append("schema: none, no batch came out of stage '").append(tap.stageId).append("'\n");
        } else {
            out.append("schema:\n");
            tap.fields.forEach(field -> out.append("  ").append(field).append('\n'));
            out.append("rows:\n");
            out.append("  ").append(String.join("\t", tap.fields.stream().map(WatchCommands::fieldName).toList()))
                    .append('\n');
            for (List<Object> row : tap.rows) {
                out.append("  ").append(String.join("\t", row.stream().map(String::valueOf).toList())).append('\n');
            }
        }
        out.append('(').append(tap.rows.size()).append(tap.rows.size() == 1 ? " row, " : " rows, ")
                .append(ending(tap)).append(")\n");
        return out.toString();
    }

    private static String ending(TapDTO tap) {
        return switch (tap.outcome) {
            case TapDTO.LIMIT -> "the limit";
            case TapDTO.SCHEMA_CHANGED -> "the schema changed after them";
            case TapDTO.RUN_ENDED -> "the run ended";
            default -> "timed out";
        };
    }

    /** The name part of Arrow's {@code name: type} notation. */
    private static String fieldName(String field) {
        int colon = field.lastIndexOf(": ");
        return colon < 0 ? field : field.substring(0, colon);
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    /** Bytes in B, KiB, MiB or GiB, one decimal above bytes. */
    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB"};
        double value = bytes / 1024.0;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    private static int usage(CommandLine.Session session, String problem) {
        session.err().println("conveyor: " + problem);
        session.err().println("Run 'conveyor help' for usage.");
        return CommandLine.INVALID;
    }

    /** {@code --json}, {@code --watch}, {@code --limit}, {@code --timeout} and positional arguments. */
    private static final class Options {
        boolean json;
        int watchSeconds;
        int limit = DEFAULT_LIMIT;
        int timeoutSeconds = DEFAULT_TIMEOUT_SECONDS;
        String problem;
        final List<String> arguments = new ArrayList<>();

        static Options parse(String command, List<String> args) {
            Options options = new Options();
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                boolean valued = command.equals("top") ? arg.equals("--watch")
                        : arg.equals("--limit") || arg.equals("--timeout");
                if (arg.equals("--json")) {
                    options.json = true;
                } else if (valued) {
                    String value = i + 1 < args.size() ? args.get(++i) : null;
                    options.set(arg, value);
                } else if (arg.startsWith("-") && arg.length() > 1) {
                    options.fail("unknown option '" + arg + "'");
                } else {
                    options.arguments.add(arg);
                }
            }
            return options;
        }

        private void set(String option, String value) {
            int number = positive(value);
            if (number < 1) {
                fail(option + " needs a whole number of at least 1" + (value == null ? "" : ", got '" + value + "'"));
            } else if (option.equals("--watch")) {
                watchSeconds = number;
            } else if (option.equals("--limit")) {
                limit = number;
            } else {
                timeoutSeconds = number;
            }
        }

        private static int positive(String value) {
            try {
                return value == null ? 0 : Integer.parseInt(value);
            } catch (NumberFormatException e) {
                return 0;
            }
        }

        private void fail(String message) {
            problem = problem != null ? problem : message;
        }
    }
}
