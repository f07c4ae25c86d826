package io.conveyor.wasm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.conveyor.api.stage.Parameter;
import io.conveyor.api.stage.StageException;
import io.conveyor.api.stage.StageRole;
import io.conveyor.api.stage.TransformTask;
import io.conveyor.testing.CollectingEmitter;
import io.conveyor.testing.TestConfig;
import io.conveyor.testing.TestContext;
import io.conveyor.wasm.internal.codec.NdjsonCodec;
import io.conveyor.wasm.internal.engine.Deadlines;
import io.conveyor.wasm.internal.engine.Engines;
import io.conveyor.wasm.internal.engine.WasmFailure;
import io.conveyor.wasm.internal.stage.Limits;
import io.conveyor.wasm.internal.stage.WasmPlugin;
import io.conveyor.wasm.internal.stage.WasmTransform;

/**
 * Loading and running modules on each engine: a well-behaved one passes rows through, and each
 * hostile one fails with an error naming the module and the limit it broke, after which a
 * healthy module still runs. wasmtime refuses the modules it cannot confine.
 */
class WasmHostileModulesTest {

    private final Deadlines deadlines = new Deadlines();
    private final Engines engines = new Engines(deadlines);
    private final ModuleLoader loader = new ModuleLoader(engines);
    private final RootAllocator allocator = new RootAllocator();
    private final TestContext context = TestContext.of(allocator, "w");
    private final CollectingEmitter out = new CollectingEmitter();

    @TempDir
    Path work;

