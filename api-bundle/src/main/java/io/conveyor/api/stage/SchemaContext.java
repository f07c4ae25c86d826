package io.conveyor.api.stage;

import java.util.List;
import java.util.Optional;

import org.apache.arrow.vector.types.pojo.Schema;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What the engine knows about a stage's inputs while it validates a pipeline, before anything
 * runs, and where the stage reports the problems it finds with them. Passed to
 * {@link Stage#outputSchema(StageConfig, SchemaContext)}.
 *
 * @since 1.1
 */
@ProviderType
public interface SchemaContext {

    /** The input names, in the order the pipeline lists them; empty for a source. */
    List<String> inputs();

    /**
     * The schema of the batches an input will carry, when its upstream stage could tell without
     * running; empty when it cannot (for example a source whose file does not exist yet, or a
     * plugin that does not implement {@link Stage#outputSchema}). Empty as well for a name that is
     * not an input.
     */
    Optional<Schema> input(String name);

    /**
     * Reports a problem with the config as applied to the known input schemas, for example an
     * expression naming a column no input has. Reported problems fail validation exactly like
     * those {@link Stage#validate(StageConfig)} returns, and are located at their key.
     */
    void report(ConfigProblem problem);
}
