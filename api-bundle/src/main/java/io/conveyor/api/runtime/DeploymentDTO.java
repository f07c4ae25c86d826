package io.conveyor.api.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * One file of a server's {@code pipelines/} folder: the version deployed from it, what it is
 * doing, and why the file's latest content was rejected, if it was.
 *
 * @since 1.1
 */
public class DeploymentDTO {
    /** A run is in flight. */
    public static final String RUNNING = "RUNNING";
    /** Waiting for the next run of an interval or cron schedule ({@link #nextRunAt}). */
    public static final String SCHEDULED = "SCHEDULED";
    /** Deployed, with nothing in flight or scheduled: a once pipeline that ran, a manual one, a continuous one that ended. */
    public static final String IDLE = "IDLE";
    /** Stopped by an operator; runs again only once started. */
    public static final String STOPPED = "STOPPED";
    /** The file was rejected and no earlier version of it is deployed. */
    public static final String INVALID = "INVALID";

    /** The file name without {@code .toml}. */
    public String name;
    /** The pipeline file, as messages name it. */
    public String file;
    /** The deployed version's {@code [pipeline] name}; {@code null} while {@link #INVALID}. */
    public String pipelineName;
    /** The deployed version's schedule; {@code null} while {@link #INVALID}. */
    public ScheduleDTO schedule;
    /** {@link #RUNNING}, {@link #SCHEDULED}, {@link #IDLE}, {@link #STOPPED} or {@link #INVALID}. */
    public String state;
    /** When the deployed version was deployed, in epoch milliseconds; 0 while {@link #INVALID}. */
    public long deployedAt;
    /** When the next scheduled run starts, in epoch milliseconds; 0 when none is scheduled. */
    public long nextRunAt;
    /**
     * How many times a cron schedule matched while a run was still in flight: those runs were
     * skipped, not queued. 0 for other schedules.
     */
    public long skippedRuns;
    /** The latest run, the one in flight included; {@code null} before the first. */
    public RunRecordDTO lastRun;
    /**
     * Why the file's latest content was rejected, located in the file as {@code conveyor validate}
     * reports it; empty when the file as it is now is the deployed version. While not empty, the
     * previously deployed version, if any, keeps running.
     */
    public List<ProblemDTO> problems = new ArrayList<>();
}
