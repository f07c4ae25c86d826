package io.conveyor.engine.internal.model;

import java.util.List;

/**
 * A pipeline file as written: immutable, comparable (equals detects a changed definition).
 *
 * @param file       the path as given by the user, used in every message
 * @param stages     in file order
 * @param schedule   {@code [schedule]}, defaults applied
 */
public record PipelineSpec(String file, String name, String version, String description, GlobalSpec global,
        List<StageSpec> stages, ScheduleSpec schedule) {

    /** A pipeline that runs once when deployed, the default. */
    public PipelineSpec(String file, String name, String version, String description, GlobalSpec global,
            List<StageSpec> stages) {
        this(file, name, version, description, global, stages, ScheduleSpec.once());
    }

    /** This pipeline, with the server's defaults for the {@code [global]} keys the file leaves unset. */
    public PipelineSpec withDefaults(RunDefaults defaults) {
        return new PipelineSpec(file, name, version, description, global.withDefaults(defaults), stages, schedule);
    }
}
