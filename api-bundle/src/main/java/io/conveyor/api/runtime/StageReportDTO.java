package io.conveyor.api.runtime;

/** What one stage did during a run. */
public class StageReportDTO {
    public String stageId;
    public String function;
    public String role;
    /** The bundle and version that served the function, e.g. {@code io.conveyor.plugin.core 0.1.0}. */
    public String provider;
    public long rowsIn;
    public long rowsOut;
    public long batchesIn;
    public long batchesOut;
    /** Wall time from the stage's start to its end, in milliseconds. */
    public long millis;
    /** {@code SUCCEEDED}, {@code FAILED}, {@code CANCELLED}, {@code STUCK} (did not stop) or {@code NOT_STARTED}. */
    public String status;
}
