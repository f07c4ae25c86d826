package io.conveyor.deploy.internal;

import io.conveyor.api.runtime.ScheduleDTO;

/**
 * One valid content of a pipeline file, as deployed: runs use this text, not the file, so that a
 * later change on disk never alters what runs until it is deployed in turn.
 *
 * @param deployedAt epoch milliseconds
 */
record PipelineVersion(String text, String pipelineName, ScheduleDTO schedule, long deployedAt) {

    boolean is(String mode) {
        return schedule.mode.equals(mode);
    }
}
