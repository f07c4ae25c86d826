package io.conveyor.engine.internal.runtime;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.conveyor.api.runtime.StageNodeDTO;
import io.conveyor.engine.internal.model.PipelineSpec;
import io.conveyor.engine.internal.model.StageSpec;
import io.conveyor.engine.internal.plan.Plan;
import io.conveyor.engine.internal.plan.PlannedStage;

/** A pipeline's stages as graph nodes: in file order, with the roles the plan gave them. */
final class StageNodes {

    private StageNodes() {
    }

    /** @param plan the pipeline's plan, or {@code null} when it has problems: no role is known then */
    static List<StageNodeDTO> of(PipelineSpec spec, Plan plan) {
        Map<String, String> roles = new HashMap<>();
        if (plan != null) {
            for (PlannedStage stage : plan.stages()) {
                roles.put(stage.id(), stage.role().id());
            }
        }
        return spec.stages().stream().map(stage -> node(stage, roles.get(stage.id()))).toList();
    }

    private static StageNodeDTO node(StageSpec stage, String role) {
        StageNodeDTO dto = new StageNodeDTO();
        dto.stageId = stage.id();
        dto.function = stage.function();
        dto.role = role;
        dto.inputs.addAll(stage.inputs());
        return dto;
    }
}
