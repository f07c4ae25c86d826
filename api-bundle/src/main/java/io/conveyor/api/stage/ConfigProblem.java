package io.conveyor.api.stage;

import java.util.Objects;

/**
 * One problem found in a stage's configuration: the key it concerns and what is wrong.
 *
 * <p>The message is a full sentence that names its key itself, for example
 * {@code config key 'value' must be an array for operator 'in', got integer 3}. The engine adds
 * only the stage, {@code stage '<id>': }, and locates the problem at the key (or at the stage when
 * the key is {@code null}), so the message must not repeat the stage id and the key must not be
 * left for the engine to add.
 */
public final class ConfigProblem {

    private final String key;
    private final String message;

    public ConfigProblem(String key, String message) {
        this.key = key;
        this.message = Objects.requireNonNull(message, "message");
    }

    /** The config key, or {@code null} when the problem concerns the stage as a whole. */
    public String key() {
        return key;
    }

    /** The full sentence, naming its key; see the class comment. */
    public String message() {
        return message;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfigProblem p && Objects.equals(key, p.key) && message.equals(p.message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, message);
    }

    @Override
    public String toString() {
        return key == null ? message : key + ": " + message;
    }
}
