package io.conveyor.api.runtime;

/**
 * What one stage of a running pipeline has done so far; a snapshot, its counts read without
 * stopping the stage.
 *
 * @since 1.1
 */
public class StageActivityDTO {
    public static final String RUNNING = "RUNNING";

    public String stageId;
    public String function;
    /** {@code source}, {@code transform} or {@code sink}. */
    public String role;
    /** {@value #RUNNING}, {@code NOT_STARTED}, or how it ended, as {@link StageReportDTO#status} says. */
    public String status;
    public long rowsIn;
    public long rowsOut;
    /** Rows per second since the stage started: rows out, or rows in for a sink. */
    public double rowsPerSecond;
    /** Batches waiting in the stage's input queues, all inputs together. */
    public int batchesQueued;
    /**
     * Arrow memory the stage allocated and still holds, in bytes; a batch it emitted counts here
     * until every consumer has released it.
     */
    public long memoryBytes;
    /** How long the stage has run, or ran until it ended. */
    public long millis;
    /** How many taps ({@link ConveyorRuntime#tap}) are attached to the stage's output now. */
    public int taps;
}
