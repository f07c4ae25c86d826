package io.conveyor.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

import io.conveyor.api.runtime.ConveyorRuntime;
import io.conveyor.api.runtime.RunReportDTO;
import io.conveyor.api.runtime.RunRequest;

/**
 * Upgrading a plugin under load: a continuous run (counter.stream, an unbounded source of numbered
 * rows at a steady rate -> stamp.apply, which stamps each row with its bundle's version ->
 * stdout.stream) keeps every row, in order, exactly once, while the transform's bundle is replaced
 * again and again, and while the source's is (the new version continues from the position the old
 * one reported); and the replaced revision's class loader becomes garbage once the bundle is
 * refreshed.
 *
 * <p>No assertion depends on timing: waits are bounded polls, and the pause rows saw during the
 * upgrades is measured and written to {@code target/upgrade-under-load.txt}, not asserted.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PluginUpgradeIT {

    private static final String STAMP_JAR = "stamp.jar";
    private static final String COUNTER_JAR = "counter.jar";
    private static final int UPGRADES = 20;
    private static final int SOURCE_UPGRADES = 10;
    /** The engine's default, restored after a test that shortens it. */
    private static final long DEFAULT_UPGRADE_WAIT_SECONDS = 30;

    private static final String PIPELINE = """
            [pipeline]
            name = "upgraded"

            [[stages]]
            id = "numbers"
            function = "counter.stream"

            [stages.config]
            rows_per_second = 200
            batch_rows = 5
            stop_file = "stop"

            [[stages]]
            id = "stamped"
            function = "stamp.apply"
            inputs = ["numbers"]

            [[stages]]
            id = "out"
            function = "stdout.stream"
            inputs = ["stamped"]

            [stages.config]
            format = "csv"
            """;

    @Inject
    private BundleContext context;

    @Inject
    private ConveyorRuntime runtime;

    @Inject
    private ServiceComponentRuntime scr;

    private final ExecutorService caller = Executors.newSingleThreadExecutor();
    private DeployFolder deploy;
    private Path work;
    private Bundle installed;

    @Configuration
    public Option[] configuration() {
        return ConveyorOptions.conveyor(PluginUpgradeIT.class);
    }

    @Before
    public void deployTheCounter() {
        deploy = new DeployFolder(Path.of(context.getProperty(ConveyorOptions.DEPLOY_DIR)));
        work = TestPaths.newWorkFolder("upgraded");
        deploy.deploy(TestPaths.counterPlugin(), COUNTER_JAR);
        Await.until("counter.stream", () -> runtime.function("counter.stream").isPresent());
    }

    @After
    public void removeThePlugins() throws Exception {
        if (installed != null) {
            installed.uninstall();
        }
        deploy.remove(STAMP_JAR);
        deploy.remove(COUNTER_JAR);
        Await.until("the test plugins to go away",
                () -> runtime.function("stamp.apply").isEmpty() && runtime.function("counter.stream").isEmpty());
        caller.shutdownNow();
        caller.awaitTermination(Await.BOUND.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    public void continuousRunKeepsEveryRowInOrderThroughTwentyUpgradesOfItsTransform() throws Exception {
        List<Deployment> deployments = new ArrayList<>();
        deployments.add(deployStamp(0));
        SinkLog sink = new SinkLog();
        Future<RunReportDTO> run = caller.submit(() -> runtime.run(request(sink)));
        sink.awaitStamp(deployments.get(0).version);

        for (int upgrade = 1; upgrade <= UPGRADES; upgrade++) {
            Deployment next = deployStamp(upgrade);
            deployments.get(upgrade - 1).endedBefore = next.observedAt;
            deployments.add(next);
            sink.awaitStamp(next.version);
        }
        Files.createFile(work.resolve("stop"));
        RunReportDTO report = run.get(2 * Await.BOUND.toSeconds(), TimeUnit.SECONDS);

        assertEquals("SUCCEEDED", Runs.outcome(report));
        List<Row> rows = sink.rows();
        long emitted = report.stages.get(0).rowsOut;
        UpgradeFigures figures = UpgradeFigures.of(rows, emitted, UPGRADES);
        figures.write(TestPaths.buildFolder().resolve("upgrade-under-load.txt"));
        assertEquals("rows lost, duplicated, out of place", List.of(0L, 0L, 0L),
                List.of(figures.lost, figures.duplicated, figures.outOfPlace));
        assertEquals(emitted, rows.size());
        assertStampsFollowTheDeployments(rows, deployments);
    }

    @Test
    public void continuousRunKeepsEveryRowInOrderThroughUpgradesOfItsSource() throws Exception {
        deploy.deploy(TestPaths.stampPlugin(), STAMP_JAR);
        Await.until("stamp.apply", () -> runtime.function("stamp.apply").isPresent());
        SinkLog sink = new SinkLog();
        Future<RunReportDTO> run = caller.submit(() -> runtime.run(request(sink)));
        sink.awaitStamp("1.0.0");

        String version = null;
        for (int upgrade = 1; upgrade <= SOURCE_UPGRADES; upgrade++) {
            version = (upgrade % 2 == 0 ? "1.0.0" : "2.0.0") + ".up" + String.format("%02d", upgrade);
            deploy.deploy(deploy.withBundleVersion(TestPaths.counterPlugin(), version), COUNTER_JAR);
            awaitSourceProvider("io.conveyor.itests.counter " + version);
            int seen = sink.rows().size();
            Await.until("rows from counter.stream " + version, () -> sink.rows().size() > seen);
        }
        Files.createFile(work.resolve("stop"));
        RunReportDTO report = run.get(2 * Await.BOUND.toSeconds(), TimeUnit.SECONDS);

        assertEquals("SUCCEEDED", Runs.outcome(report));
        assertEquals("io.conveyor.itests.counter " + version, report.stages.get(0).provider);
        List<Row> rows = sink.rows();
        long emitted = report.stages.get(0).rowsOut;
        UpgradeFigures figures = UpgradeFigures.of(rows, emitted, SOURCE_UPGRADES);
        figures.write(TestPaths.buildFolder().resolve("source-upgrade-under-load.txt"));
        assertEquals("rows lost, duplicated, out of place", List.of(0L, 0L, 0L),
                List.of(figures.lost, figures.duplicated, figures.outOfPlace));
        assertEquals(emitted, rows.size());
    }

    /** Waits until the running pipeline's source is served by {@code provider}. */
    private void awaitSourceProvider(String provider) {
        Await.until("stage 'numbers' to be served by " + provider, () -> runtime.stagesInUse().stream()
                .anyMatch(use -> use.function.equals("counter.stream") && use.provider.equals(provider)));
    }

    @Test
    public void replacedRevisionsClassLoaderIsCollectedOnceTheRunMovedAndTheBundleIsRefreshed() throws Exception {
        Bundle stamp = context.installBundle("upgrade-it:stamp", stampJar("1.0.0"));
        installed = stamp;
        stamp.start();
        SinkLog sink = new SinkLog();
        Future<RunReportDTO> run = caller.submit(() -> runtime.run(request(sink)));
        sink.awaitStamp("1.0.0");
        WeakReference<ClassLoader> replaced = classLoaderOf(stamp);

        stamp.update(stampJar("2.0.0"));
        sink.awaitStamp("2.0.0");
        refresh(stamp);
        int seen = sink.rows().size();
        Await.until("rows after the refresh", () -> sink.rows().size() > seen);
        awaitCollected(replaced);

        Files.createFile(work.resolve("stop"));
        RunReportDTO report = run.get(2 * Await.BOUND.toSeconds(), TimeUnit.SECONDS);
        assertEquals("SUCCEEDED", Runs.outcome(report));
        assertEquals(0, UpgradeFigures.of(sink.rows(), report.stages.get(0).rowsOut, 1).outOfPlace);
    }

    @Test
    public void continuousRunStopsWithAClearErrorWhenTheNewVersionDoesNotStart() throws Exception {
        useUpgradeWait(1);
        try {
            deploy.deploy(TestPaths.stampPlugin(), STAMP_JAR);
            Await.until("stamp.apply", () -> runtime.function("stamp.apply").isPresent());
            SinkLog sink = new SinkLog();
            Future<RunReportDTO> run = caller.submit(() -> runtime.run(request(sink)));
            sink.awaitStamp("1.0.0");

            deploy.deploy(unresolvable(TestPaths.stampPlugin()), STAMP_JAR);
            RunReportDTO report = run.get(2 * Await.BOUND.toSeconds(), TimeUnit.SECONDS);

            assertEquals("FAILED", report.outcome);
            assertEquals(List.of("stage 'stamped' (stamp.apply) failed: its plugin io.conveyor.itests.stamp 1.0.0 went"
                    + " away during the run and no provider of stamp.apply started within 1 s"),
                    report.problems.stream().map(p -> p.message).toList());
            List<Row> rows = sink.rows();
            assertEquals("the rows printed before the run stopped, in order", 0,
                    UpgradeFigures.of(rows, rows.size(), 0).outOfPlace);
        } finally {
            useUpgradeWait(DEFAULT_UPGRADE_WAIT_SECONDS);
        }
    }

    /** Deploys stamp.apply release {@code index}: 1.0.0 and 2.0.0 in turn, told apart by a qualifier. */
    private Deployment deployStamp(int index) {
        String version = (index % 2 == 0 ? "1.0.0" : "2.0.0") + ".up" + String.format("%02d", index);
        long deployedAt = System.nanoTime();
        deploy.deploy(deploy.withBundleVersion(TestPaths.stampPlugin(), version), STAMP_JAR);
        Await.until("stamp.apply " + version, () -> runtime.function("stamp.apply")
                .map(f -> f.bundleVersion.equals(version)).orElse(false));
        return new Deployment(version, deployedAt, System.nanoTime());
    }

    /** A copy of {@code jar} that imports the next major API: it cannot resolve, so it never starts. */
    private Path unresolvable(Path jar) {
        return deploy.withManifest(jar, "unresolvable", headers -> headers.putValue(Constants.IMPORT_PACKAGE,
                headers.getValue(Constants.IMPORT_PACKAGE).replaceAll("io\\.conveyor\\.api\\.stage;version=\"[^\"]*\"",
                        "io.conveyor.api.stage;version=\"[2.0,3)\"")));
    }

    /**
     * Sets the engine's {@code upgrade.wait.seconds} through ConfigurationAdmin, as an edit of
     * {@code etc/io.conveyor.engine.cfg} does; returns once the engine component has it.
     */
    private void useUpgradeWait(long seconds) throws IOException {
        ConfigurationAdmin admin = context.getService(context.getServiceReference(ConfigurationAdmin.class));
        org.osgi.service.cm.Configuration engine = admin.getConfiguration("io.conveyor.engine", "?");
        engine.update(new Hashtable<>(Map.of("upgrade.wait.seconds", seconds)));
        Await.until("the engine to have upgrade.wait.seconds = " + seconds,
                () -> Long.valueOf(seconds).equals(engineProperty("upgrade.wait.seconds")));
    }

    private Object engineProperty(String key) {
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            if (List.of(description.configurationPid).contains("io.conveyor.engine")) {
                for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                    return configuration.properties.get(key);
                }
            }
        }
        return null;
    }

    private InputStream stampJar(String version) throws IOException {
        return Files.newInputStream(deploy.withBundleVersion(TestPaths.stampPlugin(), version));
    }

    /** In a method of its own, so that no stack slot of the test keeps the class loader alive. */
    private static WeakReference<ClassLoader> classLoaderOf(Bundle bundle) {
        return new WeakReference<>(bundle.adapt(BundleWiring.class).getClassLoader());
    }

    private void refresh(Bundle bundle) throws InterruptedException {
        CountDownLatch refreshed = new CountDownLatch(1);
        FrameworkWiring wiring = context.getBundle(0).adapt(FrameworkWiring.class);
        wiring.refreshBundles(List.of(bundle), event -> refreshed.countDown());
        assertTrue("the refresh to end", refreshed.await(Await.BOUND.toSeconds(), TimeUnit.SECONDS));
    }

    /** Collects garbage until the referent is gone; bounded by {@link Await#BOUND}. */
    private static void awaitCollected(WeakReference<ClassLoader> reference) {
        Await.until("the replaced revision's class loader to be collected", () -> {
            List<byte[]> pressure = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                pressure.add(new byte[1 << 20]);
            }
            pressure.clear();
            System.gc();
            return reference.get() == null;
        });
        assertNull(reference.get());
    }

    private RunRequest request(SinkLog sink) {
        Path pipeline = Runs.write(work.resolve("upgraded.toml"), PIPELINE);
        return RunRequest.of(pipeline).withWorkingDirectory(work).withEnvironment(Map.of())
                .withStreams(new ByteArrayInputStream(new byte[0]),
                        new PrintStream(sink, true, StandardCharsets.UTF_8));
    }

    /**
     * Each row was stamped by a deployment that was live while it passed: deployments follow one
     * another in row order, and a row's way from the source to the sink overlaps the time from
     * its deployment's start to the moment the next one was seen in place.
     */
    private static void assertStampsFollowTheDeployments(List<Row> rows, List<Deployment> deployments) {
        int current = 0;
        for (Row row : rows) {
            while (current < deployments.size() && !deployments.get(current).version.equals(row.stamp)) {
                current++;
            }
            assertTrue("row " + row.number + " stamped " + row.stamp + " after a later version",
                    current < deployments.size());
            Deployment deployment = deployments.get(current);
            assertTrue("row " + row.number + " passed while " + row.stamp + " was live",
                    row.emittedNanos <= deployment.endedBefore && row.arrivedNanos >= deployment.deployedAt);
        }
        assertEquals("rows stamped by the last deployment", deployments.size() - 1, current);
    }

    /** One release of stamp.apply put in place by the test. */
    private static final class Deployment {
        final String version;
        final long deployedAt;
        final long observedAt;
        long endedBefore = Long.MAX_VALUE;

        Deployment(String version, long deployedAt, long observedAt) {
            this.version = version;
            this.deployedAt = deployedAt;
            this.observedAt = observedAt;
        }
    }

    /** A row as the sink printed it ({@code n,emitted_nanos,stamp}), with when its line arrived. */
    private record Row(long number, long emittedNanos, String stamp, long arrivedNanos) {
    }

    /** The run's standard output: the rows stdout.stream printed, each timed as its line arrives. */
    private static final class SinkLog extends OutputStream {
        private final StringBuilder line = new StringBuilder();
        private final List<Row> rows = new ArrayList<>();

        @Override
        public synchronized void write(int b) {
            if (b != '\n') {
                line.append((char) b);
                return;
            }
            String[] fields = line.toString().split(",");
            line.setLength(0);
            rows.add(new Row(Long.parseLong(fields[0]), Long.parseLong(fields[1]), fields[2], System.nanoTime()));
        }

        synchronized List<Row> rows() {
            return List.copyOf(rows);
        }

        void awaitStamp(String version) {
            Await.until("a row stamped " + version, () -> {
                List<Row> seen = rows();
                return !seen.isEmpty() && seen.get(seen.size() - 1).stamp.equals(version);
            });
        }
    }

    /** What the upgrade test measured, written where it can be quoted. */
    private static final class UpgradeFigures {
        final long rows;
        final long emitted;
        final int upgrades;
        final long lost;
        final long duplicated;
        final long outOfPlace;
        final long longestPauseMillis;
        final long medianLatencyMillis;
        final long longestGapMillis;

        private UpgradeFigures(List<Row> received, long emitted, int upgrades) {
            this.rows = received.size();
            this.emitted = emitted;
            this.upgrades = upgrades;
            long distinct = received.stream().mapToLong(Row::number).distinct().count();
            this.duplicated = rows - distinct;
            this.lost = emitted - received.stream().mapToLong(Row::number).filter(n -> n >= 1 && n <= emitted)
                    .distinct().count();
            long misplaced = 0;
            for (int i = 0; i < received.size(); i++) {
                if (received.get(i).number != i + 1) {
                    misplaced++;
                }
            }
            this.outOfPlace = misplaced + Math.abs(emitted - rows);
            List<Long> latencies = received.stream().map(row -> row.arrivedNanos - row.emittedNanos).sorted().toList();
            this.longestPauseMillis = latencies.isEmpty() ? 0 : latencies.get(latencies.size() - 1) / 1_000_000;
            this.medianLatencyMillis = latencies.isEmpty() ? 0 : latencies.get(latencies.size() / 2) / 1_000_000;
            long gap = 0;
            for (int i = 1; i < received.size(); i++) {
                gap = Math.max(gap, received.get(i).arrivedNanos - received.get(i - 1).arrivedNanos);
            }
            this.longestGapMillis = gap / 1_000_000;
        }

        static UpgradeFigures of(List<Row> received, long emitted, int upgrades) {
            return new UpgradeFigures(received, emitted, upgrades);
        }

        String text() {
            return "rows emitted: " + emitted + "\n"
                    + "rows received: " + rows + "\n"
                    + "upgrades: " + upgrades + "\n"
                    + "lost: " + lost + "\n"
                    + "duplicated: " + duplicated + "\n"
                    + "out of order: " + (outOfPlace - Math.abs(emitted - rows)) + "\n"
                    + "longest pause a row saw (made at the source -> printed by the sink): " + longestPauseMillis
                    + " ms\n"
                    + "median row latency: " + medianLatencyMillis + " ms\n"
                    + "longest gap between rows at the sink: " + longestGapMillis + " ms\n";
        }

        void write(Path file) {
            System.out.print("Upgrade under load:\n" + text());
            try {
                Files.writeString(file, text());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
        }
    }
}
