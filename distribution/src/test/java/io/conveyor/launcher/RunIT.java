package io.conveyor.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pipelines run and validated through bin/conveyor, with the engine and the built-in plugins. */
class RunIT {


    /** The quickstart's report with times masked and column padding collapsed. */
    private static final String QUICKSTART_REPORT = """
            pipeline 'quickstart': SUCCEEDED in N ms

            stage function status rows in rows out batches in batches out time
            load_sales csv.read SUCCEEDED - 10 - 1 N ms
            big_sales filter.apply SUCCEEDED 10 5 1 1 N ms
            save json.write SUCCEEDED 5 - 1 - N ms
            """;

    @TempDir
    Path workingDirectory;

    /** What the quickstart must write, kept next to the example. */
    static String expectedQuickstartOutput() throws IOException {
        return Files.readString(Path.of(System.getProperty("conveyor.examples")).resolve("quickstart/expected/big_sales.json"));
    }

    /** A copy of examples/quickstart (without any output) under {@code dir}/examples/quickstart. */
    static void copyQuickstart(Path dir) throws IOException {
        Path from = Path.of(System.getProperty("conveyor.examples")).resolve("quickstart");
        Path to = dir.resolve("examples/quickstart");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path relative = from.relativize(file);
                if (relative.startsWith("output")) {
                    continue;
                }
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to.resolve(relative));
                } else {
                    Files.copy(file, to.resolve(relative));
                }
            }
        }
    }

    private static String maskTimes(String report) {
        // a loaded machine turns "850 ms" into "1.05 s": both are a duration, masked alike
        return report.replaceAll("\\d+ ms|\\d+\\.\\d\\d s", "N ms").replaceAll(" {2,}", " ").replaceAll(" +\n", "\n");
    }

    @Test
    void quickstartRunsFromTheWorkingDirectory() throws Exception {
        copyQuickstart(workingDirectory);

        DistributionProcess.Completed result = DistributionProcess.run(workingDirectory, "run", "examples/quickstart/pipeline.toml");

        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals("", result.stdout());
        assertEquals(QUICKSTART_REPORT, maskTimes(result.stderr()));
        assertEquals(expectedQuickstartOutput(), Files.readString(workingDirectory.resolve("examples/quickstart/output/big_sales.json")));
    }

    @Test
    void stdinReadsWhatIsPipedIntoTheCommand() throws Exception {
        Files.writeString(workingDirectory.resolve("pipe.toml"), """
                [pipeline]
                name = "pipe"

                [[stages]]
                id = "in"
                function = "stdin.read"

                [stages.config]
                format = "csv"

                [[stages]]
                id = "out"
                function = "stdout.write"
                inputs = ["in"]

                [stages.config]
                format = "csv"
                """);

        DistributionProcess.Completed result = DistributionProcess.runWithInput(workingDirectory,
                "id,name\n1,a\n2,b\n", "run", "pipe.toml");

        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals("id,name\n1,a\n2,b\n", result.stdout());
        assertEquals("""
                pipeline 'pipe': SUCCEEDED in N ms

                stage function status rows in rows out batches in batches out time
                in stdin.read SUCCEEDED - 2 - 1 N ms
                out stdout.write SUCCEEDED 2 - 1 - N ms
                """, maskTimes(result.stderr()));
    }

    @Test
    void severalRunsProceedSideBySide() throws Exception {
        List<Path> dirs = List.of(workingDirectory.resolve("one"), workingDirectory.resolve("two"), workingDirectory.resolve("three"));
        for (Path dir : dirs) {
            copyQuickstart(dir);
        }
        ExecutorService pool = Executors.newFixedThreadPool(dirs.size());
        try {
            List<Future<DistributionProcess.Completed>> runs = new ArrayList<>();
            for (Path dir : dirs) {
                runs.add(pool.submit(() -> DistributionProcess.run(dir, "run", "examples/quickstart/pipeline.toml")));
            }
            for (int i = 0; i < dirs.size(); i++) {
                DistributionProcess.Completed result = runs.get(i).get();
                assertEquals(0, result.exitCode(), result.stderr());
                assertEquals(expectedQuickstartOutput(), Files.readString(dirs.get(i).resolve("examples/quickstart/output/big_sales.json")));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void validateOfABrokenPipelineExitsWithTwoAndTheLocatedProblem() throws Exception {
        Files.writeString(workingDirectory.resolve("broken.toml"), """
                [pipeline]
                name = "broken"

                [[stages]]
                id = "load"
                function = "csv.read"

                [stages.config]
                path = "a.csv"

                [[stages]]
                id = "load"
                function = "csv.read"

                [stages.config]
                path = "b.csv"
                """);

        DistributionProcess.Completed result = DistributionProcess.run(workingDirectory, "validate", "broken.toml");

        assertEquals(2, result.exitCode());
        assertEquals("", result.stdout());
        assertEquals("broken.toml:11:1: error[PLAN]: duplicate stage id 'load' (first defined at broken.toml:4:1)\n",
                result.stderr());
    }

    @Test
    void aMissingPluginFailsAtOnceOnTheCommandLine() throws Exception {
        // the CLI starts every bundle first: a long timeout must not become a wait
        Files.writeString(workingDirectory.resolve("plugins.toml"), """
                [pipeline]
                name = "plugins"

                [global]
                timeout_seconds = 600
                plugins = ["csv.read", "stamp.apply"]

                [[stages]]
                id = "load"
                function = "csv.read"

                [stages.config]
                path = "a.csv"
                """);

        DistributionProcess.Completed result = DistributionProcess.run(workingDirectory, "validate", "plugins.toml");

        assertEquals(2, result.exitCode());
        assertEquals("", result.stdout());
        assertEquals("plugins.toml:6:1: error[PLUGIN]: [global] plugins: 'stamp.apply' is not available\n",
                result.stderr());
    }

    @Test
    void validateSuggestsTheFunctionMeant() throws Exception {
        // "did you mean" uses the commons-text bundle the engine imports: this is its check inside OSGi
        Files.writeString(workingDirectory.resolve("typo.toml"), """
                [pipeline]
                name = "typo"

                [[stages]]
                id = "load"
                function = "csv.raed"

                [stages.config]
                path = "a.csv"
                """);

        DistributionProcess.Completed result = DistributionProcess.run(workingDirectory, "validate", "typo.toml");

        assertEquals(2, result.exitCode());
        assertEquals("", result.stdout());
        assertEquals("typo.toml:6:1: error[PLUGIN]: stage 'load': function 'csv.raed' is not available"
                + " (did you mean 'csv.read'?)\n", result.stderr());
    }

    @Test
    void aStageFailureExitsWithOneAndLeavesNoOutput() throws Exception {
        Files.writeString(workingDirectory.resolve("fails.toml"), """
                [pipeline]
                name = "fails"

                [[stages]]
                id = "load"
                function = "csv.read"

                [stages.config]
                path = "data/missing.csv"

                [[stages]]
                id = "save"
                function = "json.write"
                inputs = ["load"]

                [stages.config]
                path = "out.json"
                """);

        DistributionProcess.Completed result = DistributionProcess.run(workingDirectory, "run", "fails.toml");

        assertEquals(1, result.exitCode());
        assertEquals("", result.stdout());
        assertEquals("""
                pipeline 'fails': FAILED in N ms

                stage function status rows in rows out batches in batches out time
                load csv.read FAILED - 0 - 0 N ms
                save json.write CANCELLED 0 - 0 - N ms

                fails.toml:9:1: error[IO]: stage 'load' (csv.read) failed: cannot read data/missing.csv: no such file
                """, maskTimes(result.stderr()));
        assertFalse(Files.exists(workingDirectory.resolve("out.json")));
    }

    @Test
    void aMissingPipelineFileExitsWithTwo() throws Exception {
        DistributionProcess.Completed result = DistributionProcess.run(workingDirectory, "run", "nothere.toml");

        assertEquals(2, result.exitCode());
        assertEquals("", result.stdout());
        assertEquals("conveyor: no such file: nothere.toml\n", result.stderr());
    }
}
