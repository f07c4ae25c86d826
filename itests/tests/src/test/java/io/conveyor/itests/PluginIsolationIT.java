package io.conveyor.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
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
import org.osgi.framework.wiring.FrameworkWiring;

import io.conveyor.api.runtime.ConveyorRuntime;
import io.conveyor.api.runtime.RunReportDTO;

/**
 * Plugins that misbehave on purpose, deployed into a running framework: one built against another
 * major version of the stage API never resolves and {@code conveyor:plugins} says why; a stage
 * that throws fails its own run with an error naming the plugin; a stage that ignores
 * cancellation is reported stuck once the run's timeout passes. In every case the runtime and
 * other pipelines carry on.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PluginIsolationIT {

    private static final String BAD = "io.conveyor.itests.bad";
    private static final String BAD_JAR = "bad.jar";
    private static final String FUTURE = "io.conveyor.itests.future";
    private static final String FUTURE_JAR = "future.jar";

    @Inject
    private BundleContext context;

    @Inject
    private ConveyorRuntime runtime;

    @Inject
    private CommandProcessor processor;

    private DeployFolder deploy;
    private Path work;
    /** The exit code the last {@link #execute} left in its session. */
    private Object exitCode;

    @Configuration
    public Option[] configuration() {
        return ConveyorOptions.conveyor(PluginIsolationIT.class);
    }

    @Before
    public void prepare() {
        deploy = new DeployFolder(Path.of(context.getProperty(ConveyorOptions.DEPLOY_DIR)));
        work = TestPaths.newWorkFolder("isolation");
        Runs.write(work.resolve("in.csv"), "id,name\n1,a\n2,b\n");
    }

    @After
    public void removeThePlugins() {
        deploy.remove(BAD_JAR);
        deploy.remove(FUTURE_JAR);
        Await.until("the test plugins to be uninstalled",
                () -> bundle(BAD).isEmpty() && bundle(FUTURE).isEmpty());
    }

    @Test
    public void pluginBuiltForTheNextMajorApiDoesNotResolveAndPluginsSaysWhatItNeeds() throws Exception {
        Path future = deploy.withManifest(TestPaths.badPlugin(), "future", headers -> {
            headers.putValue(Constants.BUNDLE_SYMBOLICNAME, FUTURE);
            String imports = headers.getValue(Constants.IMPORT_PACKAGE);
            String rewritten = imports.replaceAll("io\\.conveyor\\.api\\.stage;version=\"[^\"]*\"",
                    "io.conveyor.api.stage;version=\"[2.0,3)\"");
            assertFalse("the plugin imports io.conveyor.api.stage: " + imports, rewritten.equals(imports));
            headers.putValue(Constants.IMPORT_PACKAGE, rewritten);
        });

        deploy.deploy(future, FUTURE_JAR);
        Await.until(FUTURE + " to be installed", () -> bundle(FUTURE).isPresent());
        Bundle bundle = bundle(FUTURE).orElseThrow();

        assertFalse("it resolves", frameworkWiring().resolveBundles(Set.of(bundle)));
        assertEquals(Bundle.INSTALLED, bundle.getState());
        assertEquals("Functions\n"
                + "  none\n"
                + "\n"
                + "Unresolved bundles\n"
                + "  io.conveyor.itests.future 1.0.0 (bundle " + bundle.getBundleId() + ")\n"
                + "    needs io.conveyor.api.stage [2.0.0,3.0.0), the runtime offers 1.4.0\n",
                execute("conveyor:plugins " + FUTURE));
        assertEquals("its functions are not offered", Optional.empty(), runtime.function("bad.throw"));
        assertEquals("SUCCEEDED", Runs.outcome(runHealthy()));
    }

    @Test
    public void stageThatThrowsFailsItsRunNamingThePluginWhileOtherRunsSucceed() {
        deployBadPlugin();
        record Crash(String throwable, String step, String thrown) {
        }
        String overflow = "java.lang.StackOverflowError";
        String failed = "java.lang.RuntimeException: bad.throw failed on purpose";
        List<Crash> crashes = List.of(
                new Crash("StackOverflowError", "process", overflow),
                new Crash("OutOfMemoryError", "process",
                        "java.lang.OutOfMemoryError: bad.throw ran out of memory on purpose"),
                new Crash("RuntimeException", "open", failed),
                new Crash("StackOverflowError", "finish", overflow),
                new Crash("RuntimeException", "close", failed));
        for (Crash crash : crashes) {
            RunReportDTO report = runtime.run(Runs.request(pipeline("boom", 60, "bad.throw",
                    "throwable = \"" + crash.throwable() + "\"\nin = \"" + crash.step() + "\""), work));

            assertEquals(crash.toString(), List.of("STAGE stage 'boom' (bad.throw, plugin " + BAD + " 1.0.0) failed: "
                    + crash.thrown()), messages(report));
            assertEquals(crash.toString(), "FAILED", statusOf(report, "boom"));
            assertEquals(crash.toString(), "SUCCEEDED", Runs.outcome(runHealthy()));
        }
    }

    @Test
    public void stageThatIgnoresCancellationIsReportedStuckAndTheCallerGetsItsReport() {
        Bundle bad = deployBadPlugin();
        Path release = work.resolve("release");

        RunReportDTO report = runtime.run(Runs.request(pipeline("hang", 1, "bad.stuck",
                "release = \"" + release + "\""), work));

        try {
            assertEquals(List.of("TIMEOUT pipeline 'hang' timed out after 1 seconds",
                    "PLUGIN stage 'hang' (bad.stuck, plugin " + BAD + " 1.0.0) is stuck: it did not stop within"
                            + " 10000 ms after the run stopped"),
                    messages(report));
            assertEquals("STUCK", statusOf(report, "hang"));
            assertEquals("SUCCEEDED", Runs.outcome(runHealthy()));
            // the stuck stage still holds its service: an upgrade would have to wait for it
            assertEquals("Functions\n"
                    + "  bad.stuck  transform  " + BAD + " 1.0.0  used by hang\n"
                    + "\n"
                    + "Unresolved bundles\n"
                    + "  none\n",
                    execute("conveyor:plugins bad.stuck"));
            assertEquals("upgrade " + BAD + " 1.0.0 (bundle " + bad.getBundleId() + "), dry run: nothing was changed\n"
                    + "\n"
                    + "Bundles that would be refreshed\n"
                    + "  " + bad.getBundleId() + "  " + BAD + " 1.0.0\n"
                    + "\n"
                    + "Running pipelines that would pause\n"
                    + "  hang  bad.stuck\n",
                    execute("conveyor:upgrade --dry-run " + BAD));
        } finally {
            Runs.write(release, "");
        }
        Await.until("the stuck stage to return and release its service", () -> runtime.stagesInUse().isEmpty());
        assertEquals("Functions\n"
                + "  bad.stuck  transform  " + BAD + " 1.0.0\n"
                + "\n"
                + "Unresolved bundles\n"
                + "  none\n",
                execute("conveyor:plugins bad.stuck"));
    }

    @Test
    public void upgradeWithoutDryRunIsRefusedWithUsage() throws Exception {
        assertEquals("conveyor: only a dry run is available: upgrade a plugin by replacing its file in deploy/"
                + " (same file name) or with bundle:update\n"
                + "usage: conveyor:upgrade --dry-run [--json] BUNDLE (a bundle id or symbolic name)\n",
                execute("conveyor:upgrade " + BAD));
        assertEquals(2, exitCode);
        assertEquals("conveyor: no such bundle: io.conveyor.nothing\n",
                execute("conveyor:upgrade --dry-run io.conveyor.nothing"));
        assertEquals(2, exitCode);
    }

    /**
     * Upgrading the plugins' shared kit refreshes every bundle importing it: what their manifests
     * say, the framework's wiring agrees with.
     */
    @Test
    public void upgradeDryRunOfASharedBundleListsEveryBundleImportingIt() {
        String kit = "io.conveyor.plugin.kit";
        List<String> importers = Arrays.stream(context.getBundles())
                .filter(b -> kit.equals(b.getSymbolicName())
                        || String.valueOf(b.getHeaders().get(Constants.IMPORT_PACKAGE)).contains(kit + "."))
                .sorted(Comparator.comparingLong(Bundle::getBundleId))
                .map(b -> b.getBundleId() + "  " + b.getSymbolicName() + " " + b.getVersion())
                .toList();
        assertTrue("the kit has importers: " + importers, importers.size() > 1);

        String out = execute("conveyor:upgrade --dry-run " + kit);

        String refreshed = out.substring(out.indexOf("Bundles that would be refreshed\n"),
                out.indexOf("\nRunning pipelines that would pause"));
        assertEquals(importers, refreshed.lines().skip(1).map(String::strip).toList());
        assertTrue(out, out.endsWith("Running pipelines that would pause\n  none\n"));
        assertEquals(0, exitCode);
    }

    private Bundle deployBadPlugin() {
        deploy.deploy(TestPaths.badPlugin(), BAD_JAR);
        Await.until("bad.throw and bad.stuck to be offered",
                () -> runtime.function("bad.throw").isPresent() && runtime.function("bad.stuck").isPresent());
        return bundle(BAD).orElseThrow();
    }

    /**
     * {@code load} (csv.read of in.csv), then a stage with the pipeline's name as its id running
     * {@code function}, then {@code save} (csv.write).
     */
    private Path pipeline(String name, int timeoutSeconds, String function, String config) {
        return Runs.write(work.resolve(name + ".toml"), """
                [pipeline]
                name = "%1$s"

                [global]
                timeout_seconds = %2$d

                [[stages]]
                id = "load"
                function = "csv.read"

                [stages.config]
                path = "in.csv"

                [[stages]]
                id = "%1$s"
                function = "%3$s"
                inputs = ["load"]

                [stages.config]
                %4$s

                [[stages]]
                id = "save"
                function = "csv.write"
                inputs = ["%1$s"]

                [stages.config]
                path = "%1$s.csv"
                """.formatted(name, timeoutSeconds, function, config));
    }

    /** A pipeline of built-in stages only: the runtime still works. */
    private RunReportDTO runHealthy() {
        Path pipeline = Runs.write(work.resolve("healthy.toml"), """
                [pipeline]
                name = "healthy"

                [[stages]]
                id = "load"
                function = "csv.read"

                [stages.config]
                path = "in.csv"

                [[stages]]
                id = "save"
                function = "csv.write"
                inputs = ["load"]

                [stages.config]
                path = "healthy.csv"
                """);
        RunReportDTO report = runtime.run(Runs.request(pipeline, work));
        assertEquals("id,name\n1,a\n2,b\n", Runs.read(work.resolve("healthy.csv")));
        return report;
    }

    private static List<String> messages(RunReportDTO report) {
        return report.problems.stream().map(p -> p.code + " " + p.message).toList();
    }

    private static String statusOf(RunReportDTO report, String stageId) {
        return report.stages.stream().filter(s -> s.stageId.equals(stageId)).findFirst().orElseThrow().status;
    }

    private Optional<Bundle> bundle(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return Optional.of(bundle);
            }
        }
        return Optional.empty();
    }

    private FrameworkWiring frameworkWiring() {
        return context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class);
    }

    /** Runs one command line in a new session; returns what it printed, standard output and error together. */
    private String execute(String commandLine) {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);
        try (CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), out, out)) {
            session.execute(commandLine);
            exitCode = session.get("conveyor.exit");
        } catch (Exception e) {
            throw new AssertionError(commandLine + " failed", e);
        }
        return console.toString(StandardCharsets.UTF_8);
    }
}
