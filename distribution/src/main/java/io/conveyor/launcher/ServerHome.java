package io.conveyor.launcher;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A server's home folder: {@code deploy/} (watched bundles and configs), {@code pipelines/},
 * {@code etc/} (configuration), {@code logs/}, {@code cache/} (the framework's storage) and the
 * {@code conveyor.pid} file. Different homes give independent servers.
 */
record ServerHome(Path root) {

    ServerHome {
        root = root.toAbsolutePath().normalize();
    }

    Path deploy() {
        return root.resolve("deploy");
    }

    Path pipelines() {
        return root.resolve("pipelines");
    }

    Path etc() {
        return root.resolve("etc");
    }

    Path logs() {
        return root.resolve("logs");
    }

    Path logFile() {
        return logs().resolve("conveyor.log");
    }

    Path cache() {
        return root.resolve("cache");
    }

    Path pidFile() {
        return root.resolve("conveyor.pid");
    }

    /** The port of the server's client endpoint, while it runs; written by the shell bundle's {@code ClientListener}. */
    Path clientPortFile() {
        return root.resolve("conveyor.port");
    }

    /** The secret a client must present, readable only by the server's user; made by the server on first start. */
    Path clientSecretFile() {
        return etc().resolve("client.secret");
    }

    /**
     * Creates whatever folder is missing. A home whose {@code etc/} did not exist yet gets a copy
     * of the distribution's default {@code etc/} files.
     */
    void prepare(Distribution distribution) throws LauncherException {
        try {
            Files.createDirectories(root);
            boolean freshEtc = !Files.isDirectory(etc());
            for (Path dir : List.of(deploy(), pipelines(), etc(), logs(), cache())) {
                Files.createDirectories(dir);
            }
            if (freshEtc && Files.isDirectory(distribution.etcDirectory())) {
                copyDefaults(distribution.etcDirectory(), etc());
            }
        } catch (FileAlreadyExistsException e) {
            throw new LauncherException(LauncherException.EXIT_USAGE,
                    "cannot use " + root + " as the server home: " + e.getFile() + " is not a folder");
        } catch (IOException e) {
            throw new LauncherException(LauncherException.EXIT_USAGE,
                    "cannot use " + root + " as the server home: " + reason(e), e);
        }
    }

    /** Why a file operation failed, in words rather than the bare path Java's exceptions carry. */
    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException missing) {
            return "no such folder " + missing.getFile();
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(Locale.ROOT);
        }
        return e.getMessage();
    }

    private static void copyDefaults(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }
}
