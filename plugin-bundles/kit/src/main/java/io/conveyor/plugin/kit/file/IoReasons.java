package io.conveyor.plugin.kit.file;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Says in words why a file operation failed, for messages such as {@code cannot write out.csv:
 * permission denied}: Java's exceptions often carry only the path ({@code /proc/nope}).
 */
public final class IoReasons {

    /** The system's reasons (strerror) that read better in Conveyor's words. */
    private static final Map<String, String> WORDS = Map.of(
            "Not a directory", "not a folder",
            "Is a directory", "is a folder");

    private IoReasons() {
    }

    /** Why {@code e} happened, in lower-case words and without the path: {@code permission denied}, ... */
    public static String of(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof NotDirectoryException) {
            return "not a folder";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "already exists";
        }
        String reason = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
        if (reason == null || reason.isBlank()) {
            return "failed (" + e.getClass().getSimpleName() + ")";
        }
        String words = WORDS.get(reason);
        return words != null ? words : reason.substring(0, 1).toLowerCase(Locale.ROOT) + reason.substring(1);
    }

    /**
     * The nearest existing one of {@code folder} and its ancestors when it is not a folder: the
     * file in the way of a path that goes through a file ({@code data.csv/part.csv}); else {@code null}.
     */
    public static Path fileInTheWay(Path folder) {
        for (Path p = folder; p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                return Files.isDirectory(p) ? null : p;
            }
        }
        return null;
    }

    /**
     * {@code ancestor} as the pipeline would write it, given that it wrote {@code shown} for
     * {@code target} ({@code target} is {@code shown} resolved, not normalized); the absolute path
     * when {@code shown} does not reach that far up.
     */
    public static String shownAs(Path target, String shown, Path ancestor) {
        Path written = Path.of(shown);
        for (Path p = target; p != null && written != null; p = p.getParent(), written = written.getParent()) {
            if (p.equals(ancestor)) {
                return written.toString();
            }
        }
        return ancestor.toString();
    }
}
