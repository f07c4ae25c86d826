package io.conveyor.deploy.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;

import io.conveyor.api.runtime.DeploymentDTO;
import io.conveyor.api.runtime.ProblemDTO;
import io.conveyor.api.runtime.RunRecordDTO;

/**
 * What the server knows of one pipeline file: the version deployed, a valid newer one waiting for
 * the run in flight to end, the problems of a rejected content, the run in flight, the next
 * scheduled run, and the history. Plain state: {@link Deployments} guards it with its lock.
 */
final class Deployment {

    /** A run in flight, and whether someone asked it to stop. */
    static final class InFlight {
        final RunRecordDTO record;
        Future<?> future;
        boolean stopRequested;
        /** Whether its task began (under the {@link Deployments} lock, as {@link #stopRequested}). */
        boolean started;

        InFlight(RunRecordDTO record) {
            this.record = record;
        }
    }

    final String name;
    /** The pipeline file, absolute. */
    final Path file;
    /** How messages name the file, e.g. {@code pipelines/orders.toml}. */
    final String displayName;
    final RunHistory history = new RunHistory();

    PipelineVersion active;
    PipelineVersion pending;
    List<ProblemDTO> rejected = List.of();
    InFlight run;
    ScheduledFuture<?> timer;
    long nextRunAt;
    /** The time the timer was last set for (a cron time, for a cron schedule), in epoch milliseconds; 0 before. */
    long lastTimerTime;
    long skippedRuns;
    boolean stopped;
    boolean removed;
    long runs;

    Deployment(String name, Path file, String displayName) {
        this.name = name;
        this.file = file;
        this.displayName = displayName;
    }

    void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
            nextRunAt = 0;
        }
    }

    /** Asks the run in flight, if any, to stop: its thread is interrupted, which stops the runtime's run. */
    void stopRun() {
        if (run != null && !run.stopRequested) {
            run.stopRequested = true;
            run.future.cancel(true);
        }
    }

    String state() {
        if (active == null) {
            return DeploymentDTO.INVALID;
        }
        if (run != null) {
            return DeploymentDTO.RUNNING;
        }
        if (stopped) {
            return DeploymentDTO.STOPPED;
        }
        return timer != null ? DeploymentDTO.SCHEDULED : DeploymentDTO.IDLE;
    }

    DeploymentDTO toDTO() {
        DeploymentDTO dto = new DeploymentDTO();
        dto.name = name;
        dto.file = displayName;
        dto.state = state();
        if (active != null) {
            dto.pipelineName = active.pipelineName();
            dto.schedule = active.schedule();
            dto.deployedAt = active.deployedAt();
        }
        dto.nextRunAt = nextRunAt;
        dto.skippedRuns = skippedRuns;
        List<RunRecordDTO> recent = history.snapshot();
        dto.lastRun = recent.isEmpty() ? null : recent.get(0);
        dto.problems = new ArrayList<>(rejected);
        return dto;
    }
}
