package io.conveyor.api.stage;

import java.util.Objects;

/** A worked example of a stage, shown by {@code conveyor info} and in the function reference. */
public final class Example {

    private final String title;
    private final String toml;

    /**
     * @param title one line saying what the example does
     * @param toml  a complete {@code [[stages]]} table, as it would appear in a pipeline file
     */
    public Example(String title, String toml) {
        this.title = Objects.requireNonNull(title, "title");
        this.toml = Objects.requireNonNull(toml, "toml");
    }

    public String title() {
        return title;
    }

    public String toml() {
        return toml;
    }
}
