package io.conveyor.itests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the build put things, as failsafe's system properties say (the framework shares the
 * test JVM, so tests read them inside the container too). Everything a test writes goes under
 * {@code target/work}, which {@code mvn clean} removes.
 */
final class TestPaths {

    private TestPaths() {
    }

    static String property(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("system property " + name
                    + " is not set: run the integration tests through Maven (mvn verify)");
        }
        return value;
    }

    /** The example pipelines of the repository ({@code examples/}). */
    static Path examples() {
        return Path.of(property("itests.examples")).toAbsolutePath().normalize();
    }

    /** The repository's root, where README.md and docs/ are. */
    static Path repository() {
        return Path.of(property("itests.docs")).toAbsolutePath().normalize();
    }

    /** The stamp plugin jar as built (Bundle-Version 1.0.0). */
    static Path stampPlugin() {
        return Path.of(property("itests.stamp.jar"));
    }

    /** The plugin that misbehaves on purpose ({@code bad.throw}, {@code bad.stuck}; Bundle-Version 1.0.0). */
    static Path badPlugin() {
        return Path.of(property("itests.bad.jar"));
    }

    /** A WASM module built by wasm-guest, e.g. {@code rows-filter-as.wasm}. */
    static Path wasmModule(String file) {
        return Path.of(property("itests.wasm")).resolve(file);
    }

    /** The counter plugin jar as built: {@code counter.stream}, an unbounded source of numbered rows. */
    static Path counterPlugin() {
        return Path.of(property("itests.counter.jar"));
    }

    /** {@code target}, where figures a test measured are written for quoting. */
    static Path buildFolder() {
        return Path.of(property("itests.work")).toAbsolutePath().getParent();
    }

    /** A new empty folder under {@code target/work}. */
    static Path newWorkFolder(String prefix) {
        try {
            Path work = Files.createDirectories(Path.of(property("itests.work")));
            return Files.createTempDirectory(work, prefix + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a work folder", e);
        }
    }
}
