package io.conveyor.wasm.internal.engine;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.WasmFunctionHandle;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;

/**
 * WASI preview 1 as the sandbox allows it: only the granted folders are visible, and read-only;
 * the clock is stopped at the epoch unless granted; the environment holds only the granted
 * variables; standard output and error go to line consumers (the server log). Functions that
 * would change a file answer {@code EROFS} without running. Chicory's monotonic clock reads
 * {@code System.nanoTime()} whatever clock it is given, so it is stopped here too.
 */
final class ConfinedWasi implements AutoCloseable {

    /** WASI errno {@code rofs}: read-only file system. */
    static final int EROFS = 69;
    private static final int OFLAGS_CREATE_EXCL_TRUNC = 1 | 4 | 8;
    private static final long RIGHT_FD_WRITE = 1L << 6;
    private static final Set<String> CHANGES_FILES = Set.of("path_create_directory", "path_remove_directory",
            "path_rename", "path_unlink_file", "path_symlink", "path_link", "path_filestat_set_times",
            "fd_filestat_set_size", "fd_filestat_set_times", "fd_allocate");

    private static final int CLOCK_MONOTONIC = 1;

    private final WasiPreview1 wasi;
    private final LogLines stdout;
    private final LogLines stderr;
    private final boolean clock;

    ConfinedWasi(Sandbox sandbox) {
        this.clock = sandbox.clock();
        this.stdout = new LogLines(sandbox.stdout());
        this.stderr = new LogLines(sandbox.stderr());
        WasiOptions.Builder options = WasiOptions.builder().withStdout(stdout).withStderr(stderr)
                .withStdin(java.io.InputStream.nullInputStream());
        if (!sandbox.clock()) {
            options.withClock(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
        }
        sandbox.environment().forEach(options::withEnvironment);
        for (Path dir : sandbox.readDirs()) {
            options.withDirectory(dir.getFileName() == null ? dir.toString() : dir.getFileName().toString(), dir);
        }
        this.wasi = WasiPreview1.builder().withOptions(options.build()).build();
    }

    HostFunction[] functions() {
        HostFunction[] all = wasi.toHostFunctions();
        HostFunction[] confined = new HostFunction[all.length];
        for (int i = 0; i < all.length; i++) {
            HostFunction f = all[i];
            confined[i] = new HostFunction(f.module(), f.name(), f.functionType(), confine(f.name(), f.handle()));
        }
        return confined;
    }

    private WasmFunctionHandle confine(String name, WasmFunctionHandle handle) {
        if (!clock && name.equals("clock_time_get")) {
            return (instance, args) -> {
                if (args[0] != CLOCK_MONOTONIC) {
                    return handle.apply(instance, args);
                }
                instance.memory().writeLong((int) args[2], 0);
                return new long[] {0};
            };
        }
        if (CHANGES_FILES.contains(name)) {
            return (instance, args) -> new long[] {EROFS};
        }
        if (name.equals("path_open")) {
            return (instance, args) -> {
                boolean writes = (args[4] & OFLAGS_CREATE_EXCL_TRUNC) != 0 || (args[5] & RIGHT_FD_WRITE) != 0;
                return writes ? new long[] {EROFS} : handle.apply(instance, args);
            };
        }
        return handle;
    }

    @Override
    public void close() {
        wasi.close();
        stdout.flushLine();
        stderr.flushLine();
    }
}
