package io.conveyor.engine.internal.plan;

import java.util.Collection;
import java.util.Optional;

import io.conveyor.api.stage.StageDescriptor;
import io.conveyor.api.stage.StageRole;

/** The functions the planner may use, by (function, role). Implemented by the stage registry. */
public interface FunctionCatalog {

    /** The declaration of the winning provider of this function in this role, or empty. */
    Optional<StageDescriptor> descriptor(String function, StageRole role);

    /** Every function name currently provided, in any role (for "did you mean" suggestions). */
    Collection<String> functionNames();
}
