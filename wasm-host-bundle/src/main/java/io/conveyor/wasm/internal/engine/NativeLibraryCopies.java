package io.conveyor.wasm.internal.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * wasmtime-java copies its native library to a new temporary file each time a class loader loads
 * it (18 MB on Linux x86_64) and never deletes it. Once loaded, the copy is mapped into the
 * process and its name is no longer needed; on Linux it is deleted right away, found through
 * {@code /proc/self/maps} so that only this process's own copies are touched. Elsewhere the
 * copies stay.
 */
final class NativeLibraryCopies {

    private static final Path MAPS = Path.of("/proc/self/maps");
    private static final String PREFIX = "libwasmtime_jni_";
    private static final Logger LOG = LoggerFactory.getLogger(NativeLibraryCopies.class);

    /** Deletes the copies this process has loaded; returns the ones it deleted. */
    static List<Path> deleteLoaded() {
        List<Path> copies = loaded();
        for (Path copy : copies) {
            try {
                Files.deleteIfExists(copy);
                LOG.debug("Deleted the loaded copy {} of the wasmtime native library", copy);
            } catch (IOException e) {
                LOG.warn("Cannot delete the copy {} of the wasmtime native library: {}", copy, e.getMessage());
            }
        }
        return copies;
    }

    /** The temporary copies of the native library mapped into this process that still have a name. */
    static List<Path> loaded() {
        if (!Files.isReadable(MAPS)) {
            return List.of();
        }
        Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
        try {
            return Files.readAllLines(MAPS).stream()
                    .filter(line -> line.contains("/" + PREFIX) && !line.endsWith("(deleted)"))
                    .map(line -> Path.of(line.substring(line.indexOf('/'))))
                    .filter(path -> tmp.equals(path.getParent()) && path.getFileName().toString().endsWith(".so"))
                    .distinct().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private NativeLibraryCopies() {
    }
}
