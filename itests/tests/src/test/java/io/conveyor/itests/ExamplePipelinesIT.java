package io.conveyor.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import io.conveyor.api.runtime.ConveyorRuntime;
import io.conveyor.api.runtime.RunReportDTO;
import io.conveyor.api.runtime.ValidationDTO;

/** The repository's example pipelines run unchanged through the runtime service and write exactly what they should. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ExamplePipelinesIT {

    @Inject
    private ConveyorRuntime runtime;

    @Configuration
    public Option[] configuration() {
        return ConveyorOptions.conveyor(ExamplePipelinesIT.class);
    }

    /**
     * Every folder of {@code examples/} with a {@code pipeline.toml} and an {@code expected/} folder
     * runs through the runtime and writes exactly the files of {@code expected/} under
     * {@code output/}, byte for byte (binary files such as Parquet too), and nothing else. An
     * {@code expected/stdout.txt} is compared
     * with what the run printed on stdout instead.
     */
    @Test
    public void everyExampleWritesExactlyItsExpectedFiles() throws IOException {
        List<String> failures = new ArrayList<>();
        List<String> checked = new ArrayList<>();
        for (Path example : examplesWithExpectations()) {
            String name = example.getFileName().toString();
            checked.add(name);
            failures.addAll(runAndCompare(name));
        }
        assertFalse("no example was found under " + TestPaths.examples(), checked.isEmpty());
        assertEquals("examples checked: " + checked, List.of(), failures);
    }

    private static List<Path> examplesWithExpectations() throws IOException {
        try (Stream<Path> folders = Files.list(TestPaths.examples())) {
            return folders.filter(f -> Files.isRegularFile(f.resolve("pipeline.toml")))
                    .filter(f -> Files.isDirectory(f.resolve("expected")))
                    .sorted().toList();
        }
    }

    private List<String> runAndCompare(String name) throws IOException {
        Path work = TestPaths.newWorkFolder("example-" + name);
        Path pipeline = Runs.copyExample(name, work);
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        RunReportDTO report = runtime.run(Runs.request(pipeline, work).withStreams(
                new ByteArrayInputStream(new byte[0]), new PrintStream(stdout, true, StandardCharsets.UTF_8)));
        if (!"SUCCEEDED".equals(report.outcome)) {
            return List.of(name + ": " + Runs.outcome(report));
        }
        Path expected = TestPaths.examples().resolve(name).resolve("expected");
        Path output = pipeline.getParent().resolve("output");
        List<String> failures = new ArrayList<>();
        List<String> expectedFiles = relativeFiles(expected);
        for (String file : expectedFiles) {
            byte[] want = Files.readAllBytes(expected.resolve(file));
            byte[] got = file.equals("stdout.txt") ? stdout.toByteArray()
                    : Files.exists(output.resolve(file)) ? Files.readAllBytes(output.resolve(file)) : null;
            if (!Arrays.equals(want, got)) {
                failures.add(name + ": " + file + (got == null ? " was not written"
                        : " differs:\n" + new String(got, StandardCharsets.UTF_8)));
            }
        }
        List<String> extra = new ArrayList<>(relativeFiles(output));
        extra.removeAll(expectedFiles);
        if (!extra.isEmpty()) {
            failures.add(name + ": wrote files that expected/ does not have: " + extra);
        }
        return failures;
    }

    private static List<String> relativeFiles(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).map(f -> folder.relativize(f).toString()).sorted().toList();
        }
    }

    @Test
    public void quickstartWritesTheBigSalesAsPrettyJsonRecords() {
        Path work = TestPaths.newWorkFolder("quickstart");
        Path pipeline = Runs.copyExample("quickstart", work);

        RunReportDTO report = runtime.run(Runs.request(pipeline, work));

        assertEquals("SUCCEEDED", Runs.outcome(report));
        assertEquals("quickstart", report.pipelineName);
        assertEquals(List.of(
                "load_sales csv.read 0 -> 10 SUCCEEDED",
                "big_sales filter.apply 10 -> 5 SUCCEEDED",
                "save json.write 5 -> 0 SUCCEEDED"), Runs.stageLines(report));
        assertEquals(Runs.read(TestPaths.examples().resolve("quickstart/expected/big_sales.json")),
                Runs.read(work.resolve("examples/quickstart/output/big_sales.json")));
    }

    @Test
    public void fanOutFanInWritesBothOutputs() {
        Path work = TestPaths.newWorkFolder("fanout");
        Path pipeline = Runs.copyExample("fanout", work);

        RunReportDTO report = runtime.run(Runs.request(pipeline, work));

        assertEquals("SUCCEEDED", Runs.outcome(report));
        assertEquals(List.of(
                "orders csv.read 0 -> 7 SUCCEEDED",
                "returns json.read 0 -> 2 SUCCEEDED",
                "shipped filter.apply 7 -> 4 SUCCEEDED",
                "open filter.apply 7 -> 2 SUCCEEDED",
                "open_ids select.apply 2 -> 2 SUCCEEDED",
                "write_open csv.write 2 -> 0 SUCCEEDED",
                "ledger json.write 6 -> 0 SUCCEEDED"), Runs.stageLines(report));
        assertEquals(Runs.read(TestPaths.examples().resolve("fanout/expected/open_orders.csv")),
                Runs.read(work.resolve("examples/fanout/output/open_orders.csv")));
        // the sink takes its inputs in the order the pipeline lists them: shipped, then returns
        assertEquals(Runs.read(TestPaths.examples().resolve("fanout/expected/ledger.jsonl")),
                Runs.read(work.resolve("examples/fanout/output/ledger.jsonl")));
    }

    @Test
    public void nestedPipelinesPassTheOrdersThroughAndReturnTheSubPipelinesStage() {
        Path work = TestPaths.newWorkFolder("nested");
        Path pipeline = Runs.copyExample("nested", work);

        RunReportDTO report = runtime.run(Runs.request(pipeline, work));

        assertEquals("SUCCEEDED", Runs.outcome(report));
        assertEquals(List.of(
                "orders csv.read 0 -> 6 SUCCEEDED",
                "archive stage.pipeline 6 -> 6 SUCCEEDED",
                "big_orders stage.pipeline 6 -> 2 SUCCEEDED",
                "save csv.write 2 -> 0 SUCCEEDED"), Runs.stageLines(report));
        assertEquals(List.of("io.conveyor.engine", "io.conveyor.engine"), report.stages.subList(1, 3).stream()
                .map(s -> s.provider.split(" ")[0]).toList());
    }

    @Test
    public void subPipelineFilesCallingEachOtherAreRejectedWithTheCycle() {
        Path work = TestPaths.newWorkFolder("cycle");
        String calling = """
                [pipeline]
                name = "NAME"

                [[stages]]
                id = "load"
                function = "csv.read"

                [stages.config]
                path = "in.csv"

                [[stages]]
                id = "call"
                function = "stage.pipeline"
                inputs = ["load"]

                [stages.config]
                file = "OTHER"
                """;
        Path a = Runs.write(work.resolve("a.toml"), calling.replace("NAME", "a").replace("OTHER", "b.toml"));
        Runs.write(work.resolve("b.toml"), calling.replace("NAME", "b").replace("OTHER", "a.toml"));

        ValidationDTO validation = runtime.validate(Runs.request(a, work));

        assertEquals(List.of(a + ":17:1: error[CONFIG]: stage 'call': config key 'file': b.toml:17:1: "
                + "error[CONFIG]: stage 'call': config key 'file' runs a.toml, which is already running: "
                + a + " -> b.toml -> " + a), Runs.problemLines(validation.problems));
    }

    @Test
    public void validPipelineValidatesWithoutProblems() {
        Path work = TestPaths.newWorkFolder("valid");
        Path pipeline = Runs.copyExample("quickstart", work);

        ValidationDTO validation = runtime.validate(Runs.request(pipeline, work));

        assertEquals("quickstart 3 []", validation.pipelineName + " " + validation.stageCount + " "
                + Runs.problemLines(validation.problems));
        assertFalse("validating runs nothing", Files.exists(work.resolve("examples/quickstart/output")));
    }

    @Test
    public void failingStageFailsTheRunAndLeavesNoOutput() {
        Path work = TestPaths.newWorkFolder("failing");
        Path pipeline = Runs.write(work.resolve("failing.toml"), """
                [pipeline]
                name = "failing"

                [[stages]]
                id = "load"
                function = "csv.read"

                [stages.config]
                path = "missing.csv"

                [[stages]]
                id = "save"
                function = "json.write"
                inputs = ["load"]

                [stages.config]
                path = "out.json"
                """);

        RunReportDTO report = runtime.run(Runs.request(pipeline, work));

        assertEquals("FAILED", report.outcome);
        assertEquals(List.of("stage 'load' (csv.read) failed: cannot read missing.csv: no such file"),
                report.problems.stream().map(p -> p.message).toList());
        assertEquals("load csv.read 0 -> 0 FAILED", Runs.stageLines(report).get(0));
        assertEquals("save json.write 0 -> 0 CANCELLED", Runs.stageLines(report).get(1));
        assertFalse("a failed run writes nothing", Files.exists(work.resolve("out.json")));
    }

    @Test
    public void invalidPipelineIsRejectedWithLocatedProblems() {
        Path work = TestPaths.newWorkFolder("invalid");
        Path pipeline = Runs.write(work.resolve("broken.toml"), """
                [pipeline]
                name = "broken"

                [[stages]]
                id = "load"
                function = "csv.raed"

                [stages.config]
                path = "in.csv"

                [[stages]]
                id = "keep"
                function = "filter.apply"
                inputs = ["lod"]

                [stages.config]
                column = "amount"
                value = 1

                [[stages]]
                id = "save"
                function = "json.write"
                inputs = ["keep"]

                [stages.config]
                path = "out.json"
                format = "xml"
                """);
        String file = pipeline.toString();
        List<String> expected = List.of(
                file + ":6:1: error[PLUGIN]: stage 'load': function 'csv.raed' is not available (did you mean 'csv.read'?)",
                file + ":14:11: error[PLAN]: stage 'keep' lists input 'lod', which is not a stage id (did you mean 'load'?)",
                file + ":27:1: error[CONFIG]: stage 'save': config key 'format' must be one of \"records\", \"jsonl\", \"dataframe\", got \"xml\"");

        assertEquals(expected, Runs.problemLines(runtime.validate(Runs.request(pipeline, work)).problems));

        RunReportDTO report = runtime.run(Runs.request(pipeline, work));
        assertEquals("INVALID", report.outcome);
        assertEquals(expected, Runs.problemLines(report.problems));
    }
}
