package io.conveyor.api.stage;

import java.util.List;
import java.util.Optional;

import org.apache.arrow.vector.types.pojo.Schema;

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

    /**
     * Optional service property: the name a stage service registered on behalf of something other
     * than its bundle goes by as its provider (a WebAssembly module: its file name). Listings,
     * {@code [global] plugins} and error messages name it instead of the registering bundle.
     *
     * @since 1.3
     */
    String PROVIDER = "conveyor.provider";

    /**
     * Optional service property, with {@link #PROVIDER}: that provider's version, as text.
     *
     * @since 1.3
     */
    String PROVIDER_VERSION = "conveyor.provider.version";

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

    /**
     * The schema of this stage's output, worked out without running the stage from its config
     * and from the input schemas in {@code context}, or empty when it cannot be told. Called by
     * the engine during validation, after {@link #validate(StageConfig)} found no problem, in
     * pipeline order, so that a transform sees the schemas its upstream stages declared and can
     * report type errors (a missing column, an expression comparing text with a number) before
     * anything runs, through {@link SchemaContext#report(ConfigProblem)}.
     *
     * <p>A stage must still check its input at run time: an upstream stage may not know its
     * schema here. A source may read the head of its input to tell its schema, but nothing more,
     * and must have no side effects. A sink's result is ignored; it may still report problems.
     *
     * @since 1.1
     */
    default Optional<Schema> outputSchema(StageConfig config, SchemaContext context) {
        return Optional.empty();
    }
}
