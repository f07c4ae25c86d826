package io.conveyor.testing;

import static io.conveyor.testing.Batches.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.conveyor.api.stage.Parameter;
import io.conveyor.api.stage.ParameterType;
import io.conveyor.api.stage.StageDescriptor;
import io.conveyor.api.stage.StageRole;

class TestSupportTest {

    private final RootAllocator root = new RootAllocator();

    private static final StageDescriptor DESCRIPTOR = StageDescriptor.builder("demo.read", StageRole.SOURCE)
            .parameter(Parameter.builder("path", ParameterType.STRING).required().build())
            .parameter(Parameter.builder("headers", ParameterType.BOOLEAN).defaultValue(true).build())
            .parameter(Parameter.builder("limit", ParameterType.INTEGER).build())
            .parameter(Parameter.builder("ratio", ParameterType.FLOAT).defaultValue(0.5).build())
            .parameter(Parameter.builder("columns", ParameterType.STRING_LIST).build())
            .parameter(Parameter.builder("format", ParameterType.STRING).defaultValue("csv")
                    .allowedValues("csv", "json").build())
            .build();

    @AfterEach
    void closeAllocator() {
        root.close();
    }

    @Test
    void configAppliesDefaultsAndResolvesPathsAgainstTheWorkingDirectory() {
        TestConfig config = TestConfig.of(DESCRIPTOR, Map.of("path", "data/a.csv", "limit", 3, "ratio", 2,
                "columns", "a"), Path.of("/work/dir"));
        assertEquals(Path.of("/work/dir/data/a.csv"), config.getPath("path"));
        assertEquals(true, config.getBoolean("headers"));
        assertEquals(3L, config.get("limit"));
        assertEquals(2.0, config.getDouble("ratio"));
        assertEquals(List.of("a"), config.getStringList("columns"));
        assertEquals("csv", config.getString("format"));
        assertEquals(false, config.isSet("headers"));
    }

    @Test
    void configRejectsWhatTheEngineWouldReject() {
        assertEquals("unknown config key 'pth' for demo.read", assertThrows(IllegalArgumentException.class,
                () -> TestConfig.of(DESCRIPTOR, Map.of("pth", "x"))).getMessage());
        assertEquals("config key 'path' is required for demo.read", assertThrows(IllegalArgumentException.class,
                () -> TestConfig.of(DESCRIPTOR, Map.of())).getMessage());
        assertEquals("config key 'headers' must be boolean, got String yes", assertThrows(
                IllegalArgumentException.class,
                () -> TestConfig.of(DESCRIPTOR, Map.of("path", "x", "headers", "yes"))).getMessage());
        assertEquals("config key 'format' must be one of [csv, json], got xml", assertThrows(
                IllegalArgumentException.class,
                () -> TestConfig.of(DESCRIPTOR, Map.of("path", "x", "format", "xml"))).getMessage());
    }

    @Test
    void batchesRenderAsCompactRows() {
        try (VectorSchemaRoot batch = Batches.of(root, "id:int64, name:utf8, price:float64, ok:bool",
                row(1, "pen", 1.5, true), row(2, null, 3, null), row(3, "", 0.25, false))) {
            assertEquals("id:int64, name:utf8, price:float64, ok:bool", BatchText.schema(batch));
            assertEquals(List.of("1|\"pen\"|1.5|true", "2|null|3.0|null", "3|\"\"|0.25|false"),
                    BatchText.rows(batch));
        }
    }

    @Test
    void contextReportsLeaksWhenClosed() {
        // A root of its own: after a leak neither allocator can be closed cleanly.
        RootAllocator leakyRoot = new RootAllocator();
        TestContext context = TestContext.of(leakyRoot, "leaky");
        context.allocator().buffer(64);
        assertEquals(64, context.allocatedBytes());
        assertThrows(IllegalStateException.class, context::close);
    }

    @Test
    void contextCapturesStdout() {
        try (TestContext context = TestContext.of(root, "out")) {
            context.stdout().print("héllo\n");
            assertEquals("héllo\n", context.stdoutText());
        }
    }
}
