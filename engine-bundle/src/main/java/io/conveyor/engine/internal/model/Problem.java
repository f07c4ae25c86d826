package io.conveyor.engine.internal.model;

import io.conveyor.api.runtime.ProblemDTO;
import io.conveyor.api.stage.ErrorCode;

/**
 * One located error found while loading, validating or running a pipeline.
 *
 * @param location where in the file, or {@code null}
 * @param stageId  the stage concerned, or {@code null}
 * @param key      the config key concerned, or {@code null}
 */
public record Problem(ErrorCode code, String message, Location location, String stageId, String key) {

    public static Problem at(ErrorCode code, Location location, String message) {
        return new Problem(code, message, location, null, null);
    }

    public ProblemDTO toDTO() {
        ProblemDTO dto = new ProblemDTO();
        dto.code = code.name();
        dto.message = message;
        if (location != null) {
            dto.file = location.file();
            dto.line = location.line();
            dto.column = location.column();
        }
        dto.stageId = stageId;
        dto.key = key;
        return dto;
    }

    @Override
    public String toString() {
        return toDTO().toString();
    }
}
