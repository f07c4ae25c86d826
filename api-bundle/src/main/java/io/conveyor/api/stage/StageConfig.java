package io.conveyor.api.stage;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A stage's configuration ({@code [stages.config]}), already checked against the stage's
 * {@link StageDescriptor}: every key is declared, every value has its declared type, required
 * keys are present, and absent keys read as their declared default. Variables ({@code {{name}}})
 * are already substituted.
 *
 * <p>Values are TOML values as Java objects: {@code String}, {@code Long}, {@code Double},
 * {@code Boolean}, {@code List<Object>}, {@code Map<String, Object>}, or a {@code java.time}
 * value for TOML dates and times.
 */
@ProviderType
public interface StageConfig {

    /** Whether the pipeline sets this key (declared defaults do not count). */
    boolean isSet(String key);

    /** The value, or the declared default, or {@code null}. */
    Object get(String key);

    /** A {@link ParameterType#STRING} value, or the default, or {@code null}. */
    String getString(String key);

    /** An {@link ParameterType#INTEGER} value; the key must be set or have a default. */
    long getLong(String key);

    /** A {@link ParameterType#FLOAT} value; the key must be set or have a default. */
    double getDouble(String key);

    /** A {@link ParameterType#BOOLEAN} value; the key must be set or have a default. */
    boolean getBoolean(String key);

    /** A {@link ParameterType#STRING_LIST} value; a single string reads as a one-element list. */
    List<String> getStringList(String key);

    /**
     * A path value resolved against the working directory of the run (relative paths in stage
     * config resolve there, not against the pipeline file), or {@code null}.
     */
    Path getPath(String key);

    /** Every key the pipeline sets, in file order, with its value. */
    Map<String, Object> asMap();
}
