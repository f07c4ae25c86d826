package io.conveyor.api.stage;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * What every stage service has in common: a function name, a role and a declaration of its
 * configuration. Implement {@link Source}, {@link Transform} or {@link Sink}, not this interface.
 *
 * <p>Threading: {@link #descriptor()} and {@link #validate(StageConfig)} may be called from any
 * thread at any time, concurrently; they must not block.
 */
@ConsumerType
public interface Stage {

    /** Service property naming the function a pipeline's {@code function = "..."} refers to. */
    String FUNCTION = "conveyor.function";

    /** Service property naming the role ({@code source}, {@code transform} or {@code sink}). */
    String ROLE = "conveyor.role";

    /** The declaration of this stage: function, role, parameters, documentation. */
    StageDescriptor descriptor();

    /**
     * Checks rules that span several keys, after the engine has checked every key against the
     * declared parameters (presence, type, allowed values). Reports every problem, not only the
     * first. Has no side effects.
     */
    default List<ConfigProblem> validate(StageConfig config) {
        return List.of();
    }
}
