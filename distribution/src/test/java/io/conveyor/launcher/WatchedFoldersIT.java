package io.conveyor.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The watched folders and FileInstall's poll (etc/io.conveyor.deploy.cfg: pipelines.dir,
 * deploy.dir, poll.millis) changed in a running server. Every step waits for evidence that the
 * one before took effect, never for time to pass.
 */
class WatchedFoldersIT {

    private static final Map<String, String> ETC_POLL_200 = Map.of("CONVEYOR_OPTS", "-Dfelix.fileinstall.poll=200");

    @TempDir
    Path temp;

    private Path home;
    private Path log;

    @Test
    void thePipelinesFolderAndThePollChangeWithoutRestart() throws Exception {
        home = temp.resolve("home");
        log = home.resolve("logs/conveyor.log");
        Files.writeString(temp.resolve("in.csv"), "id\n1\n");
        try (DistributionProcess.Running server = DistributionProcess.start(temp, ETC_POLL_200,
                "server", "--home", home.toString(), "--headless")) {
            server.awaitLine("Conveyor server ready");
            drop(copyPipeline("a"), home.resolve("pipelines/a.toml"));
            DistributionProcess.awaitFileContains(log, "Pipeline a deployed (once)");

            // a new folder, whose files are there already, and a poll of an hour
            Path flows = Files.createDirectories(home.resolve("flows"));
            Files.writeString(flows.resolve("b.toml"), copyPipeline("b"));
            Files.writeString(flows.resolve("tick.toml"), copyPipeline("tick")
                    .replace("name = \"tick\"\n", "name = \"tick\"\n\n[schedule]\ninterval = \"100ms\"\n"));
            settings("pipelines.dir = flows\npoll.millis = 3600000\n");
            DistributionProcess.awaitFileContains(log, "Pipeline files are deployed from " + flows + " instead of "
                    + home.resolve("pipelines"));
            DistributionProcess.awaitFileContains(log, "Pipeline a undeployed");
            DistributionProcess.awaitFileContains(log, "Watching " + flows + " for pipeline files every 3600000 ms");
            DistributionProcess.awaitFileContains(log, "Pipeline b deployed (once)");
            DistributionProcess.awaitFileContains(log, "Pipeline tick deployed (interval every 100ms)");

            // the new watcher looked at flows/ once and looks again in an hour: while tick runs
            // ten more times, c stays unseen (with a 200 ms poll it would have been deployed)
            drop(copyPipeline("c"), flows.resolve("c.toml"));
            DistributionProcess.awaitFileContains(log, "Pipeline tick run " + (lastRun("tick") + 10) + " SUCCEEDED");
            assertEquals(List.of("b flows/b.toml", "tick flows/tick.toml"), deployed());

            settings("pipelines.dir = flows\npoll.millis = 200\n");
            DistributionProcess.awaitFileContains(log, "Pipeline c deployed (once)"); // the new watcher's first look
            drop(copyPipeline("d"), flows.resolve("d.toml"));
            DistributionProcess.awaitFileContains(log, "Pipeline d deployed (once)"); // its next polls
            DistributionProcess.awaitFileContains(temp.resolve("d.csv"), "id\n1\n");

            assertEquals(List.of("b flows/b.toml", "c flows/c.toml", "d flows/d.toml", "tick flows/tick.toml"),
                    deployed());
            assertEquals(0, server.terminate());
        }
    }

    @Test
    void theDeployFolderChangesWithoutRestart() throws Exception {
        home = temp.resolve("home");
        log = home.resolve("logs/conveyor.log");
        try (DistributionProcess.Running server = DistributionProcess.start(temp, ETC_POLL_200,
                "server", "--home", home.toString(), "--headless")) {
            server.awaitLine("Conveyor server ready");
            Path plugins = Files.createDirectories(temp.resolve("plugins"));
            Files.move(bundle("test.first"), plugins.resolve("first.jar"), StandardCopyOption.ATOMIC_MOVE);

            settings("deploy.dir = " + plugins + "\n");
            DistributionProcess.awaitFileContains(log, "Started bundle: file:" + plugins + "/first.jar");
            // the old folder is no longer watched, the new one is polled
            Files.move(bundle("test.old"), home.resolve("deploy/old.jar"), StandardCopyOption.ATOMIC_MOVE);
            Files.move(bundle("test.second"), plugins.resolve("second.jar"), StandardCopyOption.ATOMIC_MOVE);
            DistributionProcess.awaitFileContains(log, "Started bundle: file:" + plugins + "/second.jar");

            assertFalse(Files.readString(log).contains("deploy/old.jar"), Files.readString(log));
            assertEquals(0, server.terminate());
        }
    }

