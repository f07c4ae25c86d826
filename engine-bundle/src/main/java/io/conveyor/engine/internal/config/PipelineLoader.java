package io.conveyor.engine.internal.config;

import java.nio.file.Path;
import java.util.Map;

import io.conveyor.engine.internal.model.PipelineException;
import io.conveyor.engine.internal.model.PipelineSpec;

/** Reads a pipeline file with tomlj into a {@link PipelineSpec}. */
public final class PipelineLoader {

    /**
     * Parses the file, resolves {@code ${ENV}} in {@code [global.variables]} and substitutes
     * {@code {{name}}} in stage config strings. Reports every problem it finds.
     *
     * @param displayName the file name used in messages (as the user typed it)
     * @param env         the environment {@code ${NAME}} refers to
     */
    public PipelineSpec load(Path file, String displayName, Map<String, String> env) throws PipelineException {
        throw new UnsupportedOperationException("not written yet");
    }
}
