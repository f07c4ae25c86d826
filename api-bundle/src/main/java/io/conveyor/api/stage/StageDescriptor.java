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
    private final boolean unbounded;
    private final boolean deliversEachBatch;

    private StageDescriptor(Builder b) {
        this.function = b.function;
        this.role = b.role;
        this.description = b.description;
        this.parameters = List.copyOf(b.parameters);
        this.examples = List.copyOf(b.examples);
        this.unbounded = b.unbounded;
        this.deliversEachBatch = b.deliversEachBatch;
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

    /**
     * Whether this source's stream may go on without end (it follows a file, a queue, a socket).
     * A run with such a source is continuous: when the bundle of one of its transforms is
     * replaced, the engine moves that stage to the new version in flight instead of letting the
     * run finish on the old one. Always {@code false} for transforms and sinks.
     *
     * @since 1.2
     */
    public boolean unbounded() {
        return unbounded;
    }

    /**
     * Whether this sink holds nothing back between batches: whatever {@code write} was given is
     * delivered when it returns (a console, a producer that sends synchronously), so its
     * {@code commit} has nothing left to make final. In a continuous run such a sink moves to a new
     * version of its plugin at a batch boundary, as a transform does: the old task is committed and
     * closed, and a new one takes the batches that follow. Any other sink stops a continuous run
     * whose plugin is replaced, since its uncommitted output would be lost. Always {@code false}
     * for sources and transforms.
     *
     * @since 1.2
     */
    public boolean deliversEachBatch() {
        return deliversEachBatch;
    }

    /** Builds a {@link StageDescriptor}. */
    public static final class Builder {
        private final String function;
        private final StageRole role;
        private String description = "";
        private final List<Parameter> parameters = new ArrayList<>();
        private final List<Example> examples = new ArrayList<>();
        private boolean unbounded;
        private boolean deliversEachBatch;

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

        /**
         * Declares a source whose stream may never end; see {@link StageDescriptor#unbounded()}.
         *
         * @throws IllegalStateException for a transform or a sink
         * @since 1.2
         */
        public Builder unbounded() {
            if (role != StageRole.SOURCE) {
                throw new IllegalStateException("only a source can be unbounded, not a " + role.id());
            }
            this.unbounded = true;
            return this;
        }

        /**
         * Declares a sink that delivers each batch as it writes it; see
         * {@link StageDescriptor#deliversEachBatch()}.
         *
         * @throws IllegalStateException for a source or a transform
         * @since 1.2
         */
        public Builder deliversEachBatch() {
            if (role != StageRole.SINK) {
                throw new IllegalStateException("only a sink delivers each batch, not a " + role.id());
            }
            this.deliversEachBatch = true;
            return this;
        }

        public StageDescriptor build() {
            return new StageDescriptor(this);
        }
    }
}
