package io.conveyor.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/conveyor's own answers: version, help and usage errors. */
class CliIT {

    private static final String USAGE_LINE =
            "usage: conveyor [--log-level LEVEL] <command> [args]  ('conveyor help' lists the commands)\n";

    @TempDir
    Path workingDirectory;

    @Test
    void versionIsPrintedOnStdout() throws Exception {
        DistributionProcess.Completed result = DistributionProcess.run(workingDirectory, "--version");

        assertEquals(0, result.exitCode());
        assertEquals("conveyor " + System.getProperty("conveyor.version") + "\n", result.stdout());
        assertEquals("", result.stderr());
    }

    @Test
    void theLauncherFindsItsDistributionThroughSymlinks() throws Exception {
        Path bin = Files.createDirectories(workingDirectory.resolve("bin"));
        Path link = Files.createSymbolicLink(bin.resolve("conveyor"), DistributionProcess.distribution().resolve("bin/conveyor"));
        Path linkToLink = Files.createSymbolicLink(workingDirectory.resolve("cv"), Path.of("bin/conveyor"));

        for (Path script : List.of(link, linkToLink)) {
            DistributionProcess.Completed result = DistributionProcess.runScript(script, workingDirectory, Map.of(), "--version");
            assertEquals(0, result.exitCode(), result.stderr());
            assertEquals("conveyor " + System.getProperty("conveyor.version") + "\n", result.stdout());
        }
    }

    @Test
    void conveyorOptsReachTheJvm() throws Exception {
        DistributionProcess.Completed result = DistributionProcess.run(workingDirectory,
                Map.of("CONVEYOR_OPTS", "-Dconveyor.startup.timeout=soon"), "list");

        assertEquals(2, result.exitCode());
        assertEquals("conveyor: -Dconveyor.startup.timeout must be a positive number of seconds, got 'soon'\n",
                result.stderr());
    }

    @Test
    void theBuildsClassDataArchiveServesTheFrameworkAndThePlugins() throws Exception {
        // -Xlog:class+load prints on stdout where each class came from; the archive is the "shared
        // objects file (top)" layer, above the JDK's own
        DistributionProcess.Completed result = DistributionProcess.run(workingDirectory,
                Map.of("CONVEYOR_OPTS", "-Xlog:class+load=info"), "list");

        assertEquals(0, result.exitCode(), result.stderr());
        for (String name : List.of("org.apache.felix.framework.Felix", "io.conveyor.launcher.Main",
                "org.apache.felix.scr.impl.Activator", "io.conveyor.plugin.core.internal.csv.CsvReadSource")) {
            assertTrue(result.stdout().contains(" " + name + " source: shared objects file (top)"),
                    name + " was not loaded from the archive");
        }
    }

    @Test
    void xshareOffRunsWithoutTheArchive() throws Exception {
        DistributionProcess.Completed result = DistributionProcess.run(workingDirectory,
                Map.of("CONVEYOR_OPTS", "-Xshare:off -Xlog:class+load=info"), "list");

        assertEquals(0, result.exitCode(), result.stderr());
        assertFalse(result.stdout().contains("shared objects file"), "a class came from an archive");
        assertTrue(result.stdout().contains("io.conveyor.plugin.core.internal.csv.CsvReadSource"));
    }

    @Test
    void infoOfAFunctionWithTwoRolesNamesBoth() throws Exception {
        DistributionProcess.Completed result = DistributionProcess.run(workingDirectory, "info", "stage.pipeline");

        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals("stage.pipeline (source, transform)", result.stdout().lines().findFirst().orElseThrow());
    }

    @Test
    void helpIsPrintedOnStdout() throws Exception {
        DistributionProcess.Completed result = DistributionProcess.run(workingDirectory, "help");

        assertEquals(0, result.exitCode());
        assertEquals(Usage.TEXT, result.stdout());
        assertEquals("", result.stderr());
    }

    @Test
    void graphDrawsAPipelineFileAsMermaidOrDot() throws Exception {
        Path pipeline = Path.of(System.getProperty("conveyor.examples")).resolve("quickstart/pipeline.toml");

        DistributionProcess.Completed mermaid = DistributionProcess.run(workingDirectory, "graph", "--format", "mermaid",
                pipeline.toString());
        DistributionProcess.Completed dot = DistributionProcess.run(workingDirectory, "graph", pipeline.toString());

        assertEquals(List.of(0, ""), List.of(mermaid.exitCode(), mermaid.stderr()));
        assertEquals("""
                flowchart LR
                  load_sales(["load_sales<br/>csv.read"])
                  big_sales["big_sales<br/>filter.apply"]
                  save[("save<br/>json.write")]
                  load_sales --> big_sales
                  big_sales --> save
                """, mermaid.stdout());
        assertEquals("""
                digraph "quickstart" {
                  rankdir=LR;
                  "load_sales" [label="load_sales\\ncsv.read", shape=invhouse];
                  "big_sales" [label="big_sales\\nfilter.apply", shape=box];
                  "save" [label="save\\njson.write", shape=house];
                  "load_sales" -> "big_sales";
                  "big_sales" -> "save";
                }
                """, dot.stdout());
    }

    @Test
    void unknownCommandExitsWithTwo() throws Exception {
        DistributionProcess.Completed result = DistributionProcess.run(workingDirectory, "rnu", "pipeline.toml");

        assertEquals(2, result.exitCode());
        assertEquals("", result.stdout());
        assertEquals("conveyor: unknown command 'rnu'\n" + USAGE_LINE, result.stderr());
    }

    @Test
    void runWithoutAPipelineExitsWithTwo() throws Exception {
        DistributionProcess.Completed result = DistributionProcess.run(workingDirectory, "run");

        assertEquals(2, result.exitCode());
        assertEquals("", result.stdout());
        assertEquals("conveyor: run needs a pipeline file\n" + USAGE_LINE, result.stderr());
    }

    @Test
    void badLogLevelExitsWithTwo() throws Exception {
        DistributionProcess.Completed result = DistributionProcess.run(workingDirectory, "--log-level", "loud", "list");

        assertEquals(2, result.exitCode());
        assertEquals("conveyor: --log-level must be one of trace, debug, info, warn, error, off, got 'loud'\n" + USAGE_LINE,
                result.stderr());
    }
}
