package io.conveyor.engine.internal.plan;

import java.util.Collection;
import java.util.Optional;

import io.conveyor.api.stage.Stage;
import io.conveyor.api.stage.StageDescriptor;
import io.conveyor.api.stage.StageRole;

/**
 * The functions the planner may use, by (function, role). Implemented by the stage registry.
 *
 * <p>Threading: called from the planning thread while services come and go; each call answers
 * for the registry's state at that moment.
 */
public interface FunctionCatalog {

    /** The declaration of the winning provider of this function in this role, or empty. */
    Optional<StageDescriptor> descriptor(String function, StageRole role);

    /** Every function name currently provided, in any role (for "did you mean" suggestions). */
    Collection<String> functionNames();

    /**
     * The winning provider of this function in this role, so the planner can run its
     * {@link Stage#validate} on the checked config. The planner only calls {@code validate} on it
     * (never {@code open}) and keeps no reference. Empty when the function is not provided, or
     * when the catalog cannot hand out the service; the cross-key checks are then skipped.
     */
    default Optional<Stage> stage(String function, StageRole role) {
        return Optional.empty();
    }
}
