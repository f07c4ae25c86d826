package io.conveyor.api.runtime;

/**
 * A stage service held by a run in progress: which pipeline uses which function, served by which
 * bundle. A run holds its services from its start to its end, so this is what a plugin upgrade
 * affects.
 *
 * @since 1.1
 */
public class StageUseDTO {
    /** The {@code [pipeline] name} of the run. */
    public String pipelineName;
    public String function;
    /** {@code source}, {@code transform} or {@code sink}. */
    public String role;
    /** The bundle and version serving it, as {@link StageReportDTO#provider}: {@code io.conveyor.plugin.core 0.1.0}. */
    public String provider;
}
