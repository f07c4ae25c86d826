package io.conveyor.deploy.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;

import io.conveyor.api.runtime.FunctionDTO;
import io.conveyor.api.runtime.PipelineDescriptionDTO;
import io.conveyor.api.runtime.ProblemDTO;
import io.conveyor.api.runtime.RunReportDTO;
import io.conveyor.api.runtime.RunRequest;
import io.conveyor.api.runtime.ScheduleDTO;
import io.conveyor.api.runtime.StageReportDTO;
import io.conveyor.api.runtime.StageUseDTO;
import io.conveyor.api.runtime.ValidationDTO;
import io.conveyor.testing.RuntimeStub;

/**
 * A runtime whose pipeline "files" are lines of {@code key=value}: {@code name}, {@code mode},
 * {@code interval} (milliseconds; implies the interval mode, as in a real file), {@code cron} (implies
 * the cron mode) and {@code timezone}, {@code invalid} (a problem message), {@code wait} ({@code release}:
 * the run blocks until {@link #release} or a stop; {@code stop}: until stopped, like an unbounded
 * source). A stopped run reports what the engine reports, {@code pipeline 'x' was stopped}. Records
 * the text of every run it starts.
 */
final class ScriptedRuntime extends RuntimeStub {

    final List<String> ran = Collections.synchronizedList(new ArrayList<>());
    private final Semaphore released = new Semaphore(0);

    void release() {
        released.release();
    }

    @Override
    public PipelineDescriptionDTO describe(RunRequest request) {
        Map<String, String> keys = keys(request);
        PipelineDescriptionDTO dto = new PipelineDescriptionDTO();
        dto.pipelineName = keys.get("name");
        dto.schedule = new ScheduleDTO();
        dto.schedule.mode = keys.getOrDefault("mode", keys.containsKey("interval") ? ScheduleDTO.INTERVAL
                : keys.containsKey("cron") ? ScheduleDTO.CRON : ScheduleDTO.ONCE);
        dto.schedule.cron = keys.get("cron");
        dto.schedule.timezone = keys.get("timezone");
        if (keys.containsKey("interval")) {
            dto.schedule.intervalMillis = Long.parseLong(keys.get("interval"));
            dto.schedule.interval = keys.get("interval") + "ms";
        }
        if (keys.containsKey("invalid")) {
            ProblemDTO problem = new ProblemDTO();
            problem.code = "CONFIG";
            problem.file = request.pipelineFile().toString();
            problem.line = 2;
            problem.column = 1;
            problem.message = keys.get("invalid");
            dto.problems.add(problem);
        }
        return dto;
    }

    @Override
    public RunReportDTO run(RunRequest request) {
        String text = request.text().orElseThrow();
        ran.add(text);
        Map<String, String> keys = keys(request);
        RunReportDTO report = new RunReportDTO();
        report.pipelineName = keys.get("name");
        try {
            if ("release".equals(keys.get("wait"))) {
                released.acquire();
            } else if ("stop".equals(keys.get("wait"))) {
                new Semaphore(0).acquire();
            }
        } catch (InterruptedException e) {
            report.outcome = "FAILED";
            ProblemDTO problem = new ProblemDTO();
            problem.code = "CANCELLED";
            problem.message = "pipeline '" + report.pipelineName + "' was stopped";
            report.problems.add(problem);
            return report;
        }
        report.outcome = "SUCCEEDED";
        StageReportDTO stage = new StageReportDTO();
        stage.stageId = "load";
        stage.rowsOut = 3;
        report.stages.add(stage);
        return report;
    }

    private static Map<String, String> keys(RunRequest request) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (String line : request.text().orElseThrow().split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                keys.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return keys;
    }

    @Override
    public List<FunctionDTO> functions() {
        return List.of();
    }

    @Override
    public Optional<FunctionDTO> function(String name) {
        return Optional.empty();
    }

    @Override
    public ValidationDTO validate(RunRequest request) {
        throw new UnsupportedOperationException("the deployer describes; it never validates");
    }

    @Override
    public List<StageUseDTO> stagesInUse() {
        return List.of();
    }

}
