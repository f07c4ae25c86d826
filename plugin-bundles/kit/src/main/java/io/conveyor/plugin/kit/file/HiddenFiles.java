package io.conveyor.plugin.kit.file;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/** Creates the hidden working files a sink keeps next to its target until it commits. */
public final class HiddenFiles {

    private static final int ATTEMPTS = 10;

    private HiddenFiles() {
    }

    /**
     * Creates a new empty file {@code .<name>.<random><suffix>} in {@code folder}. It is created
     * with {@link Files#createFile}, so it gets the permissions the process's umask gives any
     * new file ({@link Files#createTempFile} would make it readable by its owner only).
     */
    public static Path create(Path folder, String name, String suffix) throws IOException {
        for (int attempt = 1; ; attempt++) {
            String random = Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
            try {
                return Files.createFile(folder.resolve("." + name + "." + random + suffix));
            } catch (FileAlreadyExistsException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
