package io.conveyor.engine.internal.exec;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.conveyor.api.stage.StageConfig;

/** A plain map as stage config, for tests that build plans by hand. */
public final class TestStageConfig implements StageConfig {

    private final Map<String, Object> values;

    public TestStageConfig(Map<String, Object> values) {
        this.values = new LinkedHashMap<>(values);
    }

    public static TestStageConfig empty() {
        return new TestStageConfig(Map.of());
    }

    @Override
    public boolean isSet(String key) {
        return values.containsKey(key);
    }

    @Override
    public Object get(String key) {
        return values.get(key);
    }

    @Override
    public String getString(String key) {
        return (String) values.get(key);
    }

    @Override
    public long getLong(String key) {
        return (Long) values.get(key);
    }

    @Override
    public double getDouble(String key) {
        return ((Number) values.get(key)).doubleValue();
    }

    @Override
    public boolean getBoolean(String key) {
        return (Boolean) values.get(key);
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<String> getStringList(String key) {
        Object value = values.get(key);
        return value instanceof String s ? List.of(s) : (List<String>) value;
    }

    @Override
    public Path getPath(String key) {
        return values.containsKey(key) ? Path.of(getString(key)) : null;
    }

    @Override
    public Map<String, Object> asMap() {
        return Map.copyOf(values);
    }
}
