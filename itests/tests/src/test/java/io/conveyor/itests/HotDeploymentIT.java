package io.conveyor.itests;

import static org.junit.Assert.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
import org.osgi.framework.BundleContext;

import io.conveyor.api.runtime.ConveyorRuntime;
import io.conveyor.api.runtime.RunReportDTO;

/**
 * A plugin bundle dropped into the deploy folder is used by the next run; replacing the file
 * upgrades it, deleting it removes it: all without a restart.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HotDeploymentIT {

    private static final String JAR = "stamp.jar";
    private static final String STAMP = "stamp.apply";

    private static final String HEADER = """
            [pipeline]
            name = "stamped"

            """;

    private static final String STAGES = """
            [[stages]]
            id = "load"
            function = "csv.read"

            [stages.config]
            path = "in.csv"

            [[stages]]
            id = "s"
            function = "stamp.apply"
            inputs = ["load"]

            [[stages]]
            id = "save"
            function = "csv.write"
            inputs = ["s"]

            [stages.config]
            path = "out.csv"
            """;

    @Inject
    private BundleContext context;

    @Inject
    private ConveyorRuntime runtime;

    private DeployFolder deploy;
    private Path work;

    @Configuration
    public Option[] configuration() {
        return ConveyorOptions.conveyor(HotDeploymentIT.class);
    }

    @Before
    public void startWithoutThePlugin() {
        deploy = new DeployFolder(Path.of(context.getProperty(ConveyorOptions.DEPLOY_DIR)));
        work = TestPaths.newWorkFolder("stamped");
        Runs.write(work.resolve("in.csv"), "id,name\n1,a\n2,b\n");
        assertEquals("stamp.apply before the test", "absent", providerOf(STAMP));
    }

    @After
    public void removeThePlugin() {
        deploy.remove(JAR);
        Await.until("stamp.apply to go away", () -> runtime.function(STAMP).isEmpty());
    }

    @Test
    public void deployedPluginIsUsedUpgradedAndRemovedWithoutRestart() {
        deploy.deploy(TestPaths.stampPlugin(), JAR);
        awaitProvider("io.conveyor.itests.stamp 1.0.0");
        assertEquals("SUCCEEDED", Runs.outcome(runStamped()));
        assertEquals("id,name,stamp\n1,a,1.0.0\n2,b,1.0.0\n", Runs.read(work.resolve("out.csv")));

        deploy.deploy(deploy.withBundleVersion(TestPaths.stampPlugin(), "2.0.0"), JAR);
        awaitProvider("io.conveyor.itests.stamp 2.0.0");
        assertEquals("SUCCEEDED", Runs.outcome(runStamped()));
        assertEquals("id,name,stamp\n1,a,2.0.0\n2,b,2.0.0\n", Runs.read(work.resolve("out.csv")));

        deploy.remove(JAR);
        awaitProvider("absent");
        RunReportDTO report = runStamped();
        assertEquals("INVALID", report.outcome);
        assertEquals(List.of("stage 's': function 'stamp.apply' is not available (did you mean 'map.apply'?)"),
                report.problems.stream().map(p -> p.message).toList());
    }

    @Test
    public void runRequiringAPluginWaitsForItsDeployment() throws Exception {
        Path pipeline = Runs.write(work.resolve("waiting.toml"),
                HEADER + "[global]\nplugins = [\"stamp.apply\"]\n\n" + STAGES);
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            CompletableFuture<RunReportDTO> run =
                    CompletableFuture.supplyAsync(() -> runtime.run(Runs.request(pipeline, work)), caller);

            deploy.deploy(TestPaths.stampPlugin(), JAR);

            // beyond the engine's own bound on waiting, so that its answer is seen rather than a timeout
            RunReportDTO report = run.get(2 * Await.BOUND.toSeconds(), TimeUnit.SECONDS);
            assertEquals("SUCCEEDED", Runs.outcome(report));
            assertEquals("id,name,stamp\n1,a,1.0.0\n2,b,1.0.0\n", Runs.read(work.resolve("out.csv")));
        } finally {
            caller.shutdownNow();
            caller.awaitTermination(Await.BOUND.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private RunReportDTO runStamped() {
        return runtime.run(Runs.request(Runs.write(work.resolve("stamped.toml"), HEADER + STAGES), work));
    }

    private void awaitProvider(String expected) {
        Await.until("stamp.apply provider to be " + expected, () -> expected.equals(providerOf(STAMP)));
    }

    private String providerOf(String function) {
        return runtime.function(function).map(f -> f.bundleSymbolicName + " " + f.bundleVersion).orElse("absent");
    }
}
