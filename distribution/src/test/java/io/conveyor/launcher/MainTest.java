package io.conveyor.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The answers the launcher gives without starting a framework. */
class MainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpPrintsTheUsageOnStdout() {
        assertEquals(0, run("help"));
        assertEquals(Usage.TEXT, out());
        assertEquals("", err());
        assertTrue(Usage.TEXT.startsWith("Usage: conveyor [--log-level LEVEL] <command> [args]\n"));
    }

    @Test
    void usageErrorPrintsTheProblemAndTheUsageLineOnStderr() {
        assertEquals(2, run("frobnicate"));
        assertEquals("", out());
        assertEquals("""
                conveyor: unknown command 'frobnicate'
                usage: conveyor [--log-level LEVEL] <command> [args]  ('conveyor help' lists the commands)
                """, err());
    }

    @Test
    void serverOptionErrorsAreUsageErrorsToo() {
        assertEquals(2, run("server", "--port", "1"));
        assertEquals("""
                conveyor: server: unknown option '--port'
                usage: conveyor [--log-level LEVEL] <command> [args]  ('conveyor help' lists the commands)
                """, err());
    }

    @Test
    void aLauncherOutsideADistributionSaysWhereItMustRunFrom() {
        // Under the test, the launcher's classes come from target/classes, not from lib/.
        assertEquals(1, run("list"));
        assertTrue(err().startsWith("conveyor: the launcher must run from <distribution>/lib/, not from "), err());
    }
}
