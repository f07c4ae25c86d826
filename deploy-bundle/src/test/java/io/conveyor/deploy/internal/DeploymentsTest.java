package io.conveyor.deploy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.conveyor.api.runtime.DeploymentDTO;
import io.conveyor.api.runtime.RunRecordDTO;

class DeploymentsTest {

    private static final long BOUND_NANOS = TimeUnit.SECONDS.toNanos(30);

    @TempDir
    Path home;

    private final ScriptedRuntime runtime = new ScriptedRuntime();
    private final ExecutorService deployer = Executors.newSingleThreadExecutor();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService runs = Executors.newCachedThreadPool();
    private Deployments deployments;
    private Path pipelines;

    @BeforeEach
    void start() throws IOException {
        pipelines = Files.createDirectories(home.resolve("pipelines"));
        deployments = deployments(Clock.systemUTC());
    }

    private Deployments deployments(Clock clock) {
        return new Deployments(runtime, deployer, timer, runs, new Deployments.Settings(home, Map.of(),
                new PrintStream(new ByteArrayOutputStream())), clock, 3);
    }

    /** Replaces the deployments of {@link #start} with ones that read {@code clock}. */
    private void useClock(Clock clock) {
        deployments.close();
        deployments = deployments(clock);
    }

    @AfterEach
    void stop() throws InterruptedException {
        deployments.close();
        deployer.shutdownNow();
        timer.shutdownNow();
        runs.shutdownNow();
        assertTrue(runs.awaitTermination(30, TimeUnit.SECONDS));
    }

    @Test
    void aDroppedFileIsDeployedAndRunsOnce() throws IOException {
        deploy("orders", "name=orders");

        awaitState("orders", DeploymentDTO.IDLE);
        DeploymentDTO orders = deployments.deployment("orders").orElseThrow();
        assertEquals(List.of("orders", "pipelines/orders.toml", "orders", "once", "[]"), List.of(orders.name,
                orders.file, orders.pipelineName, orders.schedule.mode, orders.problems.toString()));
        assertEquals("#1 deploy SUCCEEDED load=3", summary(orders.lastRun));
        assertEquals(List.of("name=orders"), runtime.ran);
    }

    @Test
    void anInvalidFileIsRejectedWithItsLocatedProblems() throws IOException {
        deploy("broken", "name=broken\ninvalid=[pipeline] name must not be empty");

        awaitUntil("broken to be rejected", () -> deployments.deployment("broken").isPresent());
        DeploymentDTO broken = deployments.deployment("broken").orElseThrow();
        assertEquals(DeploymentDTO.INVALID, broken.state);
        assertEquals("[pipelines/broken.toml:2:1: error[CONFIG]: [pipeline] name must not be empty]",
                broken.problems.toString());
        assertEquals(List.of(), runtime.ran);
    }

    @Test
    void anInvalidChangeLeavesTheDeployedVersionRunning() throws IOException {
        deploy("ticks", "name=ticks\ninterval=100");
        awaitUntil("two runs", () -> runtime.ran.size() >= 2);

        deploy("ticks", "name=ticks\ninterval=100\ninvalid=unknown key 'x'");
        awaitUntil("the change to be rejected", () -> !deployments.deployment("ticks").orElseThrow().problems.isEmpty());
        int before = runtime.ran.size();
        awaitUntil("two more runs", () -> runtime.ran.size() >= before + 2);

        assertTrue(runtime.ran.stream().allMatch(text -> text.equals("name=ticks\ninterval=100")), runtime.ran.toString());
        DeploymentDTO ticks = deployments.deployment("ticks").orElseThrow();
        assertEquals("[pipelines/ticks.toml:2:1: error[CONFIG]: unknown key 'x']", ticks.problems.toString());
        assertTrue(List.of(DeploymentDTO.RUNNING, DeploymentDTO.SCHEDULED).contains(ticks.state), ticks.state);
    }

