package io.conveyor.plugin.kit.file;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

import org.junit.jupiter.api.Test;

class IoReasonsTest {

    @Test
    void theCommonFailuresAreSaidInWords() {
        assertEquals("permission denied", IoReasons.of(new AccessDeniedException("/x/o.csv")));
        assertEquals("no such file or folder", IoReasons.of(new NoSuchFileException("/x/o.csv")));
        assertEquals("not a folder", IoReasons.of(new NotDirectoryException("/x")));
        assertEquals("already exists", IoReasons.of(new FileAlreadyExistsException("/x")));
        assertEquals("read-only file system",
                IoReasons.of(new FileSystemException("/x/o.csv", null, "Read-only file system")));
        assertEquals("no space left on device",
                IoReasons.of(new FileSystemException("/x/o.csv", null, "No space left on device")));
        assertEquals("not a folder", IoReasons.of(new FileSystemException("/x/o.csv", null, "Not a directory")));
        assertEquals("is a folder", IoReasons.of(new FileSystemException("/x", null, "Is a directory")));
    }

    @Test
    void otherFailuresGiveTheSystemsReasonWithoutThePath() {
        assertEquals("operation not permitted",
                IoReasons.of(new FileSystemException("/sys/x", null, "Operation not permitted")));
        assertEquals("input/output error", IoReasons.of(new IOException("Input/output error")));
        assertEquals("failed (FileSystemException)", IoReasons.of(new FileSystemException("/x")));
        assertEquals("failed (IOException)", IoReasons.of(new IOException()));
    }
}
