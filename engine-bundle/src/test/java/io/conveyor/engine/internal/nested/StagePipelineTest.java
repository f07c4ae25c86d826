package io.conveyor.engine.internal.nested;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.conveyor.testing.Batches.row;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Version;

import io.conveyor.api.runtime.ProblemDTO;
import io.conveyor.api.runtime.RunReportDTO;
import io.conveyor.api.runtime.RunRequest;
import io.conveyor.api.stage.Stage;
import io.conveyor.api.stage.StageDescriptor;
import io.conveyor.engine.internal.exec.ExecutionSettings;
import io.conveyor.engine.internal.exec.StageLease;
import io.conveyor.engine.internal.nested.TestStages.CountSource;
import io.conveyor.engine.internal.nested.TestStages.FailTransform;
import io.conveyor.engine.internal.nested.TestStages.IdleSource;
import io.conveyor.engine.internal.nested.TestStages.KeepTransform;
import io.conveyor.engine.internal.nested.TestStages.LeakTransform;
import io.conveyor.engine.internal.nested.TestStages.ProjectTransform;
import io.conveyor.engine.internal.nested.TestStages.RenderSink;
import io.conveyor.engine.internal.nested.TestStages.TableSource;
import io.conveyor.engine.internal.registry.ProviderTable;
import io.conveyor.engine.internal.registry.StageKey;
import io.conveyor.engine.internal.registry.StageProvider;
import io.conveyor.engine.internal.registry.StageRegistry;
import io.conveyor.engine.internal.runtime.PipelineService;
import io.conveyor.engine.internal.runtime.RuntimeMode;

/**
 * {@code stage.pipeline} and {@code pipeline.input} through the whole engine: pipeline files
 * loaded, planned and run by the {@link PipelineService}, with the engine's root allocator closed
 * after each test, so that any buffer a run left behind fails it.
 */
class StagePipelineTest {

    private static final String ORDERS = "id:int64, customer:utf8, amount:int64";

    @TempDir
    Path dir;

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final RootAllocator engine = new RootAllocator(256L << 20);
    private final ProviderTable table = new ProviderTable();
    private final AtomicLong serviceIds = new AtomicLong(100);
    private final PipelineService service = new PipelineService(new StageRegistry(table, StagePipelineTest::lease),
            executor, engine, new ExecutionSettings(64L << 20, 8192, 5_000), RuntimeMode.CLI);
    private final RenderSink out = new RenderSink("render.write");
    private final RenderSink side = new RenderSink("side.write");
    private final IdleSource idle = new IdleSource();
    private final LeakTransform leak = new LeakTransform();

    @BeforeEach
    void registerStages() {
        service.engineStages().forEach(this::register);
        register(new TableSource("orders.read", ORDERS,
                new Object[][] {row(1, "ann", 250), row(2, "bob", 40), row(3, null, 120)},
                new Object[][] {row(4, "cy", null), row(5, "dee", 100)}));
        register(new TableSource("returns.read", "id:int64, refund:int64",
                new Object[][] {row(2, 40), row(9, 0)}));
        register(new TableSource("nothing.read", ORDERS));
        register(new TableSource("none.read", ORDERS, new Object[][] {}));
        register(new CountSource(200, 3));
        register(idle);
        register(new TestStages.BrokenSource());
        register(new KeepTransform());
        register(new ProjectTransform());
        register(new FailTransform());
        register(leak);
        register(out);
        register(side);
    }

    @AfterEach
    void shutDown() throws InterruptedException {
        assertTrue(service.close(Duration.ofSeconds(30)));
        executor.shutdownNow();
        assertTrue(executor.awaitTermination(30, TimeUnit.SECONDS));
        engine.close(); // throws if a run left a buffer or an allocator behind
    }

    private static StageLease lease(StageProvider provider) {
        return new StageLease() {
            @Override
            public Stage stage() {
                return provider.stage();
            }

            @Override
            public String provider() {
                return provider.providerName();
            }

            @Override
            public void close() {
            }
        };
    }

    private void register(Stage stage) {
        StageDescriptor descriptor = stage.descriptor();
        table.add(new StageProvider(new StageKey(descriptor.function(), descriptor.role()),
                serviceIds.incrementAndGet(), 0, "io.conveyor.test", Version.parseVersion("1.0.0"), descriptor, stage,
                null));
    }

