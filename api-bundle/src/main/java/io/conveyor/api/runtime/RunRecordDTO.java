package io.conveyor.api.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * One run of a deployed pipeline, as its history keeps it.
 *
 * @since 1.1
 */
public class RunRecordDTO {
    /** Counts the pipeline's runs since the server started, from 1. */
    public long number;
    /** What started it: {@code deploy}, {@code schedule} or {@code start} (an operator). */
    public String trigger;
    /** In epoch milliseconds. */
    public long startedAt;
    /** In epoch milliseconds; 0 while the run is in flight. */
    public long endedAt;
    /**
     * {@code RUNNING} while in flight; then {@code SUCCEEDED}, {@code FAILED}, {@code INVALID} (a
     * plugin it needs went away), or {@code STOPPED} (by an operator, a redeployment or an undeployment).
     */
    public String outcome;
    /** Rows and batches per stage; empty while in flight. */
    public List<StageReportDTO> stages = new ArrayList<>();
    /** Why it failed; empty when it succeeded or was stopped. */
    public List<ProblemDTO> problems = new ArrayList<>();
}
