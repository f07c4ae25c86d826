package io.conveyor.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerHomeTest {

    @TempDir
    Path temp;

    private Distribution distribution;

    @BeforeEach
    void distributionWithDefaults() throws Exception {
        Path dist = temp.resolve("dist");
        Files.createDirectories(dist.resolve("etc"));
        Files.writeString(dist.resolve("etc/gosh_profile"), "prompt = 'conveyor> '\n");
        distribution = new Distribution(dist);
    }

    @Test
    void aNewHomeGetsEveryFolderAndTheDefaultEtcFiles() throws Exception {
        ServerHome home = new ServerHome(temp.resolve("new/home"));

        home.prepare(distribution);

        for (Path dir : List.of(home.deploy(), home.pipelines(), home.etc(), home.logs(), home.cache())) {
            assertTrue(Files.isDirectory(dir), dir.toString());
        }
        assertEquals("prompt = 'conveyor> '\n", Files.readString(home.etc().resolve("gosh_profile")));
    }

    @Test
    void anExistingEtcIsLeftAsTheUserMadeIt() throws Exception {
        ServerHome home = new ServerHome(temp.resolve("home"));
        Files.createDirectories(home.etc());
        Files.writeString(home.etc().resolve("mine.cfg"), "a = 1\n");

        home.prepare(distribution);

        assertFalse(Files.exists(home.etc().resolve("gosh_profile")));
        assertEquals("a = 1\n", Files.readString(home.etc().resolve("mine.cfg")));
    }

    @Test
    void pathsAreAbsoluteAndNormalized() {
        ServerHome home = new ServerHome(Path.of("some/./home/../home"));

        assertEquals(Path.of("some/home").toAbsolutePath(), home.root());
        assertEquals(home.root().resolve("conveyor.pid"), home.pidFile());
        assertEquals(home.root().resolve("logs/conveyor.log"), home.logFile());
    }

    @Test
    void aHomeThatIsAFileIsReported() throws Exception {
        Path file = temp.resolve("file");
        Files.writeString(file, "");

        LauncherException e = assertThrows(LauncherException.class, () -> new ServerHome(file).prepare(distribution));
        assertEquals(2, e.exitCode());
        assertEquals("cannot use " + file + " as the server home: " + file + " is not a folder", e.getMessage());
    }

    @Test
    void aHomeThatCannotBeCreatedIsAUsageErrorWithTheReason() throws Exception {
        Path file = temp.resolve("file");
        Files.writeString(file, "");
        Path under = file.resolve("home");

        LauncherException e = assertThrows(LauncherException.class, () -> new ServerHome(under).prepare(distribution));
        assertEquals(2, e.exitCode());
        assertEquals("cannot use " + under + " as the server home: not a directory", e.getMessage());
    }
}
