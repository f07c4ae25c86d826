package io.conveyor.api.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * What a pipeline file declares: its stages and their edges, and its schedule; with the problems
 * {@link ConveyorRuntime#validate} would report.
 *
 * @since 1.1
 */
public class PipelineDescriptionDTO {
    /** The {@code [pipeline] name}, or {@code null} if the file could not be read that far. */
    public String pipelineName;
    /** The stages in file order; empty when the file could not be read that far. */
    public List<StageNodeDTO> stages = new ArrayList<>();
    /** The {@code [schedule]}, defaults applied; {@code null} if the file could not be read that far. */
    public ScheduleDTO schedule;
    /** Every problem found; empty when the pipeline is valid. */
    public List<ProblemDTO> problems = new ArrayList<>();

    public boolean valid() {
        return problems.isEmpty();
    }
}