    @AfterEach
    void release() {
        out.close();
        context.close();
        allocator.close();
        engines.shutdown();
        deadlines.shutdown();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"chicory", "wasmtime"})
    void wellBehavedModuleDescribesItselfAndPassesRowsThrough(String engine) throws Exception {
        WasmPlugin plugin = load(engine, "pass.wasm", TestModules.transform(TestModules.PASS));

        assertEquals("test.pass", plugin.description().name());
        assertEquals(List.of(StageRole.TRANSFORM), plugin.description().roles());
        assertEquals("Passes rows on. (WebAssembly module pass.wasm, 1.2.3)",
                plugin.descriptor(StageRole.TRANSFORM).description());
        runBatches(plugin, Map.of(), 2);
        assertEquals("{\"n\":0}\n{\"n\":1}\n{\"n\":2}\n", ndjson(out.batches().get(0)));
        assertEquals(2, out.batches().size());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"chicory", "wasmtime"})
    void moduleIsConfiguredWithItsOwnKeysAndTheDefaultsOfTheOthersButNotTheHostsKeys(String engine)
            throws Exception {
        WasmPlugin plugin = load(engine, "config.wasm", TestModules.transform(TestModules.CONFIGURATION));

        runBatches(plugin, Map.of("wasm_timeout_ms", 5000L), 1);
        runBatches(plugin, Map.of("label", "y"), 1);
        assertEquals("{\"label\":\"x\"}\n", ndjson(out.batches().get(0)));
        assertEquals("{\"label\":\"y\"}\n", ndjson(out.batches().get(1)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"chicory", "wasmtime"})
    void infiniteLoopFailsAtTheDeadline(String engine) throws Exception {
        WasmPlugin plugin = load(engine, "loop.wasm", TestModules.transform(TestModules.LOOP));

        StageException e = assertThrows(StageException.class, () -> runBatches(plugin, Map.of("wasm_timeout_ms", 300), 1));

        assertEquals("wasm module loop.wasm: cv_transform ran past its deadline of 300 ms (wasm_timeout_ms)",
                e.getMessage());
        assertHealthyModuleStillRuns(engine);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"chicory", "wasmtime"})
    void unboundedMemoryGrowthStopsAtTheMemoryLimit(String engine) throws Exception {
        WasmPlugin plugin = load(engine, "grow.wasm", TestModules.transform(TestModules.GROW, "16"));

        StageException e = assertThrows(StageException.class, () -> runBatches(plugin, Map.of("wasm_memory_mb", 1), 1));

        assertEquals("wasm module grow.wasm: cv_transform trapped at its memory limit of 1 MiB (wasm_memory_mb):"
                + " Trapped on unreachable instruction", e.getMessage());
        assertHealthyModuleStillRuns(engine);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"chicory", "wasmtime"})
    void hugeOutputIsRefusedBeforeItIsCopied(String engine) throws Exception {
        WasmPlugin plugin = load(engine, "huge.wasm", TestModules.transform(TestModules.HUGE));

        StageException e = assertThrows(StageException.class, () -> runBatches(plugin, Map.of(), 1));

        assertEquals("wasm module huge.wasm: cv_transform returned 2147483647 bytes, more than its output limit of"
                + " 64 MiB (wasm_max_output_mb)", e.getMessage());
        assertHealthyModuleStillRuns(engine);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"chicory", "wasmtime"})
    void trapInTheMiddleOfTheRunFailsItAfterTheBatchesBefore(String engine) throws Exception {
        WasmPlugin plugin = load(engine, "trap.wasm", TestModules.transform(TestModules.TRAP_ON_SECOND));

        StageException e = assertThrows(StageException.class, () -> runBatches(plugin, Map.of(), 3));

        assertEquals("wasm module trap.wasm: cv_transform trapped: Trapped on unreachable instruction", e.getMessage());
        assertEquals(1, out.batches().size());
        assertHealthyModuleStillRuns(engine);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"chicory", "wasmtime"})
    void moduleErrorIsReportedWithItsCodeAndMessage(String engine) throws Exception {
        WasmPlugin plugin = load(engine, "refuse.wasm", TestModules.transform(TestModules.REFUSE));

        StageException e = assertThrows(StageException.class, () -> runBatches(plugin, Map.of(), 1));

        assertEquals("wasm module refuse.wasm: cv_transform failed: E_TEST: refused this batch", e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"chicory", "wasmtime"})
    void wrongAbiVersionIsRefusedAtLoad(String engine) throws Exception {
        Path file = TestModules.write(work, "abi2.wasm", TestModules.module(2, "\"transform\"", TestModules.PASS, "", ""));

        WasmFailure e = assertThrows(WasmFailure.class, () -> loader.load(file, Limits.DEFAULTS.withEngine(engine)));

        assertEquals("it implements ABI version 2, and this host supports version 1", e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"chicory", "wasmtime"})
    void fileThatIsNotWasmIsRefusedAtLoad(String engine) throws Exception {
        Path file = Files.writeString(work.resolve("notes.wasm"), "just text");

        WasmFailure e = assertThrows(WasmFailure.class, () -> loader.load(file, Limits.DEFAULTS.withEngine(engine)));

        assertEquals("not a WebAssembly module: it does not start with the bytes \\0asm", e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"chicory", "wasmtime"})
    void roleWithoutItsExportIsRefusedAtLoad(String engine) throws Exception {
        Path file = TestModules.write(work, "nosource.wasm",
                TestModules.module(1, "\"transform\",\"source\"", TestModules.PASS, "", ""));

        WasmFailure e = assertThrows(WasmFailure.class, () -> loader.load(file, Limits.DEFAULTS.withEngine(engine)));

        assertEquals("it declares the role source but does not export cv_next", e.getMessage());
    }

    @Test
    void wasmtimeRefusesAModuleWhoseMemoryDeclaresNoMaximumWhichChicoryRuns() throws Exception {
        Path file = TestModules.write(work, "nomax.wasm", TestModules.transform(TestModules.PASS, TestModules.NO_MAX));
        String refusal = "the wasmtime engine refuses to run it: its memory declares no maximum, and wasmtime cannot"
                + " hold it to its limit of 64 MiB (wasm_memory_mb) any other way; declare a maximum of at most 1024"
                + " pages, or run it on chicory (wasm_engine = \"chicory\"), which enforces every limit itself";

        WasmFailure atLoad = assertThrows(WasmFailure.class, () -> loader.load(file, Limits.DEFAULTS.withEngine("wasmtime")));
        WasmPlugin onChicory = loader.load(file, Limits.DEFAULTS);
        StageException optedIn = assertThrows(StageException.class,
                () -> runBatches(onChicory, Map.of("wasm_engine", "wasmtime"), 1));
        runBatches(onChicory, Map.of(), 1);

        assertEquals(refusal, atLoad.getMessage());
        assertEquals(WasmFailure.Kind.REFUSED, atLoad.kind());
        assertEquals("wasm module nomax.wasm: " + refusal, optedIn.getMessage());
        assertEquals("{\"n\":0}\n{\"n\":1}\n{\"n\":2}\n", ndjson(out.batches().get(0)));
    }

    @Test
    void wasmtimeRefusesAMemoryMaximumAboveTheStageLimitWhichChicoryEnforces() throws Exception {
        WasmPlugin plugin = load("chicory", "big.wasm", TestModules.transform(TestModules.PASS));

        StageException e = assertThrows(StageException.class,
                () -> runBatches(plugin, Map.of("wasm_engine", "wasmtime", "wasm_memory_mb", 1), 1));
        runBatches(plugin, Map.of("wasm_memory_mb", 1), 1);

        assertEquals("wasm module big.wasm: the wasmtime engine refuses to run it: its memory may grow to 64 MiB (its"
                + " declared maximum), more than its limit of 1 MiB (wasm_memory_mb), and wasmtime cannot stop it"
                + " earlier; lower the maximum to at most 16 pages, raise wasm_memory_mb, or run it on chicory"
                + " (wasm_engine = \"chicory\"), which enforces every limit itself", e.getMessage());
        assertEquals(1, out.batches().size());
    }

    @Test
    void wasmtimeRefusesAModuleThatCanBlockInNativeCode() throws Exception {
        String sleeps = "(import \"wasi_snapshot_preview1\" \"poll_oneoff\" (func (param i32 i32 i32 i32) (result i32)))";
        Path file = TestModules.write(work, "sleeps.wasm",
                TestModules.module(1, "\"transform\"", TestModules.PASS, sleeps, ""));

        WasmFailure e = assertThrows(WasmFailure.class, () -> loader.load(file, Limits.DEFAULTS.withEngine("wasmtime")));
        WasmPlugin onChicory = loader.load(file, Limits.DEFAULTS);

        assertEquals("the wasmtime engine refuses to run it: it imports wasi_snapshot_preview1.poll_oneoff, which blocks"
                + " in native code where the call deadline cannot stop it; run it on chicory (wasm_engine ="
                + " \"chicory\"), which enforces every limit itself", e.getMessage());
        assertEquals("test.pass", onChicory.description().name());
    }

    @Test
    void stageChoosesAmongTheKnownEnginesAndDefaultsToTheServers() throws Exception {
        WasmPlugin plugin = load("wasmtime", "pass.wasm", TestModules.transform(TestModules.PASS));

        Parameter engine = plugin.descriptor(StageRole.TRANSFORM).parameter("wasm_engine").orElseThrow();

        assertEquals("wasmtime", plugin.engine());
        assertEquals("wasmtime", engine.defaultValue());
        assertEquals(List.of("chicory", "wasmtime"), engine.allowedValues());
        runBatches(plugin, Map.of("wasm_engine", "chicory"), 1);
        runBatches(plugin, Map.of(), 1);
        assertEquals(2, out.batches().size());
    }

    private void assertHealthyModuleStillRuns(String engine) throws Exception {
        out.close();
        try (CollectingEmitter healthy = new CollectingEmitter()) {
            WasmPlugin plugin = load(engine, "healthy.wasm", TestModules.transform(TestModules.PASS));
            try (TransformTask task = open(plugin, Map.of())) {
                try (VectorSchemaRoot batch = numbers(0)) {
                    task.process("in", batch, healthy);
                }
            }
            assertEquals("{\"n\":0}\n{\"n\":1}\n{\"n\":2}\n", ndjson(healthy.batches().get(0)));
        }
    }

    private WasmPlugin load(String engine, String name, String wat) throws Exception {
        return loader.load(TestModules.write(work, name, wat), Limits.DEFAULTS.withEngine(engine));
    }

    private TransformTask open(WasmPlugin plugin, Map<String, ?> config) throws StageException {
        WasmTransform transform = new WasmTransform(plugin);
        return transform.open(TestConfig.of(transform.descriptor(), config, work), context, List.of("in"));
    }

    private void runBatches(WasmPlugin plugin, Map<String, ?> config, int batches) throws Exception {
        try (TransformTask task = open(plugin, config)) {
            for (int i = 0; i < batches; i++) {
                try (VectorSchemaRoot batch = numbers(3L * i)) {
                    task.process("in", batch, out);
                }
            }
        }
    }

    private VectorSchemaRoot numbers(long first) {
        BigIntVector n = new BigIntVector("n", context.allocator());
        n.allocateNew(3);
        for (int i = 0; i < 3; i++) {
            n.set(i, first + i);
        }
        n.setValueCount(3);
        VectorSchemaRoot batch = VectorSchemaRoot.of(n);
        batch.setRowCount(3);
        return batch;
    }

    private static String ndjson(VectorSchemaRoot batch) throws StageException {
        return new String(new NdjsonCodec().encode(batch), StandardCharsets.UTF_8);
    }
}
