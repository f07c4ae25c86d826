package io.conveyor.plugin.kit.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.conveyor.api.stage.ErrorCode;
import io.conveyor.api.stage.StageException;

class AtomicFileTest {

    @TempDir
    Path dir;

    private List<Path> files(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }

    private static void write(AtomicFile file, byte... bytes) throws IOException {
        file.channel().write(ByteBuffer.wrap(bytes));
    }

    @Test
    void theBytesAppearUnderTheTargetNameOnlyOnCommit() throws Exception {
        Path target = dir.resolve("out.bin");
        try (AtomicFile file = AtomicFile.create(target, "path", "out.bin")) {
            write(file, (byte) 0, (byte) 255, (byte) 7);
            List<Path> pending = files(dir);
            assertEquals(1, pending.size());
            String name = pending.get(0).getFileName().toString();
            assertTrue(name.startsWith(".out.bin.") && name.endsWith(".tmp"), name);
            file.commit();
        }
        assertEquals(List.of(target), files(dir));
        assertEquals("[0, -1, 7]", java.util.Arrays.toString(Files.readAllBytes(target)));
    }

    @Test
    void abortLeavesTheOldFileAndRemovesTheFoldersItCreated() throws Exception {
        Path old = Files.writeString(dir.resolve("keep.bin"), "old");
        try (AtomicFile file = AtomicFile.create(dir.resolve("keep.bin"), "path", "keep.bin")) {
            write(file, (byte) 1);
        }
        try (AtomicFile file = AtomicFile.create(dir.resolve("a/b/new.bin"), "path", "a/b/new.bin")) {
            write(file, (byte) 1);
            file.abort();
        }
        assertEquals(List.of(old), files(dir));
        assertEquals("old", Files.readString(old));
    }

    @Test
    void aReplacedFileKeepsItsPermissions() throws Exception {
        assumeTrue(Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class),
                "the file system has no POSIX permissions");
        Path target = Files.writeString(dir.resolve("out.bin"), "old");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r-----"));
        try (AtomicFile file = AtomicFile.create(target, "path", "out.bin")) {
            write(file, (byte) 65);
            file.commit();
        }
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        assertEquals("A", Files.readString(target));
    }

    @Test
    void aFileInThePlaceOfAFolderIsNamed() throws Exception {
        Files.writeString(dir.resolve("data"), "x");
        StageException e = assertThrows(StageException.class,
                () -> AtomicFile.create(dir.resolve("data/out/o.bin"), "path", "data/out/o.bin"));
        assertEquals(ErrorCode.IO, e.code());
        assertEquals("path", e.key());
        assertEquals("cannot write data/out/o.bin: data is not a folder", e.getMessage());
    }

    @Test
    void aFolderAsTargetIsAnIoErrorOnTheKey() throws Exception {
        Files.createDirectories(dir.resolve("out"));
        StageException e = assertThrows(StageException.class,
                () -> AtomicFile.create(dir.resolve("out"), "path", "out"));
        assertEquals("path", e.key());
        assertEquals("cannot write out: is a folder", e.getMessage());
    }

    @Test
    void aFailedWriteIsWordedLikeEveryOther() throws Exception {
        try (AtomicFile file = AtomicFile.create(dir.resolve("o.bin"), "path", "o.bin")) {
            assertEquals("cannot write o.bin: permission denied",
                    file.writeFailed(new java.nio.file.AccessDeniedException("/x")).getMessage());
        }
    }
}
