package io.conveyor.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's console on a terminal: the Gogo shell on JLine, whose Tab completes the conveyor
 * commands' arguments with the names the running server has.
 */
class ConsoleIT {

    @TempDir
    Path temp;

    @Test
    void tabCompletesADeployedPipelineARunningOneAndItsStages() throws Exception {
        Path home = temp.resolve("home");
        Files.createDirectories(home.resolve("pipelines"));
        Files.writeString(home.resolve("pipelines/orders.toml"), """
                [pipeline]
                name = "orders"

                [schedule]
                mode = "manual"

                [[stages]]
                id = "load"
                function = "csv.read"
                [stages.config]
                path = "orders.csv"
                """);
        Files.writeString(home.resolve("pipelines/watched.toml"), TestPipelines.watched(Files.writeString(
                temp.resolve("events.jsonl"), "")));

        try (PseudoTerminal console = PseudoTerminal.start(temp, "server", "--home", home.toString())) {
            console.await("conveyor> ");
            awaitRunning(home, "watched");

            console.type("conveyor:status o\t\r");
            console.await("conveyor:status orders");
            console.await("file:      pipelines/orders.toml");

            console.type("conveyor:tap --timeout 1 w\t\t");
            console.await("conveyor:tap --timeout 1 watched");
            console.awaitMatch("big +show +watch");
            console.type("b\t\r");
            console.await("schema: none, no batch came out of stage 'big'");

            console.type("exit\r");
            assertEquals(0, console.awaitExit());
            assertTrue(Files.readString(temp.resolve(".gogo.history")).contains(":conveyor:status orders\n"));
        }
    }


    /** Asks the server through {@code bin/conveyor client top} until the pipeline runs; fails after the bounded wait. */
    private void awaitRunning(Path home, String pipeline) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DistributionProcess.WAIT_SECONDS);
        while (!DistributionProcess.run(temp, "client", "--home", home.toString(), "top").stdout()
                .contains("pipeline " + pipeline + ",")) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(pipeline + " did not start running within " + DistributionProcess.WAIT_SECONDS + " s");
            }
            Thread.sleep(200);
        }
    }
}
