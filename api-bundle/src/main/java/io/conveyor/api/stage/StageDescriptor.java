package io.conveyor.api.stage;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What a stage declares about itself: its function, role, documentation and parameters. */
public final class StageDescriptor {

    private final String function;
    private final StageRole role;
    private final String description;
    private final List<Parameter> parameters;
    private final List<Example> examples;

    private StageDescriptor(Builder b) {
        this.function = b.function;
        this.role = b.role;
        this.description = b.description;
        this.parameters = List.copyOf(b.parameters);
        this.examples = List.copyOf(b.examples);
    }

    public static Builder builder(String function, StageRole role) {
        return new Builder(function, role);
    }

    public String function() {
        return function;
    }

    public StageRole role() {
        return role;
    }

    /** One or more sentences; the first is the summary shown by {@code conveyor list}. */
    public String description() {
        return description;
    }

    public List<Parameter> parameters() {
        return parameters;
    }

    public Optional<Parameter> parameter(String name) {
        return parameters.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public List<Example> examples() {
        return examples;
    }

    /** Builds a {@link StageDescriptor}. */
    public static final class Builder {
        private final String function;
        private final StageRole role;
        private String description = "";
        private final List<Parameter> parameters = new ArrayList<>();
        private final List<Example> examples = new ArrayList<>();

        private Builder(String function, StageRole role) {
            this.function = Objects.requireNonNull(function, "function");
            this.role = Objects.requireNonNull(role, "role");
        }

        public Builder description(String text) {
            this.description = Objects.requireNonNull(text, "description");
            return this;
        }

        public Builder parameter(Parameter parameter) {
            if (parameters.stream().anyMatch(p -> p.name().equals(parameter.name()))) {
                throw new IllegalStateException("parameter '" + parameter.name() + "' declared twice");
            }
            parameters.add(parameter);
            return this;
        }

        public Builder example(String title, String toml) {
            examples.add(new Example(title, toml));
            return this;
        }

        public StageDescriptor build() {
            return new StageDescriptor(this);
        }
    }
}
