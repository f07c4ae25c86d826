package io.conveyor.engine.internal.plan;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.conveyor.api.stage.StageRole;

/**
 * Picks the role a stage plays when its function is provided in several roles (a WASM
 * {@code echo} can be a source, a transform and a sink). A function provided in one role plays
 * that role. Otherwise a stage without inputs is a source; a stage that others read from is a
 * transform; a stage with inputs that nobody reads is a sink if that role exists, else a
 * transform. When the preferred role is missing, the next one in that order is taken, and the
 * planner then reports why it does not fit.
 */
public final class RoleResolver {

    private static final List<StageRole> WITHOUT_INPUTS = List.of(StageRole.SOURCE, StageRole.TRANSFORM,
            StageRole.SINK);
    private static final List<StageRole> WITH_CONSUMERS = List.of(StageRole.TRANSFORM, StageRole.SINK,
            StageRole.SOURCE);
    private static final List<StageRole> AT_THE_END = List.of(StageRole.SINK, StageRole.TRANSFORM,
            StageRole.SOURCE);

    private RoleResolver() {
    }

    public static Optional<StageRole> resolve(Set<StageRole> provided, boolean hasInputs, boolean hasConsumers) {
        List<StageRole> preference = !hasInputs ? WITHOUT_INPUTS : hasConsumers ? WITH_CONSUMERS : AT_THE_END;
        return preference.stream().filter(provided::contains).findFirst();
    }
}
