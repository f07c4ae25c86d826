package io.conveyor.shell.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import io.conveyor.api.runtime.DeploymentDTO;
import io.conveyor.api.runtime.RunRecordDTO;
import io.conveyor.api.runtime.RunReportDTO;
import io.conveyor.api.runtime.ScheduleDTO;
import io.conveyor.api.runtime.StageReportDTO;

/**
 * The deployed pipelines as text for people: {@code pipelines}, {@code status} and
 * {@code history}. Times are shown in {@code zone}, to the second. Every string it returns ends
 * with a newline.
 */
final class DeploymentText {

    private final DateTimeFormatter time;
    private final TextFormat text = new TextFormat();

    DeploymentText(ZoneId zone) {
        this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(zone);
    }

    /** One row per pipeline; a rejected file's problems below its row. */
    String deployments(List<DeploymentDTO> deployments) {
        if (deployments.isEmpty()) {
            return "No pipelines deployed.\n";
        }
        TextTable table = new TextTable();
        table.row("name", "pipeline", "schedule", "state", "last run", "next run");
        for (DeploymentDTO d : deployments) {
            table.row(d.name, orDash(d.pipelineName), schedule(d.schedule), d.state, lastRun(d.lastRun),
                    at(d.nextRunAt));
            d.problems.forEach(problem -> table.note("  rejected: " + problem));
        }
        return table.render("");
    }

    /** The pipeline, its schedule and state, then its latest run's report. */
    String status(DeploymentDTO d) {
        TextTable table = new TextTable();
        table.row("pipeline:", orDash(d.pipelineName));
        table.row("file:", d.file);
        table.row("schedule:", schedule(d.schedule));
        table.row("state:", d.state);
        table.row("deployed:", at(d.deployedAt));
        table.row("next run:", at(d.nextRunAt));
        if (d.skippedRuns > 0) {
            table.row("skipped:", d.skippedRuns + " cron time(s), a run being still in flight");
        }
        table.row("last run:", lastRun(d.lastRun));
        StringBuilder out = new StringBuilder(d.name).append('\n').append(table.render("  "));
        if (!d.problems.isEmpty()) {
            out.append('\n').append(d.state.equals(DeploymentDTO.INVALID) ? "The file was rejected:\n"
                    : "The file's latest content was rejected; the version deployed before keeps running:\n");
            out.append(text.problems(d.problems));
        }
        if (d.lastRun != null && d.lastRun.endedAt > 0) {
            out.append('\n').append(text.runReport(report(d, d.lastRun)));
        }
        return out.toString();
    }

    /** One row per run, newest first: when, how it ended, rows per stage; a failure's problems below. */
    String history(String name, List<RunRecordDTO> runs) {
        if (runs.isEmpty()) {
            return "No runs of " + name + " yet.\n";
        }
        TextTable table = new TextTable(true);
        table.row("run", "trigger", "started", "ended", "outcome", "rows");
        for (RunRecordDTO run : runs) {
            table.row("#" + run.number, run.trigger, at(run.startedAt), at(run.endedAt), run.outcome, rows(run.stages));
            run.problems.forEach(problem -> table.note("  " + problem));
        }
        return table.render("");
    }

    /** What the command did, e.g. {@code orders: RUNNING (run #4)}. */
    String changed(DeploymentDTO d) {
        String run = d.state.equals(DeploymentDTO.RUNNING) && d.lastRun != null ? " (run #" + d.lastRun.number + ")" : "";
        return d.name + ": " + d.state + run + "\n";
    }

    static String schedule(ScheduleDTO schedule) {
        if (schedule == null) {
            return "-";
        }
        return switch (schedule.mode) {
            case ScheduleDTO.INTERVAL -> "every " + schedule.interval;
            case ScheduleDTO.CRON -> "cron " + schedule.cron + (schedule.timezone == null ? "" : " " + schedule.timezone);
            default -> schedule.mode;
        };
    }

    /** Rows out of each stage, rows in for sinks: {@code load 10, big 5, save 5}. */
    static String rows(List<StageReportDTO> stages) {
        if (stages.isEmpty()) {
            return "-";
        }
        return stages.stream().map(s -> s.stageId + " " + String.format(Locale.ROOT, "%,d",
                "sink".equals(s.role) ? s.rowsIn : s.rowsOut)).collect(Collectors.joining(", "));
    }

    private String lastRun(RunRecordDTO run) {
        return run == null ? "-" : "#" + run.number + " " + run.outcome + " " + at(run.startedAt);
    }

    private String at(long epochMillis) {
        return epochMillis <= 0 ? "-" : time.format(Instant.ofEpochMilli(epochMillis));
    }

    private static RunReportDTO report(DeploymentDTO d, RunRecordDTO run) {
        RunReportDTO report = new RunReportDTO();
        report.pipelineName = d.pipelineName;
        report.outcome = run.outcome;
        report.millis = run.endedAt - run.startedAt;
        report.stages.addAll(run.stages);
        report.problems.addAll(run.problems);
        return report;
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }
}
