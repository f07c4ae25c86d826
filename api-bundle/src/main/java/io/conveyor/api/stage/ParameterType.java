package io.conveyor.api.stage;

import java.util.Locale;

/**
 * The type of a stage config parameter, checked by the engine before a stage is opened. The
 * values a task reads from {@link StageConfig} are already of the declared type.
 */
public enum ParameterType {
    /** A TOML string. */
    STRING,
    /** A TOML integer, read as {@code long}. */
    INTEGER,
    /** A TOML float or integer, read as {@code double}. */
    FLOAT,
    /** A TOML boolean. */
    BOOLEAN,
    /** A string, or an array of strings; read as a list either way ({@code columns = "a"}). */
    STRING_LIST,
    /** A TOML array of any values. */
    ARRAY,
    /** A TOML table. */
    TABLE,
    /** Any TOML value: string, integer, float, boolean, array or table. */
    ANY;

    /** The name used in documentation and error messages. */
    public String displayName() {
        return switch (this) {
            case STRING_LIST -> "string or array of strings";
            default -> name().toLowerCase(Locale.ROOT);
        };
    }
}
