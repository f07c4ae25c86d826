package io.conveyor.api.runtime;

import java.util.ArrayList;
import java.util.List;

/** The outcome of a run: per-stage figures, and the error that ended it, if any. */
public class RunReportDTO {
    public String pipelineName;
    /** {@code SUCCEEDED}, {@code FAILED} or {@code INVALID} (rejected before it started). */
    public String outcome;
    public long millis;
    /** One entry per stage, in the pipeline file's order. */
    public List<StageReportDTO> stages = new ArrayList<>();
    /** Why the run failed or was rejected; empty when it succeeded. */
    public List<ProblemDTO> problems = new ArrayList<>();

    public boolean succeeded() {
        return "SUCCEEDED".equals(outcome);
    }
}
