package io.conveyor.engine.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.conveyor.api.stage.Parameter;
import io.conveyor.api.stage.ParameterType;
import io.conveyor.api.stage.StageDescriptor;
import io.conveyor.api.stage.StageRole;

class CheckedStageConfigTest {

    private static final StageDescriptor DESCRIPTOR = StageDescriptor.builder("demo.read", StageRole.SOURCE)
            .parameter(Parameter.builder("path", ParameterType.STRING).required().build())
            .parameter(Parameter.builder("limit", ParameterType.INTEGER).defaultValue(10).build())
            .parameter(Parameter.builder("ratio", ParameterType.FLOAT).defaultValue(0.5).build())
            .parameter(Parameter.builder("strict", ParameterType.BOOLEAN).defaultValue(false).build())
            .parameter(Parameter.builder("columns", ParameterType.STRING_LIST).build())
            .parameter(Parameter.builder("skip", ParameterType.INTEGER).build())
            .build();
    private static final Path WORK = Path.of("/runs/today");

    @Test
    void readsSetValuesAndFallsBackToDeclaredDefaults() {
        CheckedStageConfig config = config(Map.of("path", "in.csv", "ratio", 2L));

        assertTrue(config.isSet("path"));
        assertFalse(config.isSet("limit"));
        assertEquals("in.csv", config.getString("path"));
        assertEquals(10L, config.getLong("limit"));
        assertEquals(10L, config.get("limit"));
        assertEquals(2.0, config.getDouble("ratio"));
        assertFalse(config.getBoolean("strict"));
        assertNull(config.get("skip"));
        assertEquals(Map.of("path", "in.csv", "ratio", 2L), config.asMap());
    }

    @Test
    void readsAStringListFromAStringOrAnArray() {
        assertEquals(List.of("a"), config(Map.of("columns", "a")).getStringList("columns"));
        assertEquals(List.of("a", "b"), config(Map.of("columns", List.of("a", "b"))).getStringList("columns"));
        assertEquals(List.of(), config(Map.of()).getStringList("columns"));
    }

    @Test
    void resolvesRelativePathsAgainstTheWorkingDirectoryOnly() {
        assertEquals(Path.of("/runs/today/data/in.csv"), config(Map.of("path", "data/in.csv")).getPath("path"));
        assertEquals(Path.of("/abs/in.csv"), config(Map.of("path", "/abs/in.csv")).getPath("path"));
        assertEquals(Path.of("/runs/today/~/in.csv"), config(Map.of("path", "~/in.csv")).getPath("path"));
        assertNull(config(Map.of()).getPath("path"));
    }

    @Test
    void keepsTheFileOrderOfSetKeys() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("strict", true);
        values.put("path", "x");
        values.put("limit", 3L);

        assertEquals(List.of("strict", "path", "limit"), List.copyOf(config(values).asMap().keySet()));
    }

    @Test
    void rejectsReadingAKeyWithTheWrongAccessor() {
        IllegalArgumentException wrongType = assertThrows(IllegalArgumentException.class,
                () -> config(Map.of("path", "x")).getLong("path"));
        IllegalStateException unset = assertThrows(IllegalStateException.class,
                () -> config(Map.of()).getLong("skip"));

        assertEquals("demo.read: config key 'path' (string) is string, not an integer", wrongType.getMessage());
        assertEquals("demo.read: config key 'skip' is not set and has no default", unset.getMessage());
    }

    private static CheckedStageConfig config(Map<String, Object> values) {
        return new CheckedStageConfig(values, DESCRIPTOR, WORK);
    }
}