    @Test
    void aChangedFileWaitsForTheBoundedRunInFlightThenRuns() throws IOException {
        deploy("orders", "name=orders\nwait=release");
        awaitState("orders", DeploymentDTO.RUNNING);

        deploy("orders", "name=orders\nversion=2");
        assertTrue(drained());
        assertEquals(List.of("name=orders\nwait=release"), runtime.ran);
        assertEquals(DeploymentDTO.RUNNING, deployments.deployment("orders").orElseThrow().state);
        runtime.release();

        awaitUntil("the new version's run", () -> history("orders").size() == 2
                && history("orders").get(0).endedAt > 0);
        assertEquals(List.of("#2 deploy SUCCEEDED load=3", "#1 deploy SUCCEEDED load=3"),
                history("orders").stream().map(DeploymentsTest::summary).toList());
        assertEquals(List.of("name=orders\nwait=release", "name=orders\nversion=2"), runtime.ran);
    }

    @Test
    void aChangedContinuousPipelineIsStoppedAndTheNewVersionStarted() throws IOException {
        deploy("tail", "name=tail\nmode=continuous\nwait=stop");
        awaitState("tail", DeploymentDTO.RUNNING);

        deploy("tail", "name=tail\nmode=continuous\nwait=stop\nversion=2");

        awaitUntil("the second run", () -> history("tail").size() == 2);
        assertEquals(List.of("#2 deploy RUNNING", "#1 deploy STOPPED"),
                history("tail").stream().map(DeploymentsTest::summary).toList());
        assertEquals(DeploymentDTO.RUNNING, deployments.deployment("tail").orElseThrow().state);
    }

    @Test
    void aDeletedFileIsUndeployedAndItsRunStopped() throws IOException {
        Path file = deploy("tail", "name=tail\nmode=continuous\nwait=stop");
        awaitState("tail", DeploymentDTO.RUNNING);

        Files.delete(file);
        deployments.undeploy(file);

        assertEquals(Optional.empty(), deployments.deployment("tail"));
        assertEquals(List.of(), deployments.deployments());
    }

    @Test
    void stopSuspendsTheScheduleAndStartResumesIt() throws IOException {
        deploy("ticks", "name=ticks\ninterval=100");
        awaitUntil("a scheduled run", () -> runtime.ran.size() >= 2);

        DeploymentDTO stopped = deployments.stop("ticks").orElseThrow();
        awaitState("ticks", DeploymentDTO.STOPPED);
        int runsWhenStopped = runtime.ran.size();
        assertEquals(0, deployments.deployment("ticks").orElseThrow().nextRunAt);

        deployments.start("ticks");
        awaitUntil("a run started by the operator", () -> runtime.ran.size() > runsWhenStopped);
        assertTrue(history("ticks").stream().anyMatch(run -> run.trigger.equals(Deployments.START)));
        assertTrue(List.of(DeploymentDTO.RUNNING, DeploymentDTO.STOPPED).contains(stopped.state), stopped.state);
    }

    @Test
    void stoppingAContinuousRunRecordsItAsStopped() throws IOException {
        deploy("tail", "name=tail\nmode=continuous\nwait=stop");
        awaitState("tail", DeploymentDTO.RUNNING);

        deployments.stop("tail");

        awaitState("tail", DeploymentDTO.STOPPED);
        RunRecordDTO run = history("tail").get(0);
        assertEquals(List.of("STOPPED", "[]"), List.of(run.outcome, run.problems.toString()));
    }

    @Test
    void aRunStoppedBeforeItsTaskBeganEndsAsStopped() throws Exception {
        ExecutorService busy = Executors.newSingleThreadExecutor();
        CountDownLatch release = new CountDownLatch(1);
        busy.execute(() -> awaitUntil("the test's release", () -> release.getCount() == 0));
        deployments.close();
        deployments = new Deployments(runtime, deployer, timer, busy, new Deployments.Settings(home, Map.of(),
                new PrintStream(new ByteArrayOutputStream())), Clock.systemUTC(), 3);
        try {
            deploy("tail", "name=tail\nmode=continuous\nwait=stop");
            awaitState("tail", DeploymentDTO.RUNNING); // its task waits behind the busy one

            deployments.stop("tail");

            assertEquals(DeploymentDTO.STOPPED, deployment("tail").state);
            assertEquals("#1 deploy STOPPED", summary(history("tail").get(0)));
        } finally {
            release.countDown();
            busy.shutdown();
            assertTrue(busy.awaitTermination(30, TimeUnit.SECONDS));
        }
        assertEquals(List.of(), runtime.ran);
    }

