package io.conveyor.api.runtime;

/** A worked example of a function, as {@code conveyor info} shows it. */
public class ExampleDTO {
    /** One line saying what the example does. */
    public String title;
    /** A complete {@code [[stages]]} table, as it would appear in a pipeline file. */
    public String toml;
}
