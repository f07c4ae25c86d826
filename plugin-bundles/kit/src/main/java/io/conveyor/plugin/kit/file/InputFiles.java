package io.conveyor.plugin.kit.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import io.conveyor.api.stage.ErrorCode;
import io.conveyor.api.stage.StageException;

/** Opens the files sources read, with errors that name the file as the pipeline wrote it. */
public final class InputFiles {

    private InputFiles() {
    }

    /**
     * Opens {@code path} for reading as a stream.
     *
     * @param key   the config key naming the file, so the error points at it
     * @param shown the path as the pipeline wrote it, for messages
     * @throws StageException IO {@code cannot read <shown>: no such file} (or: {@code is a folder},
     *                        {@code data is not a folder}, {@code permission denied}, ...)
     */
    public static InputStream open(Path path, String key, String shown) throws StageException {
        if (Files.isDirectory(path)) {
            throw new StageException(ErrorCode.IO, key, "cannot read " + shown + ": is a folder", null);
        }
        try {
            return Files.newInputStream(path);
        } catch (IOException e) {
            throw new StageException(ErrorCode.IO, key, "cannot read " + shown + ": " + reason(path, shown, e), e);
        }
    }

    /**
     * Opens {@code path} for random-access reading.
     *
     * @param key   the config key naming the file, so the error points at it
     * @param shown the path as the pipeline wrote it, for messages
     * @throws StageException IO {@code cannot read <shown>: no such file} (or: {@code is a folder},
     *                        {@code data is not a folder}, {@code permission denied}, ...)
     */
    public static FileChannel openChannel(Path path, String key, String shown) throws StageException {
        if (Files.isDirectory(path)) {
            throw new StageException(ErrorCode.IO, key, "cannot read " + shown + ": is a folder", null);
        }
        try {
            return FileChannel.open(path, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new StageException(ErrorCode.IO, key, "cannot read " + shown + ": " + reason(path, shown, e), e);
        }
    }

    private static String reason(Path path, String shown, IOException e) {
        Path file = path.getParent() == null ? null : IoReasons.fileInTheWay(path.getParent());
        if (file != null) {
            return IoReasons.shownAs(path, shown, file) + " is not a folder";
        }
        return e instanceof NoSuchFileException ? "no such file" : IoReasons.of(e);
    }
}
