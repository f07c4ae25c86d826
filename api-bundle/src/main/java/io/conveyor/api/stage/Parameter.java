package io.conveyor.api.stage;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The declaration of one stage config parameter. The same declaration drives validation,
 * {@code conveyor info} and the generated function reference, so they cannot drift apart.
 */
public final class Parameter {

    private final String name;
    private final ParameterType type;
    private final boolean required;
    private final Object defaultValue;
    private final List<Object> allowedValues;
    private final String description;
    private final String example;
    private final boolean acceptsText;

    private Parameter(Builder b) {
        this.name = b.name;
        this.type = b.type;
        this.required = b.required;
        this.defaultValue = b.defaultValue;
        this.allowedValues = List.copyOf(b.allowedValues);
        this.description = b.description;
        this.example = b.example;
        this.acceptsText = b.acceptsText;
    }

    /** Starts the declaration of a parameter called {@code name} of type {@code type}. */
    public static Builder builder(String name, ParameterType type) {
        return new Builder(name, type);
    }

    public String name() {
        return name;
    }

    public ParameterType type() {
        return type;
    }

    public boolean required() {
        return required;
    }

    /**
     * The value used when the key is absent: a {@code String}, {@code Long}, {@code Double},
     * {@code Boolean} or {@code List}, or {@code null} when there is none.
     */
    public Object defaultValue() {
        return defaultValue;
    }

    /** The only values accepted, or an empty list when any value of the type is. */
    public List<Object> allowedValues() {
        return allowedValues;
    }

    public String description() {
        return description;
    }

    /** A value to show in documentation, as TOML text, or {@code null}. */
    public String example() {
        return example;
    }

    /**
     * Whether the value may also be written as text holding it ({@code "true"}, {@code "42"},
     * {@code "1.5"}): the engine converts it to the declared type before the stage sees it.
     *
     * @since 1.4
     */
    public boolean acceptsText() {
        return acceptsText;
    }

    @Override
    public String toString() {
        return name + " (" + type.displayName() + (required ? ", required" : "") + ")";
    }

    /** Builds a {@link Parameter}. */
    public static final class Builder {
        private final String name;
        private final ParameterType type;
        private boolean required;
        private Object defaultValue;
        private final List<Object> allowedValues = new ArrayList<>();
        private String description = "";
        private String example;
        private boolean acceptsText;

        private Builder(String name, ParameterType type) {
            this.name = Objects.requireNonNull(name, "name");
            this.type = Objects.requireNonNull(type, "type");
        }

        public Builder required() {
            this.required = true;
            return this;
        }

        /** The value used when the key is absent. Integers are stored as {@code Long}. */
        public Builder defaultValue(Object value) {
            this.defaultValue = value instanceof Integer i ? Long.valueOf(i) : value;
            return this;
        }

        public Builder allowedValues(Object... values) {
            for (Object v : values) {
                allowedValues.add(v instanceof Integer i ? Long.valueOf(i) : v);
            }
            return this;
        }

        public Builder description(String text) {
            this.description = Objects.requireNonNull(text, "description");
            return this;
        }

        public Builder example(String tomlValue) {
            this.example = tomlValue;
            return this;
        }

        /**
         * Accepts the value written as text too, for a boolean, integer or float parameter: for
         * stages that take over configurations written for a tool that passed every value as text
         * (the original tool's WebAssembly plugins did). The text must hold exactly one value of
         * the type: {@code true} or {@code false}, a decimal integer, a finite decimal number.
         *
         * @since 1.4
         */
        public Builder acceptsText() {
            this.acceptsText = true;
            return this;
        }

        public Parameter build() {
            if (required && defaultValue != null) {
                throw new IllegalStateException("parameter '" + name + "' is required and has a default");
            }
            if (acceptsText && type != ParameterType.BOOLEAN && type != ParameterType.INTEGER
                    && type != ParameterType.FLOAT) {
                throw new IllegalStateException("parameter '" + name + "' is a " + type.displayName()
                        + ": only a boolean, integer or float parameter accepts its value as text");
            }
            return new Parameter(this);
        }
    }
}
