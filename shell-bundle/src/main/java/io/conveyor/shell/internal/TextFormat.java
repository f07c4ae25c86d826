package io.conveyor.shell.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.conveyor.api.runtime.ExampleDTO;
import io.conveyor.api.runtime.FunctionDTO;
import io.conveyor.api.runtime.ParameterDTO;
import io.conveyor.api.runtime.ProblemDTO;
import io.conveyor.api.runtime.RunReportDTO;
import io.conveyor.api.runtime.StageReportDTO;
import io.conveyor.api.runtime.ValidationDTO;

/**
 * Every result as text for people: the run report, {@code list}, {@code info} and
 * {@code validate}. One class, so the shell and the command line cannot drift apart.
 * Every string it returns ends with a newline.
 */
public final class TextFormat {

    private static final Map<String, String> ROLE_TITLES = Map.of(
            "source", "Sources", "transform", "Transforms", "sink", "Sinks");

    /** The one-screen report printed after a run: outcome, a table per stage, then the problems. */
    public String runReport(RunReportDTO report) {
        StringBuilder out = new StringBuilder();
        String name = report.pipelineName == null ? "pipeline" : "pipeline '" + report.pipelineName + "'";
        out.append(name).append(": ").append(report.outcome).append(" in ").append(duration(report.millis))
                .append('\n');
        if (!report.stages.isEmpty()) {
            TextTable table = new TextTable(false, false, false, true, true, true, true, true);
            table.row("stage", "function", "status", "rows in", "rows out", "batches in", "batches out", "time");
            for (StageReportDTO stage : report.stages) {
                boolean source = "source".equals(stage.role);
                boolean sink = "sink".equals(stage.role);
                table.row(stage.stageId, stage.function, stage.status, count(stage.rowsIn, source),
                        count(stage.rowsOut, sink), count(stage.batchesIn, source), count(stage.batchesOut, sink),
                        duration(stage.millis));
            }
            out.append('\n').append(table.render(""));
        }
        if (!report.problems.isEmpty()) {
            out.append('\n').append(problems(report.problems));
        }
        return out.toString();
    }

    /** One line per problem, in the {@code file:line:col: error[CODE]: message} form. */
    public String problems(List<ProblemDTO> problems) {
        return problems.stream().map(p -> p + "\n").collect(Collectors.joining());
    }

    /** The success line of {@code validate}; problems are printed with {@link #problems}. */
    public String valid(String file, ValidationDTO validation) {
        int stages = validation.stageCount;
        return "✓ " + file + " is valid: pipeline '" + validation.pipelineName + "', " + stages
                + (stages == 1 ? " stage" : " stages") + "\n";
    }

    /**
     * The functions grouped by role, each with its provider and summary (last, as it is the longest); a function claimed by
     * several services lists the shadowed ones under the winner.
     */
    public String functions(List<FunctionDTO> functions) {
        if (functions.isEmpty()) {
            return "No functions available.\n";
        }
        TextTable table = new TextTable();
        for (String role : List.of("source", "transform", "sink")) {
            List<FunctionDTO> inRole = functions.stream().filter(f -> f.role.equals(role)).toList();
            if (inRole.isEmpty()) {
                continue;
            }
            table.heading(ROLE_TITLES.get(role));
            for (FunctionDTO function : inRole) {
                table.row(function.function, provider(function), function.summary);
                for (FunctionDTO shadowed : function.shadowed) {
                    table.note("  conflict: also provided by " + provider(shadowed) + ", shadowed");
                }
            }
        }
        return table.render("  ");
    }

    /** Everything about one function: provider, description, parameters, examples. */
    public String info(FunctionDTO function) {
        return info(function, List.of(function.role));
    }

    /** {@link #info(FunctionDTO)} of a function that serves several roles (its first line names them all). */
    public String info(FunctionDTO function, List<String> roles) {
        StringBuilder out = new StringBuilder();
        out.append(function.function).append(" (").append(String.join(", ", roles)).append(")\n");
        out.append("provider: ").append(provider(function)).append('\n');
        for (FunctionDTO shadowed : function.shadowed) {
            out.append("conflict: also provided by ").append(provider(shadowed)).append(", shadowed\n");
        }
        String description = orEmpty(function.description);
        if (!description.isBlank()) {
            out.append('\n').append(description.strip()).append('\n');
        }
        out.append("\nParameters:\n");
        if (function.parameters.isEmpty()) {
            out.append("  (none)\n");
        } else {
            TextTable table = new TextTable();
            for (ParameterDTO parameter : function.parameters) {
                table.row(parameter.name, parameter.type, requirement(parameter), parameterText(parameter));
            }
            out.append(table.render("  "));
        }
        if (!function.examples.isEmpty()) {
            out.append("\nExamples:\n");
            for (ExampleDTO example : function.examples) {
                out.append("  # ").append(example.title).append('\n');
                example.toml.strip().lines().forEach(line -> out.append("  ").append(line).append('\n'));
            }
        }
        return out.toString();
    }

    static String requirement(ParameterDTO parameter) {
        if (parameter.required) {
            return "required";
        }
        return parameter.defaultValue == null ? "optional" : "default " + value(parameter.defaultValue);
    }

    static String parameterText(ParameterDTO parameter) {
        String text = orEmpty(parameter.description);
        if (!parameter.allowedValues.isEmpty()) {
            String allowed = "one of " + parameter.allowedValues.stream().map(TextFormat::value)
                    .collect(Collectors.joining(", "));
            text = text.isBlank() ? allowed : text + " (" + allowed + ")";
        }
        if (parameter.example != null) {
            text = text + (text.isBlank() ? "" : " ") + "e.g. " + parameter.example;
        }
        return text;
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    /** A value as it would be written in TOML. */
    static String value(Object value) {
        if (value instanceof String s) {
            return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        if (value instanceof List<?> list) {
            return list.stream().map(TextFormat::value).collect(Collectors.joining(", ", "[", "]"));
        }
        return String.valueOf(value);
    }

    private static String provider(FunctionDTO function) {
        String text = function.bundleSymbolicName + " " + function.bundleVersion;
        return function.ranking == 0 ? text : text + " (ranking " + function.ranking + ")";
    }

    /** A count, or "-" where the stage has no such side (a source's input, a sink's output). */
    private static String count(long value, boolean notApplicable) {
        return notApplicable ? "-" : String.format(Locale.ROOT, "%,d", value);
    }

    static String duration(long millis) {
        if (millis < 1000) {
            return millis + " ms";
        }
        return String.format(Locale.ROOT, "%.2f s", millis / 1000.0);
    }
}