    @Test
    void settingsWrittenBeforeStartApplyToTheFirstLookAtTheFolders() throws Exception {
        home = temp.resolve("home");
        log = home.resolve("logs/conveyor.log");
        Files.writeString(temp.resolve("in.csv"), "id\n1\n");
        Files.createDirectories(home.resolve("etc"));
        Files.writeString(home.resolve("etc/io.conveyor.deploy.cfg"), "pipelines.dir = flows\n");
        Files.createDirectories(home.resolve("pipelines"));
        Files.writeString(home.resolve("pipelines/stale.toml"), copyPipeline("stale"));
        Files.createDirectories(home.resolve("flows"));
        Files.writeString(home.resolve("flows/fresh.toml"), copyPipeline("fresh"));
        try (DistributionProcess.Running server = DistributionProcess.start(temp, ETC_POLL_200,
                "server", "--home", home.toString(), "--headless")) {
            server.awaitLine("Conveyor server ready");
            DistributionProcess.awaitFileContains(log, "Pipeline fresh run 1 SUCCEEDED");

            // the default folder was never watched, not even until etc/ was read
            assertFalse(Files.readString(log).contains("Pipeline stale"), Files.readString(log));
            assertEquals(List.of("fresh flows/fresh.toml"), deployed());
            assertEquals(0, server.terminate());
        }
    }

    @Test
    void aHomeWithoutDeploySettingsWatchesItsDefaultFolders() throws Exception {
        home = temp.resolve("home");
        log = home.resolve("logs/conveyor.log");
        Files.writeString(temp.resolve("in.csv"), "id\n1\n");
        Files.createDirectories(home.resolve("etc")); // an older home: no io.conveyor.deploy.cfg
        try (DistributionProcess.Running server = DistributionProcess.start(temp, ETC_POLL_200,
                "server", "--home", home.toString(), "--headless")) {
            server.awaitLine("Conveyor server ready");
            Files.move(bundle("test.deployed"), home.resolve("deploy/deployed.jar"), StandardCopyOption.ATOMIC_MOVE);
            drop(copyPipeline("late"), home.resolve("pipelines/late.toml"));

            DistributionProcess.awaitFileContains(log, "Started bundle: file:" + home + "/deploy/deployed.jar");
            DistributionProcess.awaitFileContains(log, "Pipeline late run 1 SUCCEEDED");
            assertFalse(Files.exists(home.resolve("etc/io.conveyor.deploy.cfg")));
            assertEquals(0, server.terminate());
        }
    }

    /** Replaces etc/io.conveyor.deploy.cfg in one step, as an operator should. */
    private void settings(String text) throws IOException {
        Path staged = Files.writeString(temp.resolve("io.conveyor.deploy.cfg"), text);
        Files.move(staged, home.resolve("etc/io.conveyor.deploy.cfg"), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    private void drop(String text, Path target) throws IOException {
        Path staged = Files.writeString(temp.resolve(target.getFileName() + ".part"), text);
        Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The number of the last run of {@code name} the log shows. */
    private long lastRun(String name) throws IOException {
        Matcher run = Pattern.compile("Pipeline " + name + " run (\\d+) ").matcher(Files.readString(log));
        long last = 0;
        while (run.find()) {
            last = Long.parseLong(run.group(1));
        }
        return last;
    }

    /** "name file" of every deployed pipeline, as {@code conveyor client pipelines --json} lists them. */
    private List<String> deployed() throws Exception {
        DistributionProcess.Completed pipelines = DistributionProcess.run(temp, "client", "--home", home.toString(),
                "pipelines", "--json");
        assertEquals(0, pipelines.exitCode(), pipelines.stderr());
        List<String> names = new ArrayList<>();
        for (JsonNode deployment : new ObjectMapper().readTree(pipelines.stdout())) {
            names.add(deployment.get("name").asText() + " " + deployment.get("file").asText());
        }
        return names;
    }

    /** An empty bundle named {@code symbolicName}, in the test's folder: a manifest is all a bundle needs. */
    private Path bundle(String symbolicName) throws IOException {
        Path jar = temp.resolve(symbolicName + ".jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Bundle-ManifestVersion", "2");
        manifest.getMainAttributes().putValue("Bundle-SymbolicName", symbolicName);
        manifest.getMainAttributes().putValue("Bundle-Version", "1.0.0");
        new JarOutputStream(Files.newOutputStream(jar), manifest).close();
        return jar;
    }

    /** A pipeline copying in.csv to NAME.csv, both in the test's folder. */
    private String copyPipeline(String name) {
        return TestPipelines.copy(name, temp);
    }
}
