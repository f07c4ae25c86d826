package io.conveyor.itests;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Consumer;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * The folder FileInstall watches. Files arrive atomically (written next to it, then moved in),
 * so FileInstall never sees a half-written jar.
 */
final class DeployFolder {

    private final Path folder;
    private final Path staging;

    DeployFolder(Path folder) {
        this.folder = folder;
        this.staging = TestPaths.newWorkFolder("staging");
    }

    /** Puts {@code jar} into the folder as {@code name}, replacing a file of that name. */
    void deploy(Path jar, String name) {
        try {
            Path staged = Files.createTempFile(staging, name, ".part");
            Files.copy(jar, staged, StandardCopyOption.REPLACE_EXISTING);
            Files.move(staged, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot deploy " + jar, e);
        }
    }

    /** Removes {@code name} from the folder, if it is there. */
    void remove(String name) {
        try {
            Files.deleteIfExists(folder.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + name, e);
        }
    }

    /**
     * A copy of the bundle {@code jar} whose manifest says {@code Bundle-Version: version}: a new
     * release of the same plugin, without building or committing a second jar.
     */
    Path withBundleVersion(Path jar, String version) {
        return withManifest(jar, "bundle-" + version, headers -> headers.putValue("Bundle-Version", version));
    }

    /** A copy of the bundle {@code jar} whose manifest headers {@code change} rewrites. */
    Path withManifest(Path jar, String label, Consumer<Attributes> change) {
        try {
            Path copy = Files.createTempFile(staging, label + "-", ".jar");
            try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
                Manifest manifest = new Manifest(in.getManifest());
                change.accept(manifest.getMainAttributes());
                try (OutputStream file = Files.newOutputStream(copy);
                        JarOutputStream out = new JarOutputStream(file, manifest)) {
                    copyEntries(in, out);
                }
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite the manifest of " + jar, e);
        }
    }

    private static void copyEntries(JarInputStream in, JarOutputStream out) throws IOException {
        for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
            out.putNextEntry(new JarEntry(entry.getName()));
            in.transferTo(out);
            out.closeEntry();
        }
    }
}
