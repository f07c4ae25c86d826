package io.conveyor.api.runtime;

import java.util.ArrayList;
import java.util.List;

/** One config parameter a function declares: the key a {@code [stages.config]} table may set. */
public class ParameterDTO {
    public String name;
    /**
     * The type as documentation and error messages name it: {@code string}, {@code integer},
     * {@code float}, {@code boolean}, {@code string or array of strings}, {@code array},
     * {@code table} or {@code any}.
     */
    public String type;
    /** Whether a stage must set the key; a required parameter has no default. */
    public boolean required;
    /**
     * The value used when the key is absent, or {@code null} when there is none. Plain data only:
     * a {@code String}, {@code Long}, {@code Double}, {@code Boolean}, or a {@code List} or
     * {@code Map} of those; any other value (a TOML date, say) is given as its TOML text.
     */
    public Object defaultValue;
    /** The only values accepted, of the same plain kinds as {@link #defaultValue}; empty when any value of the type is. */
    public List<Object> allowedValues = new ArrayList<>();
    /** What the parameter does; empty when undocumented. */
    public String description;
    /** A value to show in documentation, as TOML text, or {@code null}. */
    public String example;
}
