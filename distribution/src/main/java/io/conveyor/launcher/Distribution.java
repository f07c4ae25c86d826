package io.conveyor.launcher;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The unpacked distribution: {@code lib/} (launcher and Felix), {@code system/<level>/*.jar} (the
 * bundles, installed at the start level their folder names), {@code etc/} (defaults).
 */
record Distribution(Path root) {

    /** The distribution this launcher jar belongs to: the folder above its {@code lib/}. */
    static Distribution ofRunningLauncher() throws LauncherException {
        Path jar;
        try {
            jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | SecurityException e) {
            throw new LauncherException(LauncherException.EXIT_FAILURE, "cannot tell where the launcher runs from", e);
        }
        Path lib = jar.getParent();
        if (lib == null || lib.getFileName() == null || !lib.getFileName().toString().equals("lib")) {
            throw new LauncherException(LauncherException.EXIT_FAILURE,
                    "the launcher must run from <distribution>/lib/, not from " + jar);
        }
        return new Distribution(lib.getParent().toAbsolutePath().normalize());
    }

    Path systemDirectory() {
        return root.resolve("system");
    }

    Path etcDirectory() {
        return root.resolve("etc");
    }

    /** The WASM modules a command-line run loads, and the ones the distribution ships. */
    Path wasmPlugins() {
        return root.resolve("wasm-plugins");
    }

    /**
     * The bundles of every start level from 1 to {@code maxLevel}, by level, then file name, which
     * is the order they are installed and, within a level, started in.
     */
    List<SystemBundle> bundlesUpTo(int maxLevel) throws LauncherException {
        Path system = systemDirectory();
        if (!Files.isDirectory(system)) {
            throw new LauncherException(LauncherException.EXIT_FAILURE,
                    "the distribution at " + root + " has no system/ folder");
        }
        List<SystemBundle> bundles = new ArrayList<>();
        try (Stream<Path> levels = Files.list(system)) {
            for (Path levelDir : levels.filter(Files::isDirectory).toList()) {
                int level = levelOf(levelDir);
                if (level >= 1 && level <= maxLevel) {
                    try (Stream<Path> jars = Files.list(levelDir)) {
                        jars.filter(p -> p.getFileName().toString().endsWith(".jar"))
                                .forEach(jar -> bundles.add(new SystemBundle(jar, level)));
                    }
                }
            }
        } catch (IOException e) {
            throw new LauncherException(LauncherException.EXIT_FAILURE, "cannot read " + system + ": " + e.getMessage(), e);
        }
        bundles.sort(Comparator.comparingInt(SystemBundle::level)
                .thenComparing(b -> b.jar().getFileName().toString()));
        return bundles;
    }

    private static int levelOf(Path levelDir) {
        try {
            return Integer.parseInt(levelDir.getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The version in the launcher jar's manifest, or {@code unknown} when run from classes. */
    static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version == null ? "unknown" : version;
    }

    /** A bundle jar and the start level it is installed at. */
    record SystemBundle(Path jar, int level) {
    }
}
