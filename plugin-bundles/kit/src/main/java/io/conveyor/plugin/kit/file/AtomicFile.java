package io.conveyor.plugin.kit.file;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;

import io.conveyor.api.stage.ErrorCode;
import io.conveyor.api.stage.StageException;

/**
 * A binary file written under a hidden temporary name ({@code .<name>.<random>.tmp}) in its
 * target's folder and renamed onto the target on {@link #commit()}, so readers never see a
 * half-written file and a failed run leaves the old file (or none) in place. {@link #abort()}
 * deletes the temporary file and the folders this output created. Not thread-safe.
 *
 * <p>The file gets the permissions of any new file of the process (its umask applies); when it
 * replaces an existing file on a POSIX file system, it keeps that file's permissions instead. Its
 * content is forced to the storage device before the rename, so a crash right after a commit
 * cannot leave an empty or partial file under the target's name.
 */
public final class AtomicFile implements AutoCloseable {

    private final Path target;
    private final String shown;
    private final Path temp;
    private final Path firstCreatedFolder;
    private final FileChannel channel;
    private boolean done;

    private AtomicFile(Path target, String shown, Path temp, Path firstCreatedFolder, FileChannel channel) {
        this.target = target;
        this.shown = shown;
        this.temp = temp;
        this.firstCreatedFolder = firstCreatedFolder;
        this.channel = channel;
    }

    /**
     * Creates the target's missing parent folders and the temporary file.
     *
     * @param key   the config key naming the file, so errors point at it
     * @param shown the path as the pipeline wrote it, for messages
     * @throws StageException IO {@code cannot write <shown>: <reason>}: {@code is a folder},
     *                        {@code data is not a folder}, {@code cannot create folder out: permission
     *                        denied}, {@code read-only file system}, ...
     */
    public static AtomicFile create(Path target, String key, String shown) throws StageException {
        Path absolute = target.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            throw cannotWrite(key, shown, "is a folder", null);
        }
        Path folder = absolute.getParent();
        Path firstMissing = null;
        for (Path p = folder; p != null && !Files.exists(p); p = p.getParent()) {
            firstMissing = p;
        }
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            deleteEmptyFolders(folder, firstMissing);
            throw cannotWrite(key, shown, folderProblem(absolute, shown, folder, e), e);
        }
        Path temp = null;
        try {
            temp = HiddenFiles.create(folder, absolute.getFileName().toString(), ".tmp");
            FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
            return new AtomicFile(absolute, shown, temp, firstMissing, channel);
        } catch (IOException e) {
            deleteQuietly(temp);
            deleteEmptyFolders(folder, firstMissing);
            throw cannotWrite(key, shown, IoReasons.of(e), e);
        }
    }

    private static String folderProblem(Path target, String shown, Path folder, IOException e) {
        Path file = IoReasons.fileInTheWay(folder);
        if (file != null) {
            return IoReasons.shownAs(target, shown, file) + " is not a folder";
        }
        Path failed = e instanceof FileSystemException f && f.getFile() != null ? Path.of(f.getFile()) : folder;
        return "cannot create folder " + IoReasons.shownAs(target, shown, failed) + ": " + IoReasons.of(e);
    }

    private static StageException cannotWrite(String key, String shown, String reason, IOException cause) {
        return new StageException(ErrorCode.IO, key, "cannot write " + shown + ": " + reason, cause);
    }

    /** The file this output replaces on commit, absolute. */
    public Path target() {
        return target;
    }

    /** The temporary file, open for writing from its start; closed by commit or abort. */
    public FileChannel channel() {
        return channel;
    }

    /** An IO error for a failed write, worded like every other. */
    public StageException writeFailed(IOException e) {
        return StageException.io("cannot write " + shown + ": " + IoReasons.of(e), e);
    }

    /**
     * Forces the temporary file to the storage device, gives it the permissions of the file it
     * replaces (if any), and renames it onto the target, atomically where the file system can.
     * Whoever wrote through {@link #channel()} must have flushed their buffers first.
     */
    public void commit() throws StageException {
        done = true;
        try {
            channel.force(true);
            channel.close();
            keepPermissionsOfTarget();
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

    private void keepPermissionsOfTarget() throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
        if (view == null || !Files.exists(target)) {
            return;
        }
        view.setPermissions(Files.readAttributes(target, PosixFileAttributes.class).permissions());
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
            channel.close();
        } catch (IOException ignored) {
            // the file is deleted next; a failed close changes nothing
        }
        deleteQuietly(temp);
        deleteEmptyFolders(temp.getParent(), firstCreatedFolder);
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // best effort: a stray hidden file is all that can remain
        }
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
