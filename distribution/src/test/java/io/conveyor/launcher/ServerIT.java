package io.conveyor.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerIT {

    @TempDir
    Path temp;

    private static String readyLine(Path home) {
        return "Conveyor server ready: home=" + home + ", deploy=" + home + "/deploy";
    }

    @Test
    void headlessServerComesUpAndStopsCleanlyOnSigterm() throws Exception {
        Path home = temp.resolve("home");
        try (DistributionProcess.Running server = DistributionProcess.start(temp, "server", "--home", home.toString(), "--headless")) {
            assertEquals(readyLine(home), server.awaitLine("Conveyor server ready"));
            // nothing before it: in particular no warning that the engine did not start
            assertEquals(List.of(readyLine(home)), server.seen());

            assertEquals(server.process().pid() + "\n", Files.readString(home.resolve("conveyor.pid")));
            for (String folder : List.of("deploy", "pipelines", "etc", "logs", "cache")) {
                assertTrue(Files.isDirectory(home.resolve(folder)), folder);
            }
            assertTrue(Files.isRegularFile(home.resolve("etc/gosh_profile")));

            assertEquals(0, server.terminate());
            assertFalse(Files.exists(home.resolve("conveyor.pid")));
            assertTrue(Files.isRegularFile(home.resolve("logs/conveyor.log")));
        }
    }

    @Test
    void bundlesInDeployAndConfigurationsInEtcAreTakenUp() throws Exception {
        Path home = temp.resolve("home");
        try (DistributionProcess.Running server = DistributionProcess.start(temp,
                Map.of("CONVEYOR_OPTS", "-Dfelix.fileinstall.poll=200"), "server", "--home", home.toString(), "--headless")) {
            server.awaitLine("Conveyor server ready");

            Path jar = temp.resolve("deployed.jar");
            Manifest manifest = new Manifest();
            manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
            manifest.getMainAttributes().putValue("Bundle-ManifestVersion", "2");
            manifest.getMainAttributes().putValue("Bundle-SymbolicName", "test.deployed");
            manifest.getMainAttributes().putValue("Bundle-Version", "1.2.3");
            new JarOutputStream(Files.newOutputStream(jar), manifest).close(); // a manifest is all a bundle needs
            Files.move(jar, home.resolve("deploy/deployed.jar"), StandardCopyOption.ATOMIC_MOVE);
            Path cfg = temp.resolve("conveyor.test.cfg");
            Files.writeString(cfg, "answer = 42\n");
            Files.move(cfg, home.resolve("etc/conveyor.test.cfg"), StandardCopyOption.ATOMIC_MOVE);

            Path log = home.resolve("logs/conveyor.log");
            DistributionProcess.awaitFileContains(log, "Started bundle: file:" + home + "/deploy/deployed.jar");
            DistributionProcess.awaitFileContains(log, "Creating configuration {conveyor.test} from " + home + "/etc/conveyor.test.cfg");
            assertEquals(0, server.terminate());
        }
    }

    @Test
    void pipelineFilesArePickedUpAtStartAndWhenDropped() throws Exception {
        Path home = temp.resolve("home");
        Files.writeString(temp.resolve("in.csv"), "id\n1\n2\n");
        Files.createDirectories(home.resolve("pipelines"));
        Files.writeString(home.resolve("pipelines/early.toml"), copyPipeline("early"));
        try (DistributionProcess.Running server = DistributionProcess.start(temp,
                Map.of("CONVEYOR_OPTS", "-Dfelix.fileinstall.poll=200"), "server", "--home", home.toString(), "--headless")) {
            server.awaitLine("Conveyor server ready");
            DistributionProcess.awaitFileContains(temp.resolve("early.csv"), "id\n1\n2\n");

            Path staged = Files.writeString(temp.resolve("late.toml"), copyPipeline("late"));
            Files.move(staged, home.resolve("pipelines/late.toml"), StandardCopyOption.ATOMIC_MOVE);
            DistributionProcess.awaitFileContains(temp.resolve("late.csv"), "id\n1\n2\n");

            Path log = home.resolve("logs/conveyor.log");
            DistributionProcess.awaitFileContains(log, "Pipeline late deployed (once)");
            DistributionProcess.awaitFileContains(log, "Pipeline late run 1 SUCCEEDED");

            DistributionProcess.Completed status = DistributionProcess.run(temp, "client", "--home", home.toString(),
                    "status", "late");
            assertEquals(List.of(0, ""), List.of(status.exitCode(), status.stderr()));
            assertTrue(status.stdout().startsWith("late\n  pipeline:  late\n  file:      pipelines/late.toml\n"
                    + "  schedule:  once\n  state:     IDLE\n"), status.stdout());
            DistributionProcess.Completed unknown = DistributionProcess.run(temp, "client", "--home", home.toString(),
                    "history", "lat");
            assertEquals(List.of(2, "conveyor: no such pipeline: lat (did you mean 'late'?)\n"),
                    List.of(unknown.exitCode(), unknown.stderr()));
            assertEquals(0, server.terminate());
        }
    }

    @Test
    void theRunHistoryBoundIsASettingThatAppliesWithoutRestart() throws Exception {
        Path home = temp.resolve("home");
        Files.writeString(temp.resolve("in.csv"), "id\n1\n");
        try (DistributionProcess.Running server = DistributionProcess.start(temp,
                Map.of("CONVEYOR_OPTS", "-Dfelix.fileinstall.poll=200"), "server", "--home", home.toString(), "--headless")) {
            server.awaitLine("Conveyor server ready");
            Path cfg = Files.writeString(temp.resolve("io.conveyor.deploy.cfg"), "history.size = 2\n");
            Files.move(cfg, home.resolve("etc/io.conveyor.deploy.cfg"), StandardCopyOption.ATOMIC_MOVE);
            Path log = home.resolve("logs/conveyor.log");
            DistributionProcess.awaitFileContains(log, "Updating configuration {io.conveyor.deploy}");

            Path staged = Files.writeString(temp.resolve("ticks.toml"), copyPipeline("ticks")
                    .replace("name = \"ticks\"\n", "name = \"ticks\"\n\n[schedule]\ninterval = \"200ms\"\n"));
            Files.move(staged, home.resolve("pipelines/ticks.toml"), StandardCopyOption.ATOMIC_MOVE);
            DistributionProcess.awaitFileContains(log, "Pipeline ticks run 4 SUCCEEDED");

            DistributionProcess.Completed history = DistributionProcess.run(temp, "client", "--home", home.toString(),
                    "history", "ticks");
            assertEquals(0, history.exitCode(), history.stderr());
            List<String> lines = history.stdout().lines().toList();
            assertEquals(3, lines.size(), history.stdout()); // the header and two runs
            assertTrue(lines.get(0).startsWith("run  trigger   started"), lines.get(0));
            assertEquals(0, server.terminate());
        }
    }

    @Test
    void aCronPipelineRunsAtEachMatchingSecondAndIsListedWithItsCron() throws Exception {
        Path home = temp.resolve("home");
        Files.writeString(temp.resolve("in.csv"), "id\n1\n");
        try (DistributionProcess.Running server = DistributionProcess.start(temp,
                Map.of("CONVEYOR_OPTS", "-Dfelix.fileinstall.poll=200"), "server", "--home", home.toString(), "--headless")) {
            server.awaitLine("Conveyor server ready");

            Path staged = Files.writeString(temp.resolve("each.toml"), copyPipeline("each")
                    .replace("name = \"each\"\n", "name = \"each\"\n\n[schedule]\ncron = \"* * * * * *\"\ntimezone = \"UTC\"\n"));
            Files.move(staged, home.resolve("pipelines/each.toml"), StandardCopyOption.ATOMIC_MOVE);
            Path log = home.resolve("logs/conveyor.log");
            DistributionProcess.awaitFileContains(log, "Pipeline each deployed (cron '* * * * * *' in UTC)");
            DistributionProcess.awaitFileContains(log, "Pipeline each run 2 SUCCEEDED");

            DistributionProcess.Completed history = DistributionProcess.run(temp, "client", "--home", home.toString(),
                    "history", "each");
            assertEquals(0, history.exitCode(), history.stderr());
            assertTrue(history.stdout().lines().skip(1).allMatch(line -> line.contains("  schedule  ")),
                    history.stdout());
            DistributionProcess.Completed pipelines = DistributionProcess.run(temp, "client", "--home",
                    home.toString(), "pipelines");
            assertEquals(0, pipelines.exitCode(), pipelines.stderr());
            assertTrue(pipelines.stdout().contains("each  each      cron * * * * * * UTC  "), pipelines.stdout());
            assertEquals(0, server.terminate());
        }
    }

    /** A pipeline copying in.csv to NAME.csv, both in the test's folder. */
    private String copyPipeline(String name) {
        return TestPipelines.copy(name, temp);
    }

    @Test
    void twoServersWithDifferentHomesRunSideBySide() throws Exception {
        Path home1 = temp.resolve("one");
        Path home2 = temp.resolve("two");
        try (DistributionProcess.Running first = DistributionProcess.start(temp, "server", "--home", home1.toString(), "--headless");
                DistributionProcess.Running second = DistributionProcess.start(temp, "server", "--home=" + home2, "--headless")) {
            assertEquals(readyLine(home1), first.awaitLine("Conveyor server ready"));
            assertEquals(readyLine(home2), second.awaitLine("Conveyor server ready"));
            assertEquals(first.process().pid() + "\n", Files.readString(home1.resolve("conveyor.pid")));
            assertEquals(second.process().pid() + "\n", Files.readString(home2.resolve("conveyor.pid")));

            assertEquals(0, first.terminate());
            assertTrue(second.process().isAlive());
            assertEquals(0, second.terminate());
        }
    }

    @Test
    void aSecondServerOnTheSameHomeIsRefused() throws Exception {
        Path home = temp.resolve("home");
        try (DistributionProcess.Running server = DistributionProcess.start(temp, "server", "--home", home.toString(), "--headless")) {
            server.awaitLine("Conveyor server ready");

            DistributionProcess.Completed second = DistributionProcess.run(temp, "server", "--home", home.toString(), "--headless");

            assertEquals(2, second.exitCode());
            assertEquals("conveyor: the server home " + home + " is already in use by a running server (pid "
                    + server.process().pid() + ")\n", second.stderr());
            assertEquals("", second.stdout());
            assertEquals(server.process().pid() + "\n", Files.readString(home.resolve("conveyor.pid")));
            assertEquals(0, server.terminate());
        }
    }
}
