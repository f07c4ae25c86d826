package io.conveyor.engine.internal.registry;

import java.util.Objects;

import io.conveyor.api.stage.StageRole;

/** What the registry keys stage services by: a function may exist once per role. */
public record StageKey(String function, StageRole role) {

    public StageKey {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(role, "role");
    }

    @Override
    public String toString() {
        return function + " (" + role.id() + ")";
    }
}
