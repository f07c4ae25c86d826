package io.conveyor.deploy.internal;

import java.util.List;

import io.conveyor.api.runtime.ProblemDTO;
import io.conveyor.api.runtime.RunRecordDTO;
import io.conveyor.api.runtime.RunReportDTO;
import io.conveyor.api.stage.ErrorCode;

/** Making and copying {@link RunRecordDTO}s. */
final class RunRecords {

    static final String RUNNING = "RUNNING";
    static final String STOPPED = "STOPPED";

    private RunRecords() {
    }

    static RunRecordDTO started(long number, String trigger, long now) {
        RunRecordDTO record = new RunRecordDTO();
        record.number = number;
        record.trigger = trigger;
        record.startedAt = now;
        record.outcome = RUNNING;
        return record;
    }

    /** Fills in how the run ended; a stopped run keeps its rows but reports no problem. */
    static void ended(RunRecordDTO record, RunReportDTO report, boolean stopped, long now) {
        record.endedAt = now;
        record.outcome = stopped ? STOPPED : report.outcome;
        record.stages.addAll(report.stages);
        if (!stopped) {
            record.problems.addAll(report.problems);
        }
    }

    /** The report of a run whose call into the runtime threw: the runtime's fault, reported as such. */
    static RunReportDTO crashed(String pipelineName, Throwable e) {
        RunReportDTO report = new RunReportDTO();
        report.pipelineName = pipelineName;
        report.outcome = "FAILED";
        ProblemDTO problem = new ProblemDTO();
        problem.code = ErrorCode.STAGE.name();
        problem.message = "the runtime failed: " + e;
        report.problems.add(problem);
        return report;
    }

    /** A copy that later changes to {@code record} do not reach (its lists are copied; their elements are not changed once added). */
    static RunRecordDTO copy(RunRecordDTO record) {
        RunRecordDTO copy = new RunRecordDTO();
        copy.number = record.number;
        copy.trigger = record.trigger;
        copy.startedAt = record.startedAt;
        copy.endedAt = record.endedAt;
        copy.outcome = record.outcome;
        copy.stages.addAll(List.copyOf(record.stages));
        copy.problems.addAll(List.copyOf(record.problems));
        return copy;
    }
}
