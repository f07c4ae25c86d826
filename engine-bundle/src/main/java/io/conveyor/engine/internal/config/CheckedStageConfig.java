package io.conveyor.engine.internal.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.conveyor.api.stage.Parameter;
import io.conveyor.api.stage.StageConfig;
import io.conveyor.api.stage.StageDescriptor;
import io.conveyor.engine.internal.model.PipelineScope;

/**
 * A stage's {@code [stages.config]} after the planner has checked it against the stage's
 * declaration: the values the pipeline sets, the declared defaults for the others, and the
 * pipeline's scope (the working directory relative paths resolve against; the chain of pipelines
 * {@code stage.pipeline} checks for recursion). Immutable and thread-safe.
 *
 * <p>Reading a key with the wrong accessor (for example {@code getLong} on a string parameter)
 * is a bug in the stage and throws {@link IllegalArgumentException}; reading a number or boolean
 * that is neither set nor defaulted throws {@link IllegalStateException}.
 */
public final class CheckedStageConfig implements StageConfig {

    private final Map<String, Object> values;
    private final StageDescriptor descriptor;
    private final PipelineScope scope;

    /**
     * @param values the keys the pipeline sets, in file order, already checked
     * @param scope  what the pipeline is planned within; relative paths resolve against its working directory
     */
    public CheckedStageConfig(Map<String, Object> values, StageDescriptor descriptor, PipelineScope scope) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
        this.scope = Objects.requireNonNull(scope, "scope");
    }

    /** A config of a pipeline planned on its own from {@code workingDirectory}, with no environment. */
    public CheckedStageConfig(Map<String, Object> values, StageDescriptor descriptor, Path workingDirectory) {
        this(values, descriptor, PipelineScope.topLevel(workingDirectory, Map.of(), "pipeline", null));
    }

    /** What the pipeline holding this stage is planned within. */
    public PipelineScope scope() {
        return scope;
    }

    @Override
    public boolean isSet(String key) {
        return values.containsKey(key);
    }

    @Override
    public Object get(String key) {
        if (values.containsKey(key)) {
            return values.get(key);
        }
        return descriptor.parameter(key).map(Parameter::defaultValue).orElse(null);
    }

    @Override
    public String getString(String key) {
        Object value = get(key);
        return value == null ? null : as(String.class, key, value, "a string");
    }

    @Override
    public long getLong(String key) {
        return as(Long.class, key, required(key), "an integer");
    }

    @Override
    public double getDouble(String key) {
        Object value = required(key);
        if (value instanceof Long n) {
            return n.doubleValue();
        }
        return as(Double.class, key, value, "a float");
    }

    @Override
    public boolean getBoolean(String key) {
        return as(Boolean.class, key, required(key), "a boolean");
    }

    /** A single string reads as a one-element list; an absent key without default as an empty list. */
    @Override
    public List<String> getStringList(String key) {
        Object value = get(key);
        if (value == null) {
            return List.of();
        }
        if (value instanceof String s) {
            return List.of(s);
        }
        List<String> strings = new ArrayList<>();
        for (Object element : as(List.class, key, value, "a string or array of strings")) {
            strings.add(as(String.class, key, element, "a string or array of strings"));
        }
        return List.copyOf(strings);
    }

    /** Relative paths resolve against the working directory; {@code ~} is not special. */
    @Override
    public Path getPath(String key) {
        String text = getString(key);
        return text == null ? null : scope.workingDirectory().resolve(text).normalize();
    }

    @Override
    public Map<String, Object> asMap() {
        return values;
    }

    @Override
    public String toString() {
        return ValueText.render(values);
    }

    private Object required(String key) {
        Object value = get(key);
        if (value == null) {
            throw new IllegalStateException(descriptor.function() + ": config key '" + key
                    + "' is not set and has no default");
        }
        return value;
    }

    private <T> T as(Class<T> type, String key, Object value, String expected) {
        if (!type.isInstance(value)) {
            String declared = descriptor.parameter(key).map(p -> p.type().displayName()).orElse("undeclared");
            throw new IllegalArgumentException(descriptor.function() + ": config key '" + key + "' ("
                    + declared + ") is " + ValueText.typeName(value) + ", not " + expected);
        }
        return type.cast(value);
    }
}
