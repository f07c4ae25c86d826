package io.conveyor.launcher;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A server's log file, {@code logs/conveyor.log}. While the server runs, {@code System.out} and
 * {@code System.err} point at it, so everything the runtime prints lands there: slf4j-simple,
 * Felix, FileInstall and SCR messages, and whatever a bundle prints. The Gogo console is not
 * affected: it writes to the terminal's file descriptors directly. A log larger than
 * {@value #ROTATE_BYTES} bytes at start is moved to {@code conveyor.log.1} first.
 */
final class ServerLog implements AutoCloseable {

    static final long ROTATE_BYTES = 10L * 1024 * 1024;

    private final PrintStream stream;
    private final PrintStream originalOut;
    private final PrintStream originalErr;

    private ServerLog(PrintStream stream) {
        this.stream = stream;
        this.originalOut = System.out;
        this.originalErr = System.err;
    }

    static ServerLog open(Path file) throws LauncherException {
        try {
            if (Files.isRegularFile(file) && Files.size(file) > ROTATE_BYTES) {
                Files.move(file, file.resolveSibling(file.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
            }
            return new ServerLog(new PrintStream(new FileOutputStream(file.toFile(), true), true, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new LauncherException(LauncherException.EXIT_FAILURE, "cannot open the log " + file + ": " + e.getMessage(), e);
        }
    }

    /** Points {@code System.out} and {@code System.err} at the log. */
    void capture() {
        System.setOut(stream);
        System.setErr(stream);
    }

    /** Gives {@code System.out} and {@code System.err} back and closes the log. */
    @Override
    public void close() {
        System.setOut(originalOut);
        System.setErr(originalErr);
        stream.close();
    }
}