    @Test
    void aManualPipelineRunsOnlyWhenStarted() throws IOException {
        deploy("report", "name=report\nmode=manual");
        awaitState("report", DeploymentDTO.IDLE);
        assertEquals(List.of(), history("report"));

        deployments.start("report");

        awaitUntil("the started run to end", () -> !history("report").isEmpty() && history("report").get(0).endedAt > 0);
        assertEquals("#1 start SUCCEEDED load=3", summary(history("report").get(0)));
    }

    @Test
    void theHistoryKeepsTheLatestRunsNewestFirst() throws IOException {
        deploy("ticks", "name=ticks\ninterval=100");

        awaitUntil("five runs", () -> runtime.ran.size() >= 5);

        List<RunRecordDTO> history = history("ticks");
        assertEquals(3, history.size());
        assertTrue(history.get(0).number > history.get(1).number && history.get(1).number > history.get(2).number);
        assertTrue(history.get(2).number >= 3);

        deployments.useHistorySize(1);
        assertEquals(1, history("ticks").size());
    }

    @Test
    void aTouchedFileWithTheSameContentIsNotRedeployed() throws IOException {
        Path file = deploy("orders", "name=orders");
        awaitState("orders", DeploymentDTO.IDLE);

        deployments.deploy(file);
        deploy("other", "name=other");
        awaitState("other", DeploymentDTO.IDLE); // the deployer handles files in order

        assertEquals(List.of("name=orders", "name=other"), runtime.ran);
    }

    @Test
    void anotherFolderUndeploysThePipelinesOfTheOldOneAndDeploysOnlyItsOwn() throws IOException {
        deployments.useFolder(pipelines);
        Path oldOrders = deploy("orders", "name=orders");
        awaitState("orders", DeploymentDTO.IDLE);
        deploy("tail", "name=tail\nmode=continuous\nwait=stop");
        awaitUntil("tail's run to begin", () -> runtime.ran.contains("name=tail\nmode=continuous\nwait=stop"));
        Path flows = Files.createDirectories(home.resolve("flows"));
        Path newOrders = Files.writeString(flows.resolve("orders.toml"), "name=orders\nversion=2");

        deployments.useFolder(flows);
        assertEquals(List.of(), deployments.deployments()); // the continuous run was stopped with it
        assertTrue(deployments.accepts(newOrders));
        assertFalse(deployments.accepts(oldOrders));

        deployments.deploy(newOrders);
        awaitState("orders", DeploymentDTO.IDLE);
        deployments.deploy(oldOrders); // a file the old folder's watcher had handed over before it stopped
        deployments.undeploy(oldOrders); // or that it saw deleted
        assertTrue(drained());
        assertEquals(List.of("orders"), deployments.deployments().stream().map(d -> d.name).toList());
        assertEquals("flows/orders.toml", deployment("orders").file);
        assertEquals(List.of("name=orders", "name=tail\nmode=continuous\nwait=stop", "name=orders\nversion=2"),
                runtime.ran);
    }

    @Test
    void aCronPipelineWaitsForItsTimeRunsThenShowsTheNextTime() throws IOException {
        useClock(new SettableClock("2026-03-02T02:59:59.800Z", "UTC")); // 11:59:59.800 in Tokyo

        deploy("report", "name=report\ncron=0 12 * * *\ntimezone=Asia/Tokyo");

        awaitState("report", DeploymentDTO.SCHEDULED);
        assertEquals(List.of(), runtime.ran);
        assertEquals(Instant.parse("2026-03-02T03:00:00Z").toEpochMilli(), deployment("report").nextRunAt);

        awaitUntil("the noon run to end", () -> !history("report").isEmpty() && history("report").get(0).endedAt > 0);
        assertEquals("#1 schedule SUCCEEDED load=3", summary(history("report").get(0)));
        awaitState("report", DeploymentDTO.SCHEDULED);
        DeploymentDTO report = deployment("report");
        assertEquals(Instant.parse("2026-03-03T03:00:00Z").toEpochMilli(), report.nextRunAt);
        assertEquals(List.of("cron", "0 12 * * *", "Asia/Tokyo", "0"), List.of(report.schedule.mode,
                report.schedule.cron, report.schedule.timezone, String.valueOf(report.skippedRuns)));
    }

