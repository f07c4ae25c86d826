package io.conveyor.plugin.core.internal.file;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;

import io.conveyor.api.stage.StageException;
import io.conveyor.plugin.core.internal.text.Utf8Writer;
import io.conveyor.plugin.kit.file.AtomicFile;

/**
 * A text file written through a buffered UTF-8 {@link Writer} into an {@link AtomicFile}: under a
 * hidden temporary name beside the target, renamed onto it on {@link #commit()}, deleted (with the
 * folders made for it) on {@link #abort()}. Adds what text sinks need: the writer, and hidden
 * part files whose text is {@linkplain #append appended} at the end. Not thread-safe.
 */
public final class AtomicFileOutput implements AutoCloseable {

    private static final int BUFFER = 1 << 16;

    private final AtomicFile file;
    private final OutputStream stream;
    private final Writer writer;

    private AtomicFileOutput(AtomicFile file) {
        this.file = file;
        this.stream = Channels.newOutputStream(file.channel());
        this.writer = new Utf8Writer(stream, BUFFER);
    }

    /**
     * Creates the target's missing parent folders and the temporary file.
     *
     * @param key   the config key naming the file, so errors point at it
     * @param shown the path as the pipeline wrote it, for messages
     * @throws StageException IO, as {@link AtomicFile#create} words it
     */
    public static AtomicFileOutput create(Path target, String key, String shown) throws StageException {
        return new AtomicFileOutput(AtomicFile.create(target, key, shown));
    }

    /** The writer of the temporary file: a {@link Utf8Writer}, which also takes encoded bytes. */
    public Writer writer() {
        return writer;
    }

    /** A new hidden part file beside the target, for text to {@link #append} later; the caller deletes it. */
    public PartFile newPart() throws IOException {
        return PartFile.create(file.target().getParent(), file.target().getFileName().toString());
    }

    /** Appends the bytes of {@code part} after everything written so far. */
    public void append(Path part) throws IOException {
        writer.flush();
        Files.copy(part, stream);
    }

    /** An IO error for a failed write, worded like every other. */
    public StageException writeFailed(IOException e) {
        return file.writeFailed(e);
    }

    /** Flushes the writer, then commits the file (forced to the device, renamed onto the target). */
    public void commit() throws StageException {
        try {
            writer.flush();
        } catch (IOException e) {
            file.abort();
            throw writeFailed(e);
        }
        file.commit();
    }

    /** Deletes the temporary file and the folders created for it; never throws. */
    public void abort() {
        file.abort();
    }

    /** Aborts unless committed. */
    @Override
    public void close() {
        abort();
    }
}
