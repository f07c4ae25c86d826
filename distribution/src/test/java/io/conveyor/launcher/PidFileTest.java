package io.conveyor.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidFileTest {

    @TempDir
    Path home;

    @Test
    void holdsThisProcessIdWhileOpenAndIsDeletedOnClose() throws Exception {
        Path file = home.resolve("conveyor.pid");
        try (PidFile pid = PidFile.acquire(file, "the server home " + home)) {
            assertEquals(ProcessHandle.current().pid() + "\n", Files.readString(file));
        }
        assertFalse(Files.exists(file));
    }

    @Test
    void aSecondServerOnTheSameHomeIsRefused() throws Exception {
        Path file = home.resolve("conveyor.pid");
        try (PidFile first = PidFile.acquire(file, "the server home " + home)) {
            LauncherException e = assertThrows(LauncherException.class, () -> PidFile.acquire(file, "the server home " + home));
            assertEquals("the server home " + home + " is already in use by a running server (pid "
                    + ProcessHandle.current().pid() + ")", e.getMessage());
            assertEquals(2, e.exitCode());
            assertEquals(ProcessHandle.current().pid() + "\n", Files.readString(file));
        }
    }

    @Test
    void aFileLeftBehindByAKilledServerIsTakenOver() throws Exception {
        Path file = home.resolve("conveyor.pid");
        Files.writeString(file, "99999999\n");
        try (PidFile pid = PidFile.acquire(file, "the server home " + home)) {
            assertEquals(ProcessHandle.current().pid() + "\n", Files.readString(file));
        }
    }

    @Test
    void closingTwiceIsHarmless() throws Exception {
        PidFile pid = PidFile.acquire(home.resolve("conveyor.pid"), "home");
        pid.close();
        pid.close();
        assertFalse(Files.exists(home.resolve("conveyor.pid")));
    }
}
