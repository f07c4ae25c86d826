package io.conveyor.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code conveyor client}: shell commands run in a real server, over loopback, with the home's secret. */
class ClientIT {

    @TempDir
    Path temp;

    private Path home;
    private DistributionProcess.Running server;

    @BeforeEach
    void startServer() throws Exception {
        home = temp.resolve("home");
        server = DistributionProcess.start(temp, "server", "--home", home.toString(), "--headless");
        server.awaitLine("Conveyor server ready");
        DistributionProcess.awaitFileContains(home.resolve("conveyor.port"), "\n");
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
    }

    private DistributionProcess.Completed client(Path workingDirectory, String... command) throws Exception {
        String[] args = new String[command.length + 3];
        args[0] = "client";
        args[1] = "--home";
        args[2] = home.toString();
        System.arraycopy(command, 0, args, 3, command.length);
        return DistributionProcess.run(workingDirectory, args);
    }

    @Test
    void aCommandPrintsWhatItPrintsInTheCli() throws Exception {
        DistributionProcess.Completed cli = DistributionProcess.run(temp, "list");
        DistributionProcess.Completed remote = client(temp, "list");

        assertEquals(0, remote.exitCode(), remote.stderr());
        assertEquals(cli.stdout(), remote.stdout());
        assertEquals("", remote.stderr());
    }

    @Test
    void aRunReadsAndWritesRelativeToTheClientsWorkingDirectory() throws Exception {
        RunIT.copyQuickstart(temp);

        DistributionProcess.Completed run = client(temp, "run", "examples/quickstart/pipeline.toml");

        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stderr().startsWith("pipeline 'quickstart': SUCCEEDED in "), run.stderr());
        assertEquals(RunIT.expectedQuickstartOutput(),
                Files.readString(temp.resolve("examples/quickstart/output/big_sales.json")));
    }

    @Test
    void theExitCodeAndErrorsOfTheCommandComeBack() throws Exception {
        Files.writeString(temp.resolve("bad.toml"), "[pipeline]\nname = \"bad\"\n\n[[stages]]\nid = \"a\"\nfunction = \"nope.read\"\n");

        DistributionProcess.Completed cli = DistributionProcess.run(temp, "validate", "bad.toml");
        DistributionProcess.Completed remote = client(temp, "validate", "bad.toml");

        assertEquals(2, cli.exitCode());
        assertEquals(2, remote.exitCode());
        assertEquals(cli.stdout(), remote.stdout());
        assertEquals(cli.stderr(), remote.stderr());
    }

    @Test
    void argumentsReachTheCommandUntouched() throws Exception {
        DistributionProcess.Completed remote = client(temp, "info", "no such; $function");

        assertEquals(2, remote.exitCode());
        assertEquals(DistributionProcess.run(temp, "info", "no such; $function").stderr(), remote.stderr());
    }

    @Test
    void anUnknownCommandIsAUsageError() throws Exception {
        DistributionProcess.Completed remote = client(temp, "nosuch");

        assertEquals(2, remote.exitCode());
        assertEquals("", remote.stdout());
        assertEquals("conveyor: Command not found: conveyor:nosuch\n", remote.stderr());
    }

    @Test
    void theServersCommandsWithoutClientGoToTheDistributionsOwnHome() throws Exception {
        Path distribution = DistributionProcess.distribution();

        DistributionProcess.Completed remote = DistributionProcess.run(temp, "pipelines");

        assertEquals(1, remote.exitCode());
        assertEquals("conveyor: no server is running on " + distribution + " (it has no conveyor.port); start one"
                + " with 'conveyor server --home " + distribution + "'\n", remote.stderr());
    }

    @Test
    void theSecretIsReadableOnlyByTheServersUser() throws Exception {
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(home.resolve("etc/client.secret"))));
        assertTrue(Files.readString(home.resolve("etc/client.secret")).matches("[0-9a-f]{64}\n"));
    }

    @Test
    void aWrongSecretIsRefused() throws Exception {
        Path secret = home.resolve("etc/client.secret");
        Files.writeString(secret, "00".repeat(32) + "\n");

        DistributionProcess.Completed remote = client(temp, "list");

        assertEquals(1, remote.exitCode());
        assertEquals("", remote.stdout());
        assertEquals("conveyor: the server refused the client: wrong secret (the server's is in its home's"
                + " etc/client.secret)\n", remote.stderr());
    }

    @Test
    void aMissingSecretIsRefusedBeforeConnecting() throws Exception {
        Files.delete(home.resolve("etc/client.secret"));

        DistributionProcess.Completed remote = client(temp, "list");

        assertEquals(1, remote.exitCode());
        assertEquals("conveyor: no client secret at " + home + "/etc/client.secret; the server writes it when it"
                + " starts\n", remote.stderr());
    }

    @Test
    void theServerRemovesItsPortFileWhenItStops() throws Exception {
        assertEquals(0, server.terminate());
        assertFalse(Files.exists(home.resolve("conveyor.port")));

        DistributionProcess.Completed remote = client(temp, "list");

        assertEquals(1, remote.exitCode());
        assertEquals("conveyor: no server is running on " + home + " (it has no conveyor.port); start one with"
                + " 'conveyor server --home " + home + "'\n", remote.stderr());
    }

    @Test
    void engineSettingsInEtcApplyToTheNextRunWithoutARestart() throws Exception {
        RunIT.copyQuickstart(temp);
        Path settings = home.resolve("etc/io.conveyor.engine.cfg");
        String shipped = Files.readString(settings);
        assertTrue(shipped.contains("#memory.limit.bytes = 1073741824\n"), shipped);

        Files.writeString(settings, shipped + "memory.limit.bytes = 64\n");
        DistributionProcess.awaitFileContains(home.resolve("logs/conveyor.log"),
                "Updating configuration {io.conveyor.engine} from " + settings);
        DistributionProcess.Completed starved = awaitRunOutcome("FAILED");
        assertEquals(1, starved.exitCode());
        assertTrue(starved.stderr().contains("Unable to allocate buffer of size 128 due to memory limit"),
                starved.stderr());

        Files.writeString(settings, shipped);
        assertEquals(0, awaitRunOutcome("SUCCEEDED").exitCode());
        assertEquals(RunIT.expectedQuickstartOutput(),
                Files.readString(temp.resolve("examples/quickstart/output/big_sales.json")));
    }

    /** Runs the quickstart through the client until its outcome is {@code outcome}: ConfigAdmin delivers changes asynchronously. */
    private DistributionProcess.Completed awaitRunOutcome(String outcome) throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(DistributionProcess.WAIT_SECONDS);
        while (true) {
            DistributionProcess.Completed run = client(temp, "run", "examples/quickstart/pipeline.toml");
            if (run.stderr().startsWith("pipeline 'quickstart': " + outcome + " in ")) {
                return run;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the run did not become " + outcome + ": " + run.stderr());
            }
            Thread.sleep(200);
        }
    }
}
