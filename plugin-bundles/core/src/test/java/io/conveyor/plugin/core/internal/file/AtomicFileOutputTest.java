package io.conveyor.plugin.core.internal.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
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

class AtomicFileOutputTest {

    @TempDir
    Path dir;

    private void assumePosix() throws IOException {
        assumeTrue(Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class),
                "the file system has no POSIX permissions");
    }

    private void write(Path target, String text) throws Exception {
        try (AtomicFileOutput output = AtomicFileOutput.create(target, "path", target.getFileName().toString())) {
            output.writer().write(text);
            output.commit();
        }
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    @Test
    void aNewFileGetsThePermissionsOfAnyNewFileInItsFolder() throws Exception {
        assumePosix();
        Path reference = Files.createFile(dir.resolve("reference"));
        write(dir.resolve("out.csv"), "a\n");
        assertEquals(PosixFilePermissions.toString(Files.getPosixFilePermissions(reference)),
                PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("out.csv"))));
        assertEquals("a\n", Files.readString(dir.resolve("out.csv")));
    }

    @Test
    void aReplacedFileKeepsItsPermissions() throws Exception {
        assumePosix();
        Path target = Files.writeString(dir.resolve("out.csv"), "old\n");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r-----"));
        write(target, "new\n");
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        assertEquals("new\n", Files.readString(target));
        assertEquals(List.of(target), files());
    }

    @Test
    void theTemporaryFileIsHiddenBesideTheTargetUntilCommit() throws Exception {
        try (AtomicFileOutput output = AtomicFileOutput.create(dir.resolve("out.csv"), "path", "out.csv")) {
            output.writer().write("x");
            List<Path> pending = files();
            assertEquals(1, pending.size());
            String name = pending.get(0).getFileName().toString();
            assertEquals(true, name.startsWith(".out.csv.") && name.endsWith(".tmp"), name);
            output.abort();
        }
        assertEquals(List.of(), files());
    }

    private StageException createFails(String shown) {
        return assertThrows(StageException.class, () -> AtomicFileOutput.create(dir.resolve(shown), "path", shown));
    }

    @Test
    void aFileInThePlaceOfAFolderIsNamed() throws Exception {
        Files.writeString(dir.resolve("data"), "x");
        StageException e = createFails("data/out/o.csv");
        assertEquals(ErrorCode.IO, e.code());
        assertEquals("path", e.key());
        assertEquals("cannot write data/out/o.csv: data is not a folder", e.getMessage());
        assertEquals(List.of(dir.resolve("data")), files());
    }

    @Test
    void aFolderThatCannotBeCreatedIsNamedWithTheReason() {
        Path proc = Path.of("/proc");
        assumeTrue(Files.isDirectory(proc.resolve("self")), "no Linux /proc");
        StageException e = assertThrows(StageException.class,
                () -> AtomicFileOutput.create(proc.resolve("nope/o.csv"), "path", "/proc/nope/o.csv"));
        assertEquals("cannot write /proc/nope/o.csv: cannot create folder /proc/nope: no such file or folder",
                e.getMessage());
    }

    @Test
    void aFolderAsTargetIsAnIoErrorOnTheKey() throws Exception {
        Files.createDirectories(dir.resolve("out"));
        StageException e = createFails("out");
        assertEquals("path", e.key());
        assertEquals("cannot write out: is a folder", e.getMessage());
    }
}
