package io.conveyor.engine.internal.plan;

import java.util.List;

import io.conveyor.api.stage.StageConfig;
import io.conveyor.api.stage.StageDescriptor;
import io.conveyor.api.stage.StageRole;
import io.conveyor.engine.internal.model.StageSpec;

/**
 * A stage ready to run: its role resolved, its configuration checked against the declaration.
 *
 * @param consumers the ids of the stages that list this one in their inputs, in file order
 */
public record PlannedStage(StageSpec spec, StageRole role, StageDescriptor descriptor, StageConfig config,
        List<String> consumers) {

    public String id() {
        return spec.id();
    }

    public List<String> inputs() {
        return spec.inputs();
    }
}
