package io.conveyor.testing;

import static io.conveyor.testing.Batches.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.conveyor.api.stage.Emitter;
import io.conveyor.api.stage.Parameter;
import io.conveyor.api.stage.ParameterType;
import io.conveyor.api.stage.StageConfig;
import io.conveyor.api.stage.StageContext;
import io.conveyor.api.stage.StageDescriptor;
import io.conveyor.api.stage.StageRole;
import io.conveyor.api.stage.Transform;
import io.conveyor.api.stage.TransformTask;

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

    @Test
    void theCollectingEmitterKeepsABatchWithoutRowsOnlyAsTheFirstBatch() {
        try (CollectingEmitter out = new CollectingEmitter()) {
            out.emit(Batches.of(root, "id:int64"));
            out.emit(Batches.of(root, "id:int64", row(1)));
            out.emit(Batches.of(root, "id:int64"));
            assertEquals(List.of(0, 1), out.batches().stream().map(VectorSchemaRoot::getRowCount).toList());
            assertEquals("id:int64", BatchText.schema(out.batches().get(0)));
            assertEquals(1, out.droppedEmptyBatches());
        }
    }

    /** A transform that logs the calls it gets and accepts at most {@code limit} batches. */
    private static Transform logging(List<String> log, int limit) {
        StageDescriptor descriptor = StageDescriptor.builder("log.apply", StageRole.TRANSFORM).build();
        return new Transform() {
            @Override
            public StageDescriptor descriptor() {
                return descriptor;
            }

            @Override
            public TransformTask open(StageConfig config, StageContext context,
                    List<String> inputs) {
                return new TransformTask() {
                    private int seen;

                    @Override
                    public boolean accepts(String input) {
                        return seen < limit;
                    }

                    @Override
                    public void process(String input, VectorSchemaRoot batch, Emitter out) {
                        seen++;
                        log.add(input + ": " + batch.getRowCount() + " rows");
                    }

                    @Override
                    public void endOfInput(String input, Emitter out) {
                        log.add(input + ": end");
                    }

                    @Override
                    public void finish(Emitter out) {
                        log.add("finish");
                    }
                };
            }
        };
    }

    @Test
    void runsDeliverABatchWithoutRowsOnlyAsTheFirstBatchOfItsInput() throws Exception {
        List<String> log = new ArrayList<>();
        Transform transform = logging(log, Integer.MAX_VALUE);
        try (TestContext context = TestContext.of(root, "log");
                VectorSchemaRoot empty = Batches.of(root, "id:int64");
                VectorSchemaRoot rows = Batches.of(root, "id:int64", row(1), row(2));
                CollectingEmitter out = Runs.transform(transform, TestConfig.of(transform.descriptor(), Map.of()),
                        context, empty, rows, empty)) {
            assertEquals(List.of("in: 0 rows", "in: 2 rows", "in: end", "finish"), log);
        }
    }

    @Test
    void aTaskAcceptingNoneOfItsOpenInputsIsDoneReadingAndFinishesAtOnce() throws Exception {
        List<String> log = new ArrayList<>();
        Transform transform = logging(log, 1);
        try (TestContext context = TestContext.of(root, "log");
                VectorSchemaRoot first = Batches.of(root, "id:int64", row(1));
                VectorSchemaRoot second = Batches.of(root, "id:int64", row(2));
                CollectingEmitter out = Runs.transform(transform, TestConfig.of(transform.descriptor(), Map.of()),
                        context, first, second)) {
            assertEquals(List.of("in: 1 rows", "finish"), log);
        }
    }

    @Test
    void anInputTheTransformForwardsStaysTheCallersAndOpen() throws Exception {
        StageDescriptor descriptor = StageDescriptor.builder("pass.apply", StageRole.TRANSFORM).build();
        Transform pass = new Transform() {
            @Override
            public StageDescriptor descriptor() {
                return descriptor;
            }

            @Override
            public TransformTask open(StageConfig config, StageContext context, List<String> inputs) {
                return (input, batch, out) -> out.emit(batch);
            }
        };
        try (TestContext context = TestContext.of(root, "pass");
                VectorSchemaRoot batch = Batches.of(root, "id:int64", row(7))) {
            try (CollectingEmitter out = Runs.transform(pass, TestConfig.of(descriptor, Map.of()), context, batch,
                    batch)) {
                assertEquals(List.of("7", "7"), out.rows());
            }
            assertEquals(List.of("7"), BatchText.rows(batch));
        }
    }
}
