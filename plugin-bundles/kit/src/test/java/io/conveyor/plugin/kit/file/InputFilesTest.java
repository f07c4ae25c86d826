package io.conveyor.plugin.kit.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.conveyor.api.stage.ErrorCode;
import io.conveyor.api.stage.StageException;

class InputFilesTest {

    @TempDir
    Path dir;

    private String failure(String shown) {
        StageException e = assertThrows(StageException.class,
                () -> InputFiles.openChannel(dir.resolve(shown), "path", shown));
        assertEquals(ErrorCode.IO, e.code());
        assertEquals("path", e.key());
        return e.getMessage();
    }

    @Test
    void anExistingFileOpensForReading() throws Exception {
        Files.writeString(dir.resolve("in.bin"), "abc");
        try (FileChannel channel = InputFiles.openChannel(dir.resolve("in.bin"), "path", "in.bin")) {
            ByteBuffer buffer = ByteBuffer.allocate(3);
            channel.read(buffer, 0);
            assertEquals("abc", new String(buffer.array()));
        }
    }

    @Test
    void missingFolderAndFileInTheWayAreNamed() throws Exception {
        assertEquals("cannot read missing.bin: no such file", failure("missing.bin"));
        Files.createDirectories(dir.resolve("folder"));
        assertEquals("cannot read folder: is a folder", failure("folder"));
        Files.writeString(dir.resolve("data"), "x");
        assertEquals("cannot read data/in.bin: data is not a folder", failure("data/in.bin"));
    }
}
