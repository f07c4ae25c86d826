package io.conveyor.api.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * A pipeline run in progress, as {@code conveyor top} shows it: deployed and ad-hoc runs alike.
 *
 * @since 1.1
 */
public class RunningPipelineDTO {
    public String pipelineName;
    /** When the run started, in epoch milliseconds. */
    public long startedAt;
    /** How long it has run so far. */
    public long millis;
    /** Its stages, in file order. */
    public List<StageActivityDTO> stages = new ArrayList<>();
}
