package io.conveyor.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code top} and {@code tap} on a continuous pipeline deployed in a real server, through {@code bin/conveyor client}. */
class WatchIT {

    @TempDir
    Path temp;

    private Path home;

    private DistributionProcess.Completed client(String... command) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("client", "--home", home.toString()));
        args.addAll(List.of(command));
        return DistributionProcess.run(temp, args.toArray(String[]::new));
    }

    /** Asks {@code top --json} until the stage's activity passes the test; fails after the bounded wait. */
    private JsonNode awaitStage(String stageId, Predicate<JsonNode> test) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DistributionProcess.WAIT_SECONDS);
        JsonNode stage = null;
        while (System.nanoTime() < deadline) {
            DistributionProcess.Completed top = client("top", "--json");
            assertEquals(0, top.exitCode(), top.stderr());
            for (JsonNode run : new ObjectMapper().readTree(top.stdout())) {
                for (JsonNode candidate : run.get("stages")) {
                    if (candidate.get("stageId").asText().equals(stageId)) {
                        stage = candidate;
                    }
                }
            }
            if (stage != null && test.test(stage)) {
                return stage;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("stage " + stageId + " never got there; last seen: " + stage);
    }

    private static void append(Path file, String lines) throws Exception {
        Files.writeString(file, lines, StandardOpenOption.APPEND);
    }

    @Test
    void topCountsTheRowsOfARunningPipelinesStagesAndTapPrintsTheRowsLeavingOne() throws Exception {
        home = temp.resolve("home");
        Path events = Files.writeString(temp.resolve("events.jsonl"), "{\"n\": 1, \"name\": \"a\"}\n{\"n\": 5, \"name\": \"b\"}\n");
        Files.createDirectories(home.resolve("pipelines"));
        Files.writeString(home.resolve("pipelines/watched.toml"), TestPipelines.watched(events));
        try (DistributionProcess.Running server = DistributionProcess.start(temp,
                Map.of("CONVEYOR_OPTS", "-Dfelix.fileinstall.poll=200"), "server", "--home", home.toString(), "--headless")) {
            server.awaitLine("Conveyor server ready");
            awaitStage("show", stage -> stage.get("rowsIn").asLong() == 1);

            DistributionProcess.Completed top = client("top");
            List<String> rows = top.stdout().lines().skip(2).map(line -> line.trim().split(" +", 6))
                    .map(cells -> String.join(" ", List.of(cells).subList(0, 5))).toList();
            assertEquals(List.of(0, ""), List.of(top.exitCode(), top.stderr()));
            assertTrue(top.stdout().startsWith("pipeline watched, running for "), top.stdout());
            assertEquals(List.of("watch file.watch RUNNING 0 2", "big filter.apply RUNNING 2 1",
                    "show stdout.stream RUNNING 1 0"), rows);

            CompletableFuture<DistributionProcess.Completed> tap = CompletableFuture.supplyAsync(() -> {
                try {
                    return client("tap", "--limit", "2", "--timeout", "100", "watched", "big");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitStage("big", stage -> stage.get("taps").asInt() == 1);
            append(events, "{\"n\": 7, \"name\": \"c\"}\n{\"n\": 2, \"name\": \"d\"}\n{\"n\": 9, \"name\": \"e\"}\n");
            DistributionProcess.Completed tapped = tap.get(DistributionProcess.WAIT_SECONDS, TimeUnit.SECONDS);

            assertEquals(List.of(0, ""), List.of(tapped.exitCode(), tapped.stderr()));
            assertEquals("""
                    schema:
                      n: Int(64, true)
                      name: Utf8
                    rows:
                      n\tname
                      7\tc
                      9\te
                    (2 rows, the limit)
                    """, tapped.stdout());
            awaitStage("show", stage -> stage.get("rowsIn").asLong() == 3 && stage.get("taps").asInt() == 0);

            DistributionProcess.Completed unknownStage = client("tap", "watched", "bog");
            assertEquals(List.of(2, "conveyor: pipeline 'watched' has no stage 'bog' (did you mean 'big'?);"
                    + " its stages: watch, big, show\n"), List.of(unknownStage.exitCode(), unknownStage.stderr()));
            DistributionProcess.Completed notRunning = client("tap", "nightly", "big");
            assertEquals(List.of(2, "conveyor: pipeline 'nightly' is not running\n"),
                    List.of(notRunning.exitCode(), notRunning.stderr()));
            assertEquals(0, server.terminate());
        }
    }
}
