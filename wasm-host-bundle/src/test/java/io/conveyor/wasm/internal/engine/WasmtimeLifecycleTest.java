package io.conveyor.wasm.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.dylibso.chicory.wabt.Wat2Wasm;

/**
 * wasmtime's native objects: each freed exactly once and never used afterwards (a use after free
 * kills the JVM), the epoch deadline set again before every call, and the temporary copy of the
 * native library deleted once loaded.
 */
class WasmtimeLifecycleTest {

    private static final String WAT = """
            (module
              (memory (export "memory") 1 2)
              (func (export "answer") (result i32) (i32.const 42))
              (func (export "add64") (param i64 i64) (result i64) (i64.add (local.get 0) (local.get 1)))
              (func (export "spin") (loop $forever (br $forever))))
            """;

    private final WasmtimeEngine engine;
    private final CompiledModule module;

    WasmtimeLifecycleTest() throws WasmFailure {
        engine = new WasmtimeEngine();
        module = engine.compile("life.wasm", Wat2Wasm.parse(WAT));
    }

    @AfterEach
    void release() {
        module.close();
        engine.shutdown();
    }

    @Test
    void instanceIsClosedOnceAndRefusesEveryUseAfterwards() throws Exception {
        WasmInstance instance = module.instantiate(sandbox(1_000));
        assertEquals(42, instance.call("answer")[0]);

        instance.close();
        instance.close();

        assertEquals("the instance is closed",
                assertThrows(IllegalStateException.class, () -> instance.call("answer")).getMessage());
        assertEquals("the instance is closed",
                assertThrows(IllegalStateException.class, () -> instance.read(0, 1)).getMessage());
        assertEquals("the instance is closed",
                assertThrows(IllegalStateException.class, () -> instance.write(0, new byte[1])).getMessage());
    }

    @Test
    void deadlineIsSetAgainBeforeEveryCall() throws Exception {
        try (WasmInstance instance = module.instantiate(sandbox(100))) {
            WasmFailure e = assertThrows(WasmFailure.class, () -> instance.call("spin"));

            assertEquals(WasmFailure.Kind.DEADLINE, e.kind());
            assertEquals("spin ran past its deadline of 100 ms (wasm_timeout_ms)", e.getMessage());
            assertEquals(42, instance.call("answer")[0]);
            assertEquals((1L << 40) + 5, instance.call("add64", 1L << 40, 5)[0]);
        }
    }

    @Test
    void instanceOutlivesItsModuleAndTheEngineShutdown() throws Exception {
        WasmInstance instance = module.instantiate(sandbox(100));

        module.close();
        engine.shutdown();

        assertEquals("it has been unloaded",
                assertThrows(WasmFailure.class, () -> module.instantiate(sandbox(100))).getMessage());
        assertEquals("the wasmtime engine has been shut down",
                assertThrows(WasmFailure.class, () -> engine.compile("again.wasm", Wat2Wasm.parse(WAT))).getMessage());
        assertEquals(42, instance.call("answer")[0]);
        assertEquals(WasmFailure.Kind.DEADLINE, assertThrows(WasmFailure.class, () -> instance.call("spin")).kind());
        instance.close();
    }

    @Test
    void memoryOutsideTheInstanceIsAnAbiError() throws Exception {
        try (WasmInstance instance = module.instantiate(sandbox(1_000))) {
            WasmFailure e = assertThrows(WasmFailure.class, () -> instance.read(65_530, 10));

            assertEquals("it returned 10 bytes at 65530, outside its memory", e.getMessage());
        }
    }

    @Test
    void epochDeadlineCoversTheWholeCallLimit() {
        assertEquals(2, WasmtimeEngine.ticksFor(1));
        assertEquals(2, WasmtimeEngine.ticksFor(10));
        assertEquals(31, WasmtimeEngine.ticksFor(300));
    }

    @Test
    void loadedCopyOfTheNativeLibraryIsDeleted() throws Exception {
        Path maps = Path.of("/proc/self/maps");
        assumeTrue(Files.isReadable(maps), "only Linux shows what a process has mapped");

        List<String> mapped = Files.readAllLines(maps).stream().filter(line -> line.contains("/libwasmtime_jni_")).toList();

        assertTrue(!mapped.isEmpty(), "the native library is mapped");
        assertTrue(mapped.stream().allMatch(line -> line.endsWith("(deleted)")), String.join("\n", mapped));
        assertEquals(List.of(), NativeLibraryCopies.loaded());
    }

    private static Sandbox sandbox(long callMillis) {
        return new Sandbox(2, callMillis, 1 << 20, List.of(), false, Map.of(), line -> { }, line -> { });
    }
}
