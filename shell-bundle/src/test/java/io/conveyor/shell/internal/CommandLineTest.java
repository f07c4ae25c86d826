package io.conveyor.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.conveyor.api.runtime.ConveyorRuntime;
import io.conveyor.api.runtime.FunctionDTO;
import io.conveyor.api.runtime.PipelineDescriptionDTO;
import io.conveyor.api.runtime.RunReportDTO;
import io.conveyor.api.runtime.RunRequest;
import io.conveyor.api.runtime.StageUseDTO;
import io.conveyor.api.runtime.ValidationDTO;
import io.conveyor.testing.RuntimeStub;

class CommandLineTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stageOut = new ByteArrayOutputStream();
    private final List<RunRequest> requests = new ArrayList<>();
    private RunReportDTO nextReport = ShellFixtures.succeeded();
    private ValidationDTO nextValidation = new ValidationDTO();
    private PipelineDescriptionDTO nextDescription = new PipelineDescriptionDTO();
    /** What the runtime's run and validate throw, when set. */
    private Throwable nextThrowable;

    /** A runtime answering with canned results and recording what it was asked. */
    private final ConveyorRuntime runtime = new RuntimeStub() {
        @Override
        public List<FunctionDTO> functions() {
            return ShellFixtures.functions();
        }

        @Override
        public Optional<FunctionDTO> function(String name) {
            return functions().stream().filter(f -> f.function.equals(name)).findFirst();
        }

        @Override
        public ValidationDTO validate(RunRequest request) {
            requests.add(request);
            throwIfAsked();
            return nextValidation;
        }

        @Override
        public PipelineDescriptionDTO describe(RunRequest request) {
            requests.add(request);
            throwIfAsked();
            return nextDescription;
        }

        @Override
        public RunReportDTO run(RunRequest request) {
            requests.add(request);
            throwIfAsked();
            return nextReport;
        }

        @Override
        public List<StageUseDTO> stagesInUse() {
            return List.of();
        }

        private void throwIfAsked() {
            if (nextThrowable instanceof Error error) {
                throw error;
            }
            if (nextThrowable instanceof RuntimeException exception) {
                throw exception;
            }
        }
    };

    @BeforeEach
    void pipelineFile() throws IOException {
        Files.writeString(dir.resolve("p.toml"), "[pipeline]\nname = \"p\"\n");
        nextValidation.pipelineName = "quickstart";
        nextValidation.stageCount = 3;
    }

    private int execute(String... args) {
        PrintStream stage = new PrintStream(stageOut, true, StandardCharsets.UTF_8);
        return new CommandLine(runtime).execute(List.of(args), new CommandLine.Session(
                new ByteArrayInputStream(new byte[0]), stage, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), dir, Map.of("DATA", "/data")));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void successfulRunExitsZeroWithTheReportOnStderrOnly() {
        assertEquals(0, execute("run", "p.toml"));
        assertEquals("", out());
        assertEquals(new TextFormat().runReport(nextReport), err());
        RunRequest request = requests.get(0);
        assertEquals(List.of(Path.of("p.toml"), dir, Map.of("DATA", "/data")),
                List.of(request.pipelineFile(), request.workingDirectory(), request.environment()));
    }

    @Test
    void failedRunExitsOne() {
        nextReport.outcome = "FAILED";
        assertEquals(1, execute("run", "p.toml"));
    }

    @Test
    void invalidRunExitsTwo() {
        nextReport.outcome = "INVALID";
        assertEquals(2, execute("run", "p.toml"));
    }

    @Test
    void runOfAMissingFileIsAUsageError() {
        assertEquals(2, execute("run", "x.toml"));
        assertEquals("conveyor: no such file: x.toml\n", err());
        assertEquals(List.of(), requests);
    }

    @Test
    void runOfADirectoryIsAUsageErrorSayingItIsNotAFile() throws IOException {
        Files.createDirectory(dir.resolve("adir"));

        assertEquals(2, execute("run", "adir"));
        assertEquals(2, execute("validate", "adir"));
        assertEquals("conveyor: not a file: adir\nconveyor: not a file: adir\n", err());
        assertEquals(List.of(), requests);
    }

    @Test
    void errorThrownByTheRuntimeIsOneLineAndExitsOne() {
        nextThrowable = new AssertionError("stage count went negative");
        assertEquals(1, execute("run", "p.toml"));
        nextThrowable = new StackOverflowError();
        assertEquals(1, execute("validate", "p.toml"));

        assertEquals("""
                conveyor: internal error: java.lang.AssertionError: stage count went negative
                conveyor: internal error: java.lang.StackOverflowError
                """, err());
        assertEquals("", out());
    }

    @Test
    void outOfMemoryErrorFromTheRuntimeIsOneLineToo() {
        nextThrowable = new OutOfMemoryError("Java heap space");

        assertEquals(1, execute("run", "p.toml"));
        assertEquals("conveyor: internal error: java.lang.OutOfMemoryError: Java heap space\n", err());
    }

    @Test
    void runWithJsonPrintsTheReportAsJsonOnStderr() {
        assertEquals(0, execute("run", "--json", "p.toml"));
        assertTrue(err().startsWith("{\n  \"pipelineName\" : \"quickstart\",\n  \"outcome\" : \"SUCCEEDED\","), err());
        assertEquals("", out());
    }

    @Test
    void validPipelineIsConfirmedOnStdout() {
        assertEquals(0, execute("validate", "p.toml"));
        assertEquals("✓ p.toml is valid: pipeline 'quickstart', 3 stages\n", out());
        assertEquals("", err());
    }

    @Test
    void invalidPipelinePrintsOneProblemPerLineAndExitsTwo() {
        nextValidation.problems.add(ShellFixtures.problem("PLAN", "cycle in pipeline: a -> b -> a", "p.toml", 4, 1));
        nextValidation.problems.add(ShellFixtures.problem("CONFIG", "[pipeline] name is missing", "p.toml", 1, 1));

        assertEquals(2, execute("validate", "p.toml"));
        assertEquals("""
                p.toml:4:1: error[PLAN]: cycle in pipeline: a -> b -> a
                p.toml:1:1: error[CONFIG]: [pipeline] name is missing
                """, err());
        assertEquals("", out());
    }

    @Test
    void validateWithJsonAddsTheValidFlag() {
        assertEquals(0, execute("validate", "--json", "p.toml"));
        assertEquals("""
                {
                  "pipelineName" : "quickstart",
                  "stageCount" : 3,
                  "problems" : [ ],
                  "valid" : true
                }
                """, out());
    }

    @Test
    void listCanBeFilteredByType() {
        assertEquals(0, execute("list", "-t", "sinks"));
        assertEquals("Sinks\n  json.write  io.conveyor.plugin.core 0.1.0  Writes JSON.\n", out());
    }

    @Test
    void listWithAnUnknownTypeIsAUsageError() {
        assertEquals(2, execute("list", "-t", "pipes"));
        assertEquals("conveyor: -t takes sources, transforms or sinks, got 'pipes'\n"
                + "Run 'conveyor help' for usage.\n", err());
    }

    @Test
    void listAsJsonLeavesTheDescriptorOut() {
        assertEquals(0, execute("list", "--json", "-t", "transforms"));
        assertTrue(out().contains("\"function\" : \"filter.apply\""), out());
        assertTrue(out().contains("\"shadowed\" : [ {"), out());
        assertFalse(out().contains("descriptor"), out());
        assertFalse(out().contains("\"parameters\""), out());
    }

    @Test
    void infoDescribesOneFunction() {
        assertEquals(0, execute("info", "filter.apply"));
        assertEquals(new TextFormat().info(ShellFixtures.functions().get(1)), out());
    }

    @Test
    void docsPrintsEveryFunctionAsMarkdownWithTheWordingOfInfo() {
        assertEquals(0, execute("docs"));
        assertEquals(MarkdownFormat.HEADER + """
                | Function | Role | Bundle | Summary |
                |---|---|---|---|
                | [`csv.read`](#csvread-source) | source | `io.conveyor.plugin.core` | Reads a CSV file. |
                | [`filter.apply`](#filterapply-transform) | transform | `io.acme.filters` | Keeps the rows that match. |
                | [`json.write`](#jsonwrite-sink) | sink | `io.conveyor.plugin.core` | Writes JSON. |

                ## csv.read (source)

                Provided by `io.conveyor.plugin.core`.

                No parameters.

                ## filter.apply (transform)

                Provided by `io.acme.filters`.

                Keeps the rows that match. Nulls never match.

                | Key | Type | Required / default | Description |
                |---|---|---|---|
                | `column` | string | required | The column to compare. |
                | `operator` | string | default "==" | How to compare. (one of "==", "!=", ">=") |
                | `value` | any | required | e.g. 150 |

                Keep big sales:

                ```toml
                [[stages]]
                id = "big"
                function = "filter.apply"
                ```

                ## json.write (sink)

                Provided by `io.conveyor.plugin.core`.

                No parameters.
                """, out());
    }

    @Test
    void docsTakesNoArguments() {
        assertEquals(2, execute("docs", "x"));
        assertEquals("conveyor: docs takes no arguments\nRun 'conveyor help' for usage.\n", err());
    }

    @Test
    void infoAsJsonListsTheParameters() {
        assertEquals(0, execute("info", "--json", "filter.apply"));
        assertTrue(out().contains("\"name\" : \"operator\",\n    \"type\" : \"string\",\n    \"required\" : false,\n"
                + "    \"default\" : \"==\",\n    \"allowedValues\" : [ \"==\", \"!=\", \">=\" ],"), out());
    }

    @Test
    void infoAsJsonDescribesTheFunctionButOnlyNamesItsShadowedProviders() {
        assertEquals(0, execute("info", "--json", "filter.apply"));
        assertTrue(out().contains("\"shadowed\" : [ {\n    \"function\" : \"filter.apply\",\n    \"role\" : \"transform\",\n"
                + "    \"summary\" : \"Keeps the rows that match.\",\n    \"bundleSymbolicName\" : \"io.conveyor.plugin.core\",\n"
                + "    \"bundleVersion\" : \"0.1.0\",\n    \"serviceId\" : 7,\n    \"ranking\" : 0,\n    \"shadowed\" : [ ]\n  } ],\n"
                + "  \"description\" : \"Keeps the rows that match. Nulls never match.\",\n"), out());
        assertTrue(out().endsWith("""
                  "examples" : [ {
                    "title" : "Keep big sales",
                    "toml" : "[[stages]]\\nid = \\"big\\"\\nfunction = \\"filter.apply\\"\\n"
                  } ]
                }
                """), out());
    }

    @Test
    void infoOfAnUnknownFunctionSuggestsTheClosestAndExitsTwo() {
        assertEquals(2, execute("info", "csv.raed"));
        assertEquals("conveyor: no such function: csv.raed (did you mean 'csv.read'?)\n", err());
        assertEquals("", out());
    }

    @Test
    void infoOfAFunctionLikeNoOtherSuggestsNothing() {
        assertEquals(2, execute("info", "kafka.read"));
        assertEquals("conveyor: no such function: kafka.read\n", err());
    }

    @Test
    void infoAsJsonOfAnUnknownFunctionPrintsAJsonErrorAndExitsTwo() {
        assertEquals(2, execute("info", "--json", "csv.raed"));
        assertEquals("""
                {
                  "error" : "no such function: csv.raed (did you mean 'csv.read'?)",
                  "function" : "csv.raed",
                  "didYouMean" : "csv.read"
                }
                """, out());
        assertEquals("", err());
        assertEquals(2, execute("info", "--json", "kafka.read"));
        assertTrue(out().endsWith("""
                {
                  "error" : "no such function: kafka.read",
                  "function" : "kafka.read",
                  "didYouMean" : null
                }
                """), out());
    }

    @Test
    void unknownCommandIsAUsageError() {
        assertEquals(2, execute("frobnicate"));
        assertEquals("conveyor: unknown command 'frobnicate'\nRun 'conveyor help' for usage.\n", err());
    }

    @Test
    void missingFileArgumentIsAUsageError() {
        assertEquals(2, execute("run"));
        assertEquals("conveyor: run needs a pipeline file\nRun 'conveyor help' for usage.\n", err());
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertEquals(2, execute("validate", "--jsn", "p.toml"));
        assertEquals("conveyor: unknown option '--jsn'\nRun 'conveyor help' for usage.\n", err());
    }

    @Test
    void helpPrintsUsageOnStdout() {
        assertEquals(0, execute("help"));
        assertEquals(CommandLine.USAGE, out());
    }

    @Test
    void noCommandPrintsUsageOnStderr() {
        assertEquals(2, execute());
        assertEquals(CommandLine.USAGE, err());
    }
}
