package io.conveyor.api.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * One stage of a pipeline's graph, as {@code conveyor graph} draws it.
 *
 * @since 1.1
 */
public class StageNodeDTO {
    public String stageId;
    public String function;
    /** {@code source}, {@code transform} or {@code sink}; {@code null} when the function is not available. */
    public String role;
    /** The ids of the stages it reads from, in file order. */
    public List<String> inputs = new ArrayList<>();
}
