package io.conveyor.api.stage;

import java.util.Locale;

/** The role a stage plays in a pipeline; the value of the {@value Stage#ROLE} service property. */
public enum StageRole {
    SOURCE, TRANSFORM, SINK;

    /** The lower-case name used in service properties, listings and messages. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role whose {@link #id()} is {@code id}, or {@code null}. */
    public static StageRole fromId(String id) {
        for (StageRole role : values()) {
            if (role.id().equals(id)) {
                return role;
            }
        }
        return null;
    }
}
