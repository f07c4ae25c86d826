package io.conveyor.wasm.internal.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.dylibso.chicory.wabt.Wat2Wasm;

/**
 * WASI as each engine confines it: standard output and error reach the log line by line, the
 * clock stands still unless granted, and a granted folder can be read but not changed, while
 * nothing else is visible.
 */
class WasiSandboxTest {

    /** WASI errno values the engines answer with. */
    private static final int EBADF = 8;
    /** Creating a file in a read-only folder: Chicory's confinement says EROFS, wasmtime's capabilities EPERM. */
    private static final Map<String, Integer> CREATE_REFUSED = Map.of("chicory", 69, "wasmtime", 63);
    /**
     * Writing to a file opened to read: Chicory says ENOTCAPABLE; on wasmtime the host's fd_write
     * serves standard output and error only, and says EBADF for any other descriptor.
     */
    private static final Map<String, Integer> WRITE_REFUSED = Map.of("chicory", 76, "wasmtime", 8);

    private static final String WAT = """
            (module
              (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
              (import "wasi_snapshot_preview1" "clock_time_get" (func $clock_time_get (param i32 i64 i32) (result i32)))
              (import "wasi_snapshot_preview1" "path_open"
                (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
              (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
              (memory (export "memory") 1 1)
              (data (i32.const 100) "hello\\nwor")
              (data (i32.const 120) "ld\\n")
              (data (i32.const 130) "oops")
              (data (i32.const 200) "x.txt")
              (data (i32.const 300) "new.txt")
              (func $write (param $fd i32) (param $ptr i32) (param $len i32) (result i32)
                (i32.store (i32.const 0) (local.get $ptr))
                (i32.store (i32.const 4) (local.get $len))
                (call $fd_write (local.get $fd) (i32.const 0) (i32.const 1) (i32.const 8)))
              (func (export "say") (result i32)
                (drop (call $write (i32.const 1) (i32.const 100) (i32.const 9)))
                (drop (call $write (i32.const 1) (i32.const 120) (i32.const 3)))
                (call $write (i32.const 2) (i32.const 130) (i32.const 4)))
              (func (export "clock") (param $id i32) (result i64)
                (drop (call $clock_time_get (local.get $id) (i64.const 1) (i32.const 16)))
                (i64.load (i32.const 16)))
              (func (export "open_read") (result i32)
                (call $path_open (i32.const 3) (i32.const 0) (i32.const 200) (i32.const 5) (i32.const 0)
                  (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 24)))
              (func (export "open_create") (result i32)
                (call $path_open (i32.const 3) (i32.const 0) (i32.const 300) (i32.const 7) (i32.const 1)
                  (i64.const 66) (i64.const 0) (i32.const 0) (i32.const 24)))
              (func (export "read") (result i32)
                (i32.store (i32.const 32) (i32.const 400))
                (i32.store (i32.const 36) (i32.const 64))
                (call $fd_read (i32.load (i32.const 24)) (i32.const 32) (i32.const 1) (i32.const 28)))
              (func (export "count") (result i32) (i32.load (i32.const 28)))
              (func (export "write_file") (result i32) (call $write (i32.load (i32.const 24)) (i32.const 130) (i32.const 4))))
            """;

    private final Deadlines deadlines = new Deadlines();
    private final Engines engines = new Engines(deadlines);
    private final List<String> stdout = new ArrayList<>();
    private final List<String> stderr = new ArrayList<>();

    @TempDir
    Path work;

    @AfterEach
    void release() {
        engines.shutdown();
        deadlines.shutdown();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"chicory", "wasmtime"})
    void standardOutputAndErrorReachTheLogLineByLine(String engine) throws Exception {
        try (WasmInstance instance = instantiate(engine, List.of(), false)) {
            assertEquals(0, instance.call("say")[0]);
            assertEquals(List.of("hello", "world"), stdout);
            assertEquals(List.of(), stderr);
        }
        assertEquals(List.of("oops"), stderr);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"chicory", "wasmtime"})
    void clockStandsAtTheEpochUnlessGranted(String engine) throws Exception {
        try (WasmInstance instance = instantiate(engine, List.of(), false)) {
            assertEquals(0, instance.call("clock", 0)[0]);
            assertEquals(0, instance.call("clock", 1)[0]);
        }
        try (WasmInstance instance = instantiate(engine, List.of(), true)) {
            long before = nanos(Instant.now());
            long realtime = instance.call("clock", 0)[0];
            long after = nanos(Instant.now());
            assertTrue(before <= realtime && realtime <= after, realtime + " is not between " + before + " and " + after);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"chicory", "wasmtime"})
    void grantedFolderIsReadableAndNotWritable(String engine) throws Exception {
        Path data = Files.createDirectory(work.resolve("data"));
        Files.writeString(data.resolve("x.txt"), "file data");

        try (WasmInstance instance = instantiate(engine, List.of(data), false)) {
            assertEquals(0, instance.call("open_read")[0]);
            assertEquals(0, instance.call("read")[0]);
            int count = (int) instance.call("count")[0];
            assertArrayEquals("file data".getBytes(StandardCharsets.UTF_8), instance.read(400, count));
            assertEquals(WRITE_REFUSED.get(engine), (int) instance.call("write_file")[0]);
            assertEquals(CREATE_REFUSED.get(engine), (int) instance.call("open_create")[0]);
        }
        assertEquals("file data", Files.readString(data.resolve("x.txt")));
        assertFalse(Files.exists(data.resolve("new.txt")));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"chicory", "wasmtime"})
    void withoutAGrantNoFolderIsVisible(String engine) throws Exception {
        try (WasmInstance instance = instantiate(engine, List.of(), false)) {
            assertEquals(EBADF, instance.call("open_read")[0]);
        }
    }

    private WasmInstance instantiate(String engine, List<Path> readDirs, boolean clock) throws WasmFailure {
        Sandbox sandbox = new Sandbox(16, 5_000, 1 << 20, readDirs, clock, Map.of(), stdout::add, stderr::add);
        return engines.get(engine).compile("wasi.wasm", Wat2Wasm.parse(WAT)).instantiate(sandbox);
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
