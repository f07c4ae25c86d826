package io.conveyor.plugin.core.internal.file;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;

import io.conveyor.plugin.core.internal.text.Utf8Writer;
import io.conveyor.plugin.kit.file.HiddenFiles;

/**
 * A hidden file beside a sink's target that holds the encoded rows of one input until the sink
 * commits and appends it to the output. Not thread-safe.
 */
public final class PartFile {

    private static final int BUFFER = 1 << 16;

    private final Path path;
    private final Writer writer;
    private boolean closed;

    private PartFile(Path path, Writer writer) {
        this.path = path;
        this.writer = writer;
    }

    /** Creates {@code .<name>.<random>.part} in {@code folder}. */
    static PartFile create(Path folder, String name) throws IOException {
        Path path = HiddenFiles.create(folder, name, ".part");
        try {
            return new PartFile(path, new Utf8Writer(Files.newOutputStream(path), BUFFER));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(path);
            throw e;
        }
    }

    /** The writer of the part: a {@link Utf8Writer}, which also takes encoded bytes. */
    public Writer writer() {
        return writer;
    }

    /** Closes the writer, keeping what was written, and returns the file. */
    public Path finish() throws IOException {
        if (!closed) {
            closed = true;
            writer.close();
        }
        return path;
    }

    /** Closes the writer and deletes the file; never throws. */
    public void delete() {
        try {
            finish();
        } catch (IOException ignored) {
            // the file is deleted next; a failed close changes nothing
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // best effort: a stray hidden .part file is all that can remain
        }
    }
}
