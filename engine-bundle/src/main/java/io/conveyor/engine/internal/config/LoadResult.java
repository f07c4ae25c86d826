package io.conveyor.engine.internal.config;

import java.util.List;
import java.util.Optional;

import io.conveyor.engine.internal.model.PipelineSpec;
import io.conveyor.engine.internal.model.Problem;

/**
 * What loading a pipeline file found.
 *
 * @param spec     the pipeline, present whenever every {@code [[stages]]} table could be built, even
 *                 if {@code problems} is not empty: it may then be planned to find more problems,
 *                 but never run. Its name is {@code null} when the file has none.
 * @param problems every problem found, in file order; empty when the file is valid
 */
public record LoadResult(Optional<PipelineSpec> spec, List<Problem> problems) {

    public LoadResult {
        problems = List.copyOf(problems);
    }
}
