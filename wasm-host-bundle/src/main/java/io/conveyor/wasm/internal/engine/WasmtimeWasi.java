package io.conveyor.wasm.internal.engine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.github.kawamuray.wasmtime.Caller;
import io.github.kawamuray.wasmtime.Extern;
import io.github.kawamuray.wasmtime.Func;
import io.github.kawamuray.wasmtime.FuncType;
import io.github.kawamuray.wasmtime.Memory;
import io.github.kawamuray.wasmtime.Store;
import io.github.kawamuray.wasmtime.Val;
import io.github.kawamuray.wasmtime.WasmtimeException;
import io.github.kawamuray.wasmtime.wasi.DirCaps;
import io.github.kawamuray.wasmtime.wasi.FileCaps;
import io.github.kawamuray.wasmtime.wasi.WasiCtx;
import io.github.kawamuray.wasmtime.wasi.WasiCtxBuilder;

/**
 * WASI preview 1 on wasmtime, confined like {@link ConfinedWasi} on Chicory: wasmtime's own
 * implementation serves files and the environment, with each granted folder preopened with
 * read-only capabilities; three functions are the host's own, because wasmtime-java can only
 * send standard output to a file and cannot stop the clock:
 * <ul>
 * <li>{@code fd_write} passes standard output and error to the log, line by line, and answers
 * {@code EBADF} for any other descriptor (every file the module can open is read-only);</li>
 * <li>{@code clock_time_get} and {@code clock_res_get} show a clock stopped at the epoch unless
 * the sandbox grants the clock.</li>
 * </ul>
 * Standard input is closed.
 */
final class WasmtimeWasi {

    static final int EBADF = 8;
    static final int EFAULT = 21;
    static final int EINVAL = 28;
    static final int EIO = 29;
    static final int ENOTSUP = 58;
    private static final int FIRST_PREOPEN = 3;
    private static final Set<DirCaps> READ_DIRECTORY = EnumSet.of(DirCaps.OPEN, DirCaps.READDIR, DirCaps.READLINK,
            DirCaps.PATH_FILESTAT_GET, DirCaps.FILESTAT_GET);
    private static final Set<FileCaps> READ_FILE = EnumSet.of(FileCaps.READ, FileCaps.SEEK, FileCaps.TELL,
            FileCaps.FILESTAT_GET, FileCaps.ADVISE, FileCaps.POLL_READWRITE);
    private static final Val.Type I32 = Val.Type.I32;
    private static final Val.Type I64 = Val.Type.I64;

    private final Sandbox sandbox;
    private final LogLines stdout;
    private final LogLines stderr;

    WasmtimeWasi(Sandbox sandbox) {
        this.sandbox = sandbox;
        this.stdout = new LogLines(sandbox.stdout());
        this.stderr = new LogLines(sandbox.stderr());
    }

    /** Whether the module imports any WASI function, and so needs a WASI context in its store. */
    static boolean needed(ModuleShape shape) {
        return shape.importedFunctions().stream().anyMatch(name -> name.startsWith(Failures.WASI + "."));
    }

    /** The granted environment and folders; the store that gets it owns it. */
    WasiCtx context() throws WasmFailure {
        WasiCtxBuilder builder = new WasiCtxBuilder();
        sandbox.environment().forEach(builder::env);
        WasiCtx context = builder.build();
        List<Path> dirs = sandbox.readDirs();
        for (int i = 0; i < dirs.size(); i++) {
            Path dir = dirs.get(i);
            try {
                context.insertDir(FIRST_PREOPEN + i, dir, READ_DIRECTORY, READ_FILE,
                        Path.of(dir.getFileName() == null ? dir.toString() : dir.getFileName().toString()));
            } catch (WasmtimeException e) {
                context.dispose();
                throw new WasmFailure(WasmFailure.Kind.REFUSED, "the folder " + dir + " of wasm_read_dirs cannot be"
                        + " opened: " + e.getMessage(), e);
            }
        }
        return context;
    }

    /** The host's own implementation of a WASI function, or null where wasmtime's serves. */
    Func hostFunction(Store<Void> store, String name) {
        return switch (name) {
            case "fd_write" -> new Func(store, new FuncType(new Val.Type[] {I32, I32, I32, I32}, new Val.Type[] {I32}),
                    (caller, params, results) -> results[0] = Val.fromI32(fdWrite(store, caller,
                            params[0].i32(), params[1].i32(), params[2].i32(), params[3].i32())));
            case "clock_time_get" -> new Func(store, new FuncType(new Val.Type[] {I32, I64, I32}, new Val.Type[] {I32}),
                    (caller, params, results) -> results[0] = Val.fromI32(clock(store, caller,
                            params[0].i32(), params[2].i32(), false)));
            case "clock_res_get" -> new Func(store, new FuncType(new Val.Type[] {I32, I32}, new Val.Type[] {I32}),
                    (caller, params, results) -> results[0] = Val.fromI32(clock(store, caller,
                            params[0].i32(), params[1].i32(), true)));
            default -> null;
        };
    }

    private int fdWrite(Store<Void> store, Caller<Void> caller, int fd, int iovecs, int count, int writtenAt) {
        LogLines target = fd == 1 ? stdout : fd == 2 ? stderr : null;
        if (target == null) {
            return EBADF;
        }
        return withMemory(store, caller, memory -> {
            long written = 0;
            for (int i = 0; i < count; i++) {
                int at = memory.getInt(iovecs + 8 * i);
                int length = memory.getInt(iovecs + 8 * i + 4);
                Objects.checkFromIndexSize(at, length, memory.capacity());
                byte[] bytes = new byte[length];
                memory.get(at, bytes);
                target.write(bytes, 0, length);
                written += length;
            }
            memory.putInt(writtenAt, (int) written);
            return 0;
        });
    }

    /** {@code clock_time_get} or {@code clock_res_get}: realtime and monotonic only, as on Chicory. */
    private int clock(Store<Void> store, Caller<Void> caller, int clockId, int resultAt, boolean resolution) {
        if (clockId == 2 || clockId == 3) {
            return ENOTSUP;
        }
        if (clockId != 0 && clockId != 1) {
            return EINVAL;
        }
        long value = resolution ? 1 : !sandbox.clock() ? 0 : clockId == 1 ? System.nanoTime() : epochNanos();
        return withMemory(store, caller, memory -> {
            memory.putLong(resultAt, value);
            return 0;
        });
    }

    private static long epochNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private interface MemoryAccess {
        int apply(ByteBuffer memory);
    }

    /**
     * Runs {@code access} on the calling module's memory; an access outside it answers
     * {@code EFAULT}. Nothing may be thrown back into wasmtime-java's native trampoline.
     */
    private static int withMemory(Store<Void> store, Caller<Void> caller, MemoryAccess access) {
        Extern export = caller.getExport("memory").orElse(null);
        if (export == null || export.type() != Extern.Type.MEMORY) {
            return EFAULT;
        }
        Memory memory = export.memory();
        try {
            return access.apply(memory.buffer(store).order(ByteOrder.LITTLE_ENDIAN));
        } catch (IndexOutOfBoundsException | NegativeArraySizeException e) {
            return EFAULT;
        } catch (RuntimeException e) {
            return EIO;
        } finally {
            memory.dispose();
        }
    }

    void flush() {
        stdout.flushLine();
        stderr.flushLine();
    }
}
