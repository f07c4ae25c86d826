package io.conveyor.wasm.guest;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The modules this build made, in the folder the pom passes as conveyor.wasm.dir. A module the
 * build skipped (listed in SKIPPED.txt with the reason) makes the test that needs it skip with
 * that reason; any other missing module fails it.
 */
final class GuestModules {
    private GuestModules() {
    }

    static Path folder() {
        return Path.of(System.getProperty("conveyor.wasm.dir", "target/wasm"));
    }

    /** Loads NAME-LANGUAGE.wasm, for example rows-filter-c.wasm. */
    static GuestModule load(String name, String language) {
        String fileName = name + "-" + language + ".wasm";
        Optional<String> skipped = skipReason(fileName);
        assumeTrue(skipped.isEmpty(), () -> fileName + " was skipped by the build: " + skipped.orElseThrow());
        Path file = folder().resolve(fileName);
        assertTrue(Files.isRegularFile(file), () -> file + " was not built");
        return GuestModule.load(file);
    }

    private static Optional<String> skipReason(String fileName) {
        Path list = folder().resolve("SKIPPED.txt");
        if (!Files.exists(list)) {
            return Optional.empty();
        }
        try {
            return Files.readAllLines(list).stream()
                    .filter(line -> line.startsWith(fileName + ": "))
                    .map(line -> line.substring(fileName.length() + 2))
                    .findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