    private void write(String name, String toml) throws IOException {
        Files.writeString(dir.resolve(name), toml);
    }

    private RunRequest request(String toml) throws IOException {
        write("p.toml", toml);
        return RunRequest.of(Path.of("p.toml")).withWorkingDirectory(dir).withEnvironment(Map.of("KEY", "customer"))
                .withStreams(new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()));
    }

    private RunReportDTO run(String toml) throws IOException {
        return service.run(request(toml));
    }

    private List<String> validate(String toml) throws IOException {
        return lines(service.validate(request(toml)).problems);
    }

    private static List<String> lines(List<ProblemDTO> problems) {
        return problems.stream().map(ProblemDTO::toString).toList();
    }

    private static String outcome(RunReportDTO report) {
        return report.outcome + " " + lines(report.problems);
    }

    /** orders -> sub (stage.pipeline with the given config lines) -> out. */
    private static String parent(String config) {
        return """
                [pipeline]
                name = "parent"

                [[stages]]
                id = "orders"
                function = "orders.read"

                [[stages]]
                id = "sub"
                function = "stage.pipeline"
                inputs = ["orders"]
                [stages.config]
                """ + config + """

                [[stages]]
                id = "out"
                function = "render.write"
                inputs = ["sub"]
                """;
    }

    private static final String BIG_ORDERS = """
            [pipeline]
            name = "big_orders"

            [[stages]]
            id = "rows"
            function = "pipeline.input"

            [[stages]]
            id = "big"
            function = "keep.apply"
            inputs = ["rows"]
            [stages.config]
            column = "amount"
            min = 100

            [[stages]]
            id = "slim"
            function = "project.apply"
            inputs = ["big"]
            [stages.config]
            columns = ["id", "amount"]
            """;

    @Test
    void engineStagesDocumentEveryKeyAndShowWorkedExamples() {
        List<String> declared = new ArrayList<>();
        for (Stage stage : service.engineStages()) {
            StageDescriptor descriptor = stage.descriptor();
            declared.add(descriptor.function() + "/" + descriptor.role().id() + " " + descriptor.parameters().stream()
                    .map(p -> p.name()).toList() + " examples " + descriptor.examples().size());
            assertTrue(descriptor.description().contains(". "), descriptor.function());
            descriptor.parameters().forEach(p -> assertTrue(!p.description().isBlank() && p.example() != null,
                    descriptor.function() + " " + p.name()));
            descriptor.examples().forEach(e -> assertTrue(e.toml().contains("function = \"" + descriptor.function()
                    + "\""), e.title()));
        }
        assertEquals(List.of("stage.pipeline/source [file, inline, output, variables] examples 3",
                "stage.pipeline/transform [file, inline, output, variables] examples 3",
                "pipeline.input/source [name] examples 1"), declared);
        assertEquals(Descriptors.SOURCE.description(), Descriptors.TRANSFORM.description());
    }

    @Test
    void returnsTheNamedStageOfAFileFedWithTheParentsBatchesAsTheyCome() throws IOException {
        write("big.toml", BIG_ORDERS);

        RunReportDTO report = run(parent("file = \"big.toml\"\noutput = \"slim\""));

        assertEquals("SUCCEEDED []", outcome(report));
        assertEquals(List.of("sub: 2 rows [id:int64, amount:int64]", "sub: 1 rows [id:int64, amount:int64]"),
                out.batches);
        assertEquals(List.of("1|250", "3|120", "5|100"), out.rows);
        assertEquals(List.of("orders 0 -> 5", "sub 5 -> 3", "out 3 -> 0"), report.stages.stream()
                .map(s -> s.stageId + " " + s.rowsIn + " -> " + s.rowsOut).toList());
    }

    @Test
    void withoutOutputReturnsTheOnlyStageThatIsNotASinkAndThatNobodyReads() throws IOException {
        write("big.toml", BIG_ORDERS);

        RunReportDTO report = run(parent("file = \"big.toml\""));

        assertEquals("SUCCEEDED []", outcome(report));
        assertEquals(List.of("1|250", "3|120", "5|100"), out.rows);
    }

    @Test
    void returnsAStageOtherStagesReadToo() throws IOException {
        write("big.toml", BIG_ORDERS);

        RunReportDTO report = run(parent("file = \"big.toml\"\noutput = \"big\""));

        assertEquals("SUCCEEDED []", outcome(report));
        assertEquals(List.of("1|\"ann\"|250", "3|null|120", "5|\"dee\"|100"), out.rows);
    }

    @Test
    void inlineSubPipelineInTheOriginalSyntaxNeedsNoPipelineTable() throws IOException {
        RunReportDTO report = run(parent("""
                inline = \"""
                [[stages]]
                id = "rows"
                function = "pipeline.input"

                [[stages]]
                id = "big"
                function = "keep.apply"
                inputs = ["rows"]
                config = { column = "amount", min = 200 }
                \"""
                """));

        assertEquals("SUCCEEDED []", outcome(report));
        assertEquals(List.of("1|\"ann\"|250"), out.rows);
    }

    @Test
    void originalStandaloneFormRunsToItsEndAndPassesTheFirstInputThroughUnchanged() throws IOException {
        RunReportDTO report = run(parent("""
                inline = \"""
                [[stages]]
                id = "load"
                function = "returns.read"

                [[stages]]
                id = "save"
                function = "side.write"
                inputs = ["load"]
                \"""
                """));

        assertEquals("SUCCEEDED []", outcome(report));
        assertEquals(List.of("load: 2 rows [id:int64, refund:int64]"), side.batches);
        assertEquals(1, side.commits.get());
        assertEquals(List.of("orders: 3 rows [id:int64, customer:utf8, amount:int64]",
                "orders: 2 rows [id:int64, customer:utf8, amount:int64]"),
                out.batches.stream().map(b -> b.replace("sub:", "orders:")).toList());
        assertEquals(List.of("1|\"ann\"|250", "2|\"bob\"|40", "3|null|120", "4|\"cy\"|null", "5|\"dee\"|100"),
                out.rows);
    }

    @Test
    void callingRunThatFailsAtItsStartRunsNothingOfTheSubPipeline() throws IOException {
        RunReportDTO report = run(parent("""
                inline = \"""
                [[stages]]
                id = "load"
                function = "returns.read"

                [[stages]]
                id = "save"
                function = "side.write"
                inputs = ["load"]
                \"""
                """).replace("orders.read", "broken.read"));

        assertEquals("FAILED [p.toml:4:1: error[IO]: stage 'orders' (broken.read) failed: cannot read broken.csv: no "
                + "such file]", outcome(report));
        assertEquals(List.of(), side.batches);
        assertEquals(0, side.commits.get());
    }

    @Test
    void subPipelineWithASinkOnTheInputWritesItAndPassesItThrough() throws IOException {
        RunReportDTO report = run(parent("""
                inline = \"""
                [[stages]]
                id = "rows"
                function = "pipeline.input"

                [[stages]]
                id = "big"
                function = "keep.apply"
                inputs = ["rows"]
                config = { column = "amount", min = 200 }

                [[stages]]
                id = "save"
                function = "side.write"
                inputs = ["big"]
                \"""
                """));

        assertEquals("SUCCEEDED []", outcome(report));
        assertEquals(List.of("1|\"ann\"|250"), side.rows);
        assertEquals(5, out.rows.size());
    }

    @Test
    void pipelineInputReceivesTheInputItNames() throws IOException {
        RunReportDTO report = run("""
                [pipeline]
                name = "parent"

                [[stages]]
                id = "orders"
                function = "orders.read"

                [[stages]]
                id = "returns"
                function = "returns.read"

                [[stages]]
                id = "sub"
                function = "stage.pipeline"
                inputs = ["orders", "returns"]
                [stages.config]
                inline = \"""
                [[stages]]
                id = "refunds"
                function = "pipeline.input"
                config = { name = "returns" }

                [[stages]]
                id = "paid"
                function = "keep.apply"
                inputs = ["refunds"]
                config = { column = "refund", min = 1 }
                \"""

                [[stages]]
                id = "out"
                function = "render.write"
                inputs = ["sub"]
                """);

        assertEquals("SUCCEEDED []", outcome(report));
        assertEquals(List.of("sub: 1 rows [id:int64, refund:int64]"), out.batches);
        assertEquals(List.of("2|40"), out.rows);
    }

    @Test
    void twoInputStagesOfOneInputEachReceiveEveryBatch() throws IOException {
        RunReportDTO report = run(parent("""
                output = "both"
                inline = \"""
                [[stages]]
                id = "a"
                function = "pipeline.input"

                [[stages]]
                id = "b"
                function = "pipeline.input"
                config = { name = "orders" }

                [[stages]]
                id = "both"
                function = "keep.apply"
                inputs = ["a", "b"]
                config = { column = "amount", min = 250 }
                \"""
                """));

        assertEquals("SUCCEEDED []", outcome(report));
        assertEquals(List.of("1|\"ann\"|250", "1|\"ann\"|250"), out.rows);
    }

    @Test
    void variablesOfTheCallingStageAndTheEnvironmentReachTheSubPipeline() throws IOException {
        write("big.toml", BIG_ORDERS.replace("column = \"amount\"", "column = \"{{column}}\"")
                .replace("min = 100", "min = 1").replace("\"id\", \"amount\"", "\"{{key}}\", \"amount\"")
                .replace("name = \"big_orders\"", "name = \"big_orders\"\n[global.variables]\ncolumn = \"id\"\n"
                        + "key = \"${KEY}\""));

        RunReportDTO report = run(parent("file = \"big.toml\"\nvariables = { column = \"amount\" }"));

        assertEquals("SUCCEEDED []", outcome(report));
        assertEquals(List.of("\"ann\"|250", "\"bob\"|40", "null|120", "\"dee\"|100"), out.rows);
    }

    @Test
    void emptyInputGivesAnEmptyResultWithTheSchemaOrNothing() throws IOException {
        write("big.toml", BIG_ORDERS);

        RunReportDTO zeroRows = run(parent("file = \"big.toml\"").replace("orders.read", "none.read"));

        assertEquals("SUCCEEDED []", outcome(zeroRows));
        assertEquals(List.of("sub: 0 rows [id:int64, amount:int64]"), out.batches);

        out.batches.clear();
        RunReportDTO noBatch = run(parent("file = \"big.toml\"").replace("orders.read", "nothing.read"));

        assertEquals("SUCCEEDED []", outcome(noBatch));
        assertEquals(List.of(), out.batches);
    }

    /**
     * The sub-pipeline returns two batches for each it receives, through queues of one: the
     * calling stage must emit what comes back while it waits to hand over more, or every queue
     * fills and the runs wait on each other.
     */
    @Test
    void subPipelineReturningMoreThanItGetsThroughQueuesOfOneDoesNotDeadlock() throws IOException {
        RunReportDTO report = run("""
                [pipeline]
                name = "parent"
                [global]
                channel_buffer_size = 1

                [[stages]]
                id = "numbers"
                function = "count.read"

                [[stages]]
                id = "sub"
                function = "stage.pipeline"
                inputs = ["numbers"]
                [stages.config]
                inline = \"""
                [global]
                channel_buffer_size = 1
                timeout_seconds = 30 # a deadlock fails in bounded time

                [[stages]]
                id = "a"
                function = "pipeline.input"

                [[stages]]
                id = "b"
                function = "pipeline.input"

                [[stages]]
                id = "both"
                function = "keep.apply"
                inputs = ["a", "b"]
                config = { column = "n", min = 1 }
                \"""

                [[stages]]
                id = "out"
                function = "render.write"
                inputs = ["sub"]
                """);

        assertEquals("SUCCEEDED []", outcome(report));
        List<Long> expected = new ArrayList<>();
        for (long n = 1; n < 600; n++) {
            expected.add(n);
            expected.add(n);
        }
        assertEquals(expected, out.rows.stream().map(Long::valueOf).sorted().toList());
        assertEquals(List.of("numbers 0 -> 600", "sub 600 -> 1198", "out 1198 -> 0"), report.stages.stream()
                .map(s -> s.stageId + " " + s.rowsIn + " -> " + s.rowsOut).toList());
    }

    @Test
    void withoutInputsStagePipelineIsASourceOfWhatTheSubPipelineReturns() throws IOException {
        RunReportDTO report = run("""
                [pipeline]
                name = "parent"

                [[stages]]
                id = "sub"
                function = "stage.pipeline"
                [stages.config]
                inline = \"""
                [[stages]]
                id = "load"
                function = "orders.read"

                [[stages]]
                id = "big"
                function = "keep.apply"
                inputs = ["load"]
                config = { column = "amount", min = 120 }
                \"""

                [[stages]]
                id = "out"
                function = "render.write"
                inputs = ["sub"]
                """);

        assertEquals("SUCCEEDED []", outcome(report));
        assertEquals(List.of("1|\"ann\"|250", "3|null|120"), out.rows);
        assertEquals("source", report.stages.get(0).role);
    }

    @Test
    void asASourceWithNothingToReturnItOnlyRunsTheSubPipeline() throws IOException {
        RunReportDTO report = run("""
                [pipeline]
                name = "parent"

                [[stages]]
                id = "sub"
                function = "stage.pipeline"
                [stages.config]
                inline = \"""
                [[stages]]
                id = "load"
                function = "returns.read"

                [[stages]]
                id = "save"
                function = "side.write"
                inputs = ["load"]
                \"""

                [[stages]]
                id = "out"
                function = "render.write"
                inputs = ["sub"]
                """);

        assertEquals("SUCCEEDED []", outcome(report));
        assertEquals(List.of("2|40", "9|0"), side.rows);
        assertEquals(List.of(), out.batches);
    }

    @Test
    void asASourceItHasNoInputForPipelineInput() throws IOException {
        assertEquals(List.of("p.toml:8:1: error[CONFIG]: stage 'sub': config key 'inline': inline:1:1: error[CONFIG]: "
                + "stage 'rows': pipeline.input has nothing to receive: the calling stage.pipeline stage has no inputs"),
                validate("""
                [pipeline]
                name = "parent"

                [[stages]]
                id = "sub"
                function = "stage.pipeline"
                [stages.config]
                inline = \"""
                [[stages]]
                id = "rows"
                function = "pipeline.input"
                \"""

                [[stages]]
                id = "out"
                function = "render.write"
                inputs = ["sub"]
                """));
    }

    @Test
    void subPipelineProblemsAreTheStagesOwnWithTheirLocationInTheSubPipeline() throws IOException {
        write("big.toml", BIG_ORDERS.replace("min = 100", "minimum = 100").replace("project.apply", "projekt.apply"));

        assertEquals(List.of(
                "p.toml:13:1: error[CONFIG]: stage 'sub': config key 'file': big.toml:14:1: error[CONFIG]: stage 'big': "
                        + "unknown config key 'minimum' for keep.apply",
                "p.toml:13:1: error[CONFIG]: stage 'sub': config key 'file': big.toml:18:1: error[PLUGIN]: stage "
                        + "'slim': function 'projekt.apply' is not available (did you mean 'project.apply'?)"),
                validate(parent("file = \"big.toml\"")));
    }

    @Test
    void inputSchemasReachTheSubPipelineAtValidation() throws IOException {
        write("big.toml", BIG_ORDERS.replace("column = \"amount\"", "column = \"price\""));

        assertEquals(List.of("p.toml:13:1: error[CONFIG]: stage 'sub': config key 'file': big.toml:13:1: "
                + "error[CONFIG]: stage 'big': config key 'column' names 'price', which the input does not have"),
                validate(parent("file = \"big.toml\"")));
    }

    @Test
    void pipelineInputMustNameAnInputOfTheCallingStage() throws IOException {
        write("big.toml", BIG_ORDERS.replace("function = \"pipeline.input\"",
                "function = \"pipeline.input\"\nconfig = { name = \"order\" }"));

        assertEquals(List.of("p.toml:13:1: error[CONFIG]: stage 'sub': config key 'file': big.toml:7:12: "
                + "error[CONFIG]: stage 'rows': config key 'name' names 'order', which is not an input of the calling "
                + "stage.pipeline stage (its inputs: 'orders') (did you mean 'orders'?)"),
                validate(parent("file = \"big.toml\"")));
    }

    @Test
    void pipelineInputInAPipelineRunOnItsOwnIsAClearError() throws IOException {
        assertEquals(List.of("p.toml:4:1: error[CONFIG]: stage 'rows': pipeline.input receives the inputs of a "
                + "stage.pipeline stage, so it works only in a pipeline that stage.pipeline runs (its file or inline), "
                + "not in a pipeline run on its own"), validate(BIG_ORDERS));
    }

    @Test
    void badConfigIsReportedAtItsKey() throws IOException {
        write("big.toml", BIG_ORDERS);

        assertEquals(List.of("p.toml:8:1: error[CONFIG]: stage 'sub': config key 'file' or config key 'inline' is "
                + "required: name the pipeline file to run, or write the sub-pipeline inline"), validate(parent("")));
        assertEquals(List.of("p.toml:14:1: error[CONFIG]: stage 'sub': config key 'inline' cannot be set together "
                + "with config key 'file': set exactly one of them"),
                validate(parent("file = \"big.toml\"\ninline = \"\"")));
        assertEquals(List.of("p.toml:13:1: error[CONFIG]: stage 'sub': config key 'file': missing.toml: error[IO]: "
                + "pipeline file not found"), validate(parent("file = \"missing.toml\"")));
        assertEquals(List.of("p.toml:14:1: error[CONFIG]: stage 'sub': config key 'output' names 'slimm', which is "
                + "not a stage of big.toml (did you mean 'slim'?)"),
                validate(parent("file = \"big.toml\"\noutput = \"slimm\"")));
        assertEquals(List.of("p.toml:14:1: error[CONFIG]: stage 'sub': config key 'variables' must give each name a "
                + "string, got integer 3 for 'limit'"), validate(parent("file = \"big.toml\"\nvariables = { limit = 3 }")));
        assertEquals(List.of("p.toml:13:1: error[CONFIG]: stage 'sub': config key 'file' must name a pipeline file, "
                + "got an empty string", "p.toml:14:1: error[CONFIG]: stage 'sub': config key 'output' must name a "
                + "stage of the sub-pipeline, got an empty string"), validate(parent("file = \"\"\noutput = \"\"")));
    }

    @Test
    void inlineProblemsAreLocatedInTheInlineText() throws IOException {
        assertEquals(List.of(
                "p.toml:13:1: error[CONFIG]: stage 'sub': config key 'inline': inline:1:1: error[CONFIG]: stage #1: "
                        + "function is missing",
                "p.toml:13:1: error[CONFIG]: stage 'sub': config key 'inline': inline:2:1: error[CONFIG]: stage #1: "
                        + "id must be a string, got integer 3"),
                validate(parent("inline = \"[[stages]]\\nid = 3\"")));
    }

    @Test
    void theEnginesCaptureSinkIsNotForPipelineFiles() throws IOException {
        assertEquals(List.of("p.toml:13:1: error[CONFIG]: stage 'sub': config key 'inline': inline:6:1: error[CONFIG]: "
                + "stage 'x': function 'pipeline.output' is the engine's own: to return a stage's output, name it in the "
                + "calling stage.pipeline stage's config key 'output'"), validate(parent("inline = " + basicString("""
                [[stages]]
                id = "y"
                function = "pipeline.input"
                [[stages]]
                id = "x"
                function = "pipeline.output"
                inputs = ["y"]
                """))));
    }

    @Test
    void severalStagesNobodyReadsNeedOutputToSayWhichToReturn() throws IOException {
        write("big.toml", BIG_ORDERS + """

                [[stages]]
                id = "small"
                function = "keep.apply"
                inputs = ["rows"]
                config = { column = "amount" }
                """);

        assertEquals(List.of("p.toml:8:1: error[CONFIG]: stage 'sub': config key 'output' must name the stage whose "
                + "output to return: big.toml has 2 stages whose output no other stage reads ('slim', 'small')"),
                validate(parent("file = \"big.toml\"")));
    }

    @Test
    void outputCannotBeASink() throws IOException {
        assertEquals(List.of("p.toml:13:1: error[CONFIG]: stage 'sub': config key 'output' names 'save', a sink "
                + "(side.write), which produces no output"), validate(parent("""
                output = "save"
                inline = \"""
                [[stages]]
                id = "rows"
                function = "pipeline.input"

                [[stages]]
                id = "save"
                function = "side.write"
                inputs = ["rows"]
                \"""
                """)));
    }

    @Test
    void filesCallingEachOtherAreRefusedWithTheCycle() throws IOException {
        write("a.toml", parent("file = \"b.toml\"").replace("name = \"parent\"", "name = \"a\""));
        write("b.toml", parent("file = \"a.toml\"").replace("name = \"parent\"", "name = \"b\""));
        assertEquals(List.of("a.toml:13:1: error[CONFIG]: stage 'sub': config key 'file': b.toml:13:1: "
                + "error[CONFIG]: stage 'sub': config key 'file' runs a.toml, which is already running: "
                + "a.toml -> b.toml -> a.toml"), lines(service.validate(RunRequest.of(Path.of("a.toml"))
                .withWorkingDirectory(dir).withEnvironment(Map.of())).problems));
        assertEquals(List.of("p.toml:13:1: error[CONFIG]: stage 'sub': config key 'file' runs p.toml, which is "
                + "already running: p.toml -> p.toml"), validate(parent("file = \"p.toml\"")));
    }

    @Test
    void inlinePipelinesNestAtMostEightDeep() throws IOException {
        String level = BIG_ORDERS;
        for (int i = 0; i < 7; i++) {
            level = parent("inline = " + basicString(level));
        }
        assertEquals(List.of(), validate(level));
        String nesting = "p.toml:13:1: error[CONFIG]: stage 'sub': "
                + "config key 'inline': inline:13:1: error[CONFIG]: stage 'sub': ".repeat(7);
        assertEquals(List.of(nesting + "config key 'inline' would run a pipeline 9 deep, but pipelines may run at "
                + "most 8 deep: p.toml" + " -> inline".repeat(8)), validate(parent("inline = " + basicString(level))));
    }

    /** {@code text} as a TOML basic string. */
    private static String basicString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    @Test
    void failureInsideFailsTheStageNamingTheSubPipelineAndTheInnerStage() throws IOException {
        write("big.toml", BIG_ORDERS.replace("project.apply", "fail.apply").replace("columns = [\"id\", \"amount\"]",
                ""));

        RunReportDTO report = run(parent("file = \"big.toml\""));

        assertEquals("FAILED [p.toml:8:1: error[DATA]: stage 'sub' (stage.pipeline) failed: sub-pipeline "
                + "'big_orders' failed: big.toml:16:1: error[DATA]: stage 'slim' (fail.apply) failed: value 7 in column "
                + "'n' is unlucky]", outcome(report));
        assertEquals(List.of("orders SUCCEEDED", "sub FAILED", "out CANCELLED"),
                report.stages.stream().map(s -> s.stageId + " " + s.status).toList());
        assertEquals(0, out.commits.get());
    }

    @Test
    void leakInsideFailsTheStageAndKeepsTheMemoryAccountedUpTheChain() throws IOException {
        write("big.toml", BIG_ORDERS.replace("project.apply", "leak.apply").replace("columns = [\"id\", \"amount\"]",
                ""));

        RunReportDTO report = run(parent("file = \"big.toml\""));
        leak.leaked.close();
        // the engine keeps a leaking run's allocators open: the sub-pipeline's stage and run, the stage.pipeline stage, its run
        for (BufferAllocator allocator = leak.context.allocator(); allocator != engine;
                allocator = allocator.getParentAllocator()) {
            allocator.close();
        }

        assertEquals("FAILED [p.toml:8:1: error[PLUGIN]: stage 'sub' (stage.pipeline) failed: sub-pipeline "
                + "'big_orders' failed: big.toml:16:1: error[PLUGIN]: stage 'slim' (leak.apply) leaked 64 bytes of Arrow "
                + "memory, p.toml:8:1: error[PLUGIN]: stage 'sub' (stage.pipeline) leaked 64 bytes of Arrow memory]",
                outcome(report));
    }

    @Test
    void subPipelinesOwnTimeoutApplies() throws IOException {
        RunReportDTO report = run(parent("""
                output = "wait"
                inline = \"""
                [pipeline]
                name = "slow"
                [global]
                timeout_seconds = 1

                [[stages]]
                id = "wait"
                function = "idle.read"
                \"""
                """));

        assertEquals("FAILED [p.toml:8:1: error[TIMEOUT]: stage 'sub' (stage.pipeline) failed: sub-pipeline 'slow' "
                + "failed: inline: error[TIMEOUT]: pipeline 'slow' timed out after 1 seconds]", outcome(report));
        assertEquals(1, idle.closed.get());
    }

    @Test
    void stoppingTheCallingPipelineStopsTheSubPipeline() throws Exception {
        RunRequest request = request(parent("""
                output = "wait"
                inline = \"""
                [[stages]]
                id = "wait"
                function = "idle.read"
                \"""
                """));
        CompletableFuture<RunReportDTO> report = CompletableFuture.supplyAsync(() -> service.run(request));
        idle.producing.await();

        service.close(Duration.ofSeconds(30));

        assertEquals("FAILED [p.toml: error[CANCELLED]: pipeline 'parent' was stopped]", outcome(report.get()));
        assertEquals(List.of("orders SUCCEEDED", "sub CANCELLED", "out CANCELLED"),
                report.get().stages.stream().map(s -> s.stageId + " " + s.status).toList());
        assertEquals(1, idle.closed.get());
    }
}
