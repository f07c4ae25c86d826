package io.conveyor.plugin.core.internal.file;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import io.conveyor.api.stage.ErrorCode;
import io.conveyor.api.stage.StageException;

/**
 * A file written under a temporary name in the target's folder and renamed onto the target on
 * {@link #commit()}, so readers never see a half-written file and a failed run leaves the old
 * file (or none) in place. {@link #abort()} deletes the temporary file and the folders this
 * output created. Not thread-safe.
 */
public final class AtomicFileOutput implements AutoCloseable {

    private static final int BUFFER = 1 << 16;

    private final Path target;
    private final String shown;
    private final Path temp;
    private final Path firstCreatedFolder;
    private final Writer writer;
    private boolean done;

    private AtomicFileOutput(Path target, String shown, Path temp, Path firstCreatedFolder, Writer writer) {
        this.target = target;
        this.shown = shown;
        this.temp = temp;
        this.firstCreatedFolder = firstCreatedFolder;
        this.writer = writer;
    }

    /**
     * Creates the target's missing parent folders and the temporary file.
     *
     * @param key   the config key naming the file, so errors point at it
     * @param shown the path as the pipeline wrote it, for messages
     */
    public static AtomicFileOutput create(Path target, String key, String shown) throws StageException {
        Path absolute = target.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            throw new StageException(ErrorCode.IO, key, "cannot write " + shown + ": is a directory", null);
        }
        Path folder = absolute.getParent();
        Path firstMissing = null;
        for (Path p = folder; p != null && !Files.exists(p); p = p.getParent()) {
            firstMissing = p;
        }
        try {
            Files.createDirectories(folder);
            Path temp = Files.createTempFile(folder, "." + absolute.getFileName() + ".", ".tmp");
            Writer writer = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(temp),
                    StandardCharsets.UTF_8), BUFFER);
            return new AtomicFileOutput(absolute, shown, temp, firstMissing, writer);
        } catch (IOException e) {
            deleteEmptyFolders(folder, firstMissing);
            throw new StageException(ErrorCode.IO, key, "cannot write " + shown + ": " + e.getMessage(), e);
        }
    }

    public Writer writer() {
        return writer;
    }

    /** An IO error for a failed write, worded like every other. */
    public StageException writeFailed(IOException e) {
        return StageException.io("cannot write " + shown + ": " + e.getMessage(), e);
    }

    /** Flushes and renames the temporary file onto the target, atomically where the file system can. */
    public void commit() throws StageException {
        done = true;
        try {
            writer.close();
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            discard();
            throw writeFailed(e);
        }
    }

    /** Deletes the temporary file and the folders created for it; never throws. */
    public void abort() {
        if (!done) {
            done = true;
            discard();
        }
    }

    private void discard() {
        try {
            writer.close();
        } catch (IOException ignored) {
            // the file is deleted next; a failed close changes nothing
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // best effort: a stray hidden .tmp file is all that can remain
        }
        deleteEmptyFolders(temp.getParent(), firstCreatedFolder);
    }

    private static void deleteEmptyFolders(Path from, Path upTo) {
        if (upTo == null) {
            return;
        }
        for (Path p = from; p != null && p.startsWith(upTo); p = p.getParent()) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException notEmpty) {
                return;
            }
        }
    }

    /** Aborts unless committed. */
    @Override
    public void close() {
        abort();
    }
}
