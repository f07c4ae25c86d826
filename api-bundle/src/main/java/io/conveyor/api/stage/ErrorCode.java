package io.conveyor.api.stage;

/** Stable codes for every error Conveyor reports; scripts may match on them. */
public enum ErrorCode {
    /** A pipeline file or stage configuration is wrong. */
    CONFIG,
    /** The pipeline's graph is wrong: cycle, unknown input, source with inputs. */
    PLAN,
    /** A stage failed while running. */
    STAGE,
    /** The data does not fit what a stage expects (type mismatch, unparsable value). */
    DATA,
    /** A plugin is missing, shadowed, or broke its contract (threw, leaked buffers). */
    PLUGIN,
    /** Reading or writing outside the pipeline failed. */
    IO,
    /** The run exceeded its {@code timeout_seconds}. */
    TIMEOUT,
    /** The run was stopped before it finished. */
    CANCELLED
}
