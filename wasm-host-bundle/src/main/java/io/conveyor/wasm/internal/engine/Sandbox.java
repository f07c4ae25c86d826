package io.conveyor.wasm.internal.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What an instance may do and use. Nothing is granted by default: no folder, a stopped clock, an
 * empty environment; standard output and error go to the given line consumers.
 *
 * @param memoryPages  the most 64 KiB pages the instance's memory may grow to
 * @param callMillis   how long one call may run
 * @param outputBytes  the largest output one call may return
 * @param readDirs     folders visible read-only, under their own names
 * @param clock        whether the real clock is visible
 * @param environment  the environment variables visible
 */
public record Sandbox(int memoryPages, long callMillis, long outputBytes, List<Path> readDirs, boolean clock,
        Map<String, String> environment, Consumer<String> stdout, Consumer<String> stderr) {

    public static final int PAGE_BYTES = 64 * 1024;

    public Sandbox {
        readDirs = List.copyOf(readDirs);
        environment = Map.copyOf(environment);
    }
}