    @Test
    void aCronWithoutTimezoneIsReadInTheServersZone() throws IOException {
        useClock(new SettableClock("2026-07-01T08:00:00Z", "Europe/Paris")); // 10:00 in Paris, summer time

        deploy("report", "name=report\ncron=30 12 * * *");

        awaitState("report", DeploymentDTO.SCHEDULED);
        assertEquals(Instant.parse("2026-07-01T10:30:00Z").toEpochMilli(), deployment("report").nextRunAt);
    }

    @Test
    void cronTimesThatComeDuringARunAreSkippedAndCounted() throws IOException {
        SettableClock clock = new SettableClock("2026-03-02T10:00:59.850Z", "UTC");
        useClock(clock);
        deploy("sync", "name=sync\ncron=* * * * *\nwait=release");
        awaitState("sync", DeploymentDTO.RUNNING);

        clock.set("2026-03-02T10:03:30Z"); // the run goes on past 10:02 and 10:03
        runtime.release();

        awaitState("sync", DeploymentDTO.SCHEDULED);
        DeploymentDTO sync = deployment("sync");
        assertEquals(2, sync.skippedRuns);
        assertEquals(Instant.parse("2026-03-02T10:04:00Z").toEpochMilli(), sync.nextRunAt);
        assertEquals(List.of("#1 schedule SUCCEEDED load=3"), history("sync").stream().map(DeploymentsTest::summary)
                .toList());
    }

    @Test
    void startingACronPipelineRunsItNowAndKeepsItsSchedule() throws IOException {
        useClock(new SettableClock("2026-03-02T10:00:00Z", "UTC"));
        deploy("report", "name=report\ncron=0 12 * * *");
        awaitState("report", DeploymentDTO.SCHEDULED);

        deployments.start("report");

        awaitUntil("the started run to end", () -> !history("report").isEmpty() && history("report").get(0).endedAt > 0);
        awaitState("report", DeploymentDTO.SCHEDULED);
        assertEquals("#1 start SUCCEEDED load=3", summary(history("report").get(0)));
        assertEquals(Instant.parse("2026-03-02T12:00:00Z").toEpochMilli(), deployment("report").nextRunAt);
    }

    @Test
    void unknownNamesAreEmpty() {
        assertEquals(Optional.empty(), deployments.start("nope"));
        assertEquals(Optional.empty(), deployments.stop("nope"));
        assertEquals(Optional.empty(), deployments.history("nope"));
        assertEquals(Optional.empty(), deployments.describe("nope"));
    }

    private Path deploy(String name, String text) throws IOException {
        Path staged = Files.writeString(home.resolve(name + ".part"), text);
        Path file = Files.move(staged, pipelines.resolve(name + ".toml"), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        deployments.deploy(file);
        return file;
    }

    /** Whether the deployer thread has handled every file given to it so far. */
    private boolean drained() {
        try {
            return deployer.submit(() -> true).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private DeploymentDTO deployment(String name) {
        return deployments.deployment(name).orElseThrow();
    }

    private List<RunRecordDTO> history(String name) {
        return deployments.history(name).orElseThrow();
    }

    private void awaitState(String name, String state) {
        awaitUntil(name + " to be " + state, () -> deployments.deployment(name).map(d -> d.state.equals(state))
                .orElse(false));
    }

    private static void awaitUntil(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + BOUND_NANOS;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("gave up waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    private static String summary(RunRecordDTO run) {
        StringBuilder text = new StringBuilder("#" + run.number + " " + run.trigger + " " + run.outcome);
        run.stages.forEach(stage -> text.append(' ').append(stage.stageId).append('=').append(stage.rowsOut));
        return text.toString();
    }
}
