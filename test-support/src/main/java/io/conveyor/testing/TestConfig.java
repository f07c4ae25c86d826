package io.conveyor.testing;

import java.nio.file.Path;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.conveyor.api.stage.Parameter;
import io.conveyor.api.stage.StageConfig;
import io.conveyor.api.stage.StageDescriptor;

/**
 * A {@link StageConfig} for unit tests, built from a map and checked against the stage's
 * descriptor as strictly as the engine checks a pipeline file: unknown keys, missing required
 * keys, values of the wrong type and values outside the allowed ones throw
 * {@link IllegalArgumentException}, so a test cannot pass a config the engine would reject.
 *
 * <p>Java {@code Integer}s are read as {@code Long} and {@code Float}s as {@code Double}, like TOML
 * values. Relative paths resolve against the given working directory.
 */
public final class TestConfig implements StageConfig {

    private final StageDescriptor descriptor;
    private final Map<String, Object> values;
    private final Path workingDirectory;

    private TestConfig(StageDescriptor descriptor, Map<String, Object> values, Path workingDirectory) {
        this.descriptor = descriptor;
        this.values = values;
        this.workingDirectory = workingDirectory;
    }

    /** A config for {@code descriptor}'s stage; relative paths resolve against the JVM's directory. */
    public static TestConfig of(StageDescriptor descriptor, Map<String, ?> values) {
        return of(descriptor, values, Path.of("").toAbsolutePath());
    }

    /** A config for {@code descriptor}'s stage; relative paths resolve against {@code workingDirectory}. */
    public static TestConfig of(StageDescriptor descriptor, Map<String, ?> values, Path workingDirectory) {
        Map<String, Object> checked = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            Parameter parameter = descriptor.parameter(key).orElseThrow(() -> new IllegalArgumentException(
                    "unknown config key '" + key + "' for " + descriptor.function()));
            checked.put(key, checkType(parameter, normalize(value)));
        });
        for (Parameter parameter : descriptor.parameters()) {
            if (parameter.required() && !checked.containsKey(parameter.name())) {
                throw new IllegalArgumentException(
                        "config key '" + parameter.name() + "' is required for " + descriptor.function());
            }
        }
        return new TestConfig(descriptor, Collections.unmodifiableMap(checked), workingDirectory);
    }

    private static Object normalize(Object value) {
        Objects.requireNonNull(value, "TOML has no null: leave the key out instead");
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(normalize(v)));
            return Collections.unmodifiableList(copy);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put((String) k, normalize(v)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof String || value instanceof Long || value instanceof Double
                || value instanceof Boolean || value instanceof TemporalAccessor) {
            return value;
        }
        throw new IllegalArgumentException("not a TOML value: " + value.getClass().getName());
    }

    private static Object checkType(Parameter parameter, Object value) {
        boolean ok = switch (parameter.type()) {
            case STRING -> value instanceof String;
            case INTEGER -> value instanceof Long;
            case FLOAT -> value instanceof Double || value instanceof Long;
            case BOOLEAN -> value instanceof Boolean;
            case STRING_LIST -> value instanceof String
                    || value instanceof List<?> l && l.stream().allMatch(String.class::isInstance);
            case ARRAY -> value instanceof List;
            case TABLE -> value instanceof Map;
            case ANY -> true;
        };
        if (!ok) {
            throw new IllegalArgumentException("config key '" + parameter.name() + "' must be "
                    + parameter.type().displayName() + ", got " + value.getClass().getSimpleName() + " " + value);
        }
        if (parameter.type() == io.conveyor.api.stage.ParameterType.FLOAT && value instanceof Long l) {
            value = l.doubleValue();
        }
        if (!parameter.allowedValues().isEmpty() && !parameter.allowedValues().contains(value)) {
            throw new IllegalArgumentException("config key '" + parameter.name() + "' must be one of "
                    + parameter.allowedValues() + ", got " + value);
        }
        return value;
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
        return descriptor.parameter(key)
                .orElseThrow(() -> new IllegalArgumentException("undeclared config key '" + key + "'"))
                .defaultValue();
    }

    @Override
    public String getString(String key) {
        return (String) get(key);
    }

    @Override
    public long getLong(String key) {
        return ((Number) present(key)).longValue();
    }

    @Override
    public double getDouble(String key) {
        return ((Number) present(key)).doubleValue();
    }

    @Override
    public boolean getBoolean(String key) {
        return (Boolean) present(key);
    }

    @Override
    public List<String> getStringList(String key) {
        Object value = get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            return List.of(s);
        }
        List<String> list = new ArrayList<>();
        for (Object element : (List<?>) value) {
            list.add((String) element);
        }
        return List.copyOf(list);
    }

    @Override
    public Path getPath(String key) {
        String value = getString(key);
        return value == null ? null : workingDirectory.resolve(value);
    }

    @Override
    public Map<String, Object> asMap() {
        return values;
    }

    private Object present(String key) {
        Object value = get(key);
        if (value == null) {
            throw new IllegalStateException("config key '" + key + "' is not set and has no default");
        }
        return value;
    }
}
