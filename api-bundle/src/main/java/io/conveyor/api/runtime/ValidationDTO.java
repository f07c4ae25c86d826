package io.conveyor.api.runtime;

import java.util.ArrayList;
import java.util.List;

/** The result of validating a pipeline file. */
public class ValidationDTO {
    /** The {@code [pipeline] name}, or {@code null} if the file could not be read that far. */
    public String pipelineName;
    public int stageCount;
    /** Every problem found; empty when the pipeline is valid. */
    public List<ProblemDTO> problems = new ArrayList<>();

    public boolean valid() {
        return problems.isEmpty();
    }
}
