package io.conveyor.engine.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Version;

import io.conveyor.api.runtime.FunctionDTO;
import io.conveyor.api.runtime.PipelineDescriptionDTO;
import io.conveyor.api.runtime.ProblemDTO;
import io.conveyor.api.runtime.RunReportDTO;
import io.conveyor.api.runtime.RunRequest;
import io.conveyor.api.runtime.RunningPipelineDTO;
import io.conveyor.api.runtime.TapDTO;
import io.conveyor.api.runtime.ValidationDTO;
import io.conveyor.api.stage.Stage;
import io.conveyor.api.stage.StageDescriptor;
import io.conveyor.api.stage.StageRole;
import io.conveyor.engine.internal.exec.ExecutionSettings;
import io.conveyor.engine.internal.exec.MockStages.CollectingSink;
import io.conveyor.engine.internal.exec.MockStages.CountingSource;
import io.conveyor.engine.internal.exec.MockStages.IdleSource;
import io.conveyor.engine.internal.exec.StageLease;
import io.conveyor.engine.internal.model.RunDefaults;
import io.conveyor.engine.internal.registry.ProviderTable;
import io.conveyor.engine.internal.registry.StageKey;
import io.conveyor.engine.internal.registry.StageProvider;
import io.conveyor.engine.internal.registry.StageRegistry;

class PipelineServiceTest {

    @TempDir
    Path dir;

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final RootAllocator engine = new RootAllocator(256L << 20);
    private final ProviderTable table = new ProviderTable();
    private final AtomicLong serviceIds = new AtomicLong(100);
    private final PipelineService service = service(RuntimeMode.SERVER);

    private PipelineService service(RuntimeMode mode) {
        return new PipelineService(new StageRegistry(table, PipelineServiceTest::lease), executor, engine,
                new ExecutionSettings(64L << 20, 8192, 5_000), mode);
    }

    @AfterEach
    void shutDown() throws InterruptedException {
        assertTrue(service.close(Duration.ofSeconds(30)));
        executor.shutdownNow();
        assertTrue(executor.awaitTermination(30, TimeUnit.SECONDS));
        engine.close();
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

    private void register(Stage stage, int ranking, String bundle) {
        StageDescriptor descriptor = stage.descriptor();
        table.add(new StageProvider(new StageKey(descriptor.function(), descriptor.role()),
                serviceIds.incrementAndGet(), ranking, bundle, Version.parseVersion("1.0.0"), descriptor, stage,
                null));
    }

    private RunRequest request(String toml) throws IOException {
        Files.writeString(dir.resolve("p.toml"), toml);
        return RunRequest.of(Path.of("p.toml")).withWorkingDirectory(dir).withEnvironment(Map.of())
                .withStreams(new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()));
    }

    private static String problems(List<ProblemDTO> problems) {
        return String.join("\n", problems.stream().map(ProblemDTO::toString).toList());
    }

    private static final String PIPELINE = """
            [pipeline]
            name = "numbers"

            [[stages]]
            id = "src"
            function = "count.read"

            [[stages]]
            id = "out"
            function = "collect.write"
            inputs = ["src"]
            """;

    @Test
    void runsAPipelineFileFromTheWorkingDirectory() throws IOException {
        CollectingSink sink = new CollectingSink("collect.write");
        register(new CountingSource("count.read", 0, 2, 3), 0, "io.conveyor.test");
        register(sink, 0, "io.conveyor.test");

        RunReportDTO report = service.run(request(PIPELINE));

        assertEquals("", problems(report.problems));
        assertEquals("SUCCEEDED", report.outcome);
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L), sink.values);
        assertEquals(List.of("io.conveyor.test 1.0.0", "io.conveyor.test 1.0.0"),
                report.stages.stream().map(s -> s.provider).toList());
        assertEquals(List.of(6L, 6L), List.of(report.stages.get(0).rowsOut, report.stages.get(1).rowsIn));
    }

    @Test
    void validatesWithoutRunning() throws IOException {
        CollectingSink sink = new CollectingSink("collect.write");
        register(new CountingSource("count.read", 0, 2, 3), 0, "io.conveyor.test");
        register(sink, 0, "io.conveyor.test");

        ValidationDTO validation = service.validate(request(PIPELINE));

        assertTrue(validation.valid(), problems(validation.problems));
        assertEquals("numbers", validation.pipelineName);
        assertEquals(2, validation.stageCount);
        assertEquals(List.of(), sink.values);
    }

    @Test
    void pipelineRejectedBeforeStartingIsInvalid() throws IOException {
        register(new CountingSource("count.read", 0, 2, 3), 0, "io.conveyor.test");

        RunReportDTO report = service.run(request(PIPELINE));

        assertEquals("INVALID", report.outcome);
        assertEquals("numbers", report.pipelineName);
        assertEquals("p.toml:10:1: error[PLUGIN]: stage 'out': function 'collect.write' is not available",
                problems(report.problems));
        assertEquals(List.of(), report.stages);
    }

    private static final String EVERY_MISTAKE = """
            [pipeline]
            description = "no name"

            [[stages]]
            id = "gen"
            function = "count.read"

            [[stages]]
            id = "gen"
            function = "count.read"

            [[stages]]
            id = "more"
            function = "count.read"
            inputs = ["gen"]

            [[stages]]
            id = "out"
            function = "collect.write"
            inputs = ["genn"]

            [[stages]]
            id = "lost"
            function = "collect.write"
            """;

    @Test
    void reportsEveryProblemAtOnceEvenWithoutAPipelineName() throws IOException {
        register(new CountingSource("count.read", 0, 2, 3), 0, "io.conveyor.test");
        register(new CollectingSink("collect.write"), 0, "io.conveyor.test");

        ValidationDTO validation = service.validate(request(EVERY_MISTAKE));

        assertEquals("""
                p.toml:1:1: error[CONFIG]: [pipeline] name is missing
                p.toml:8:1: error[PLAN]: duplicate stage id 'gen' (first defined at p.toml:4:1)
                p.toml:15:11: error[PLAN]: stage 'more': function 'count.read' is a source and takes no inputs, \
                but inputs = ["gen"]
                p.toml:20:11: error[PLAN]: stage 'out' lists input 'genn', which is not a stage id (did you mean \
                'gen'?)
                p.toml:22:1: error[PLAN]: stage 'lost': function 'collect.write' is a sink and needs at least one \
                input""", problems(validation.problems));
        assertEquals(null, validation.pipelineName);
        assertEquals(5, validation.stageCount);
    }

    @Test
    void undefinedVariableIsReportedWithThePlannersProblemsButNotTwice() throws IOException {
        register(new CountingSource("count.read", 0, 2, 3), 0, "io.conveyor.test");
        register(new CollectingSink("collect.write"), 0, "io.conveyor.test");

        RunReportDTO report = service.run(request(PIPELINE.replace("inputs = [\"src\"]",
                "inputs = [\"src\"]\nconfig = { limit = \"{{max}}\", labels = 3 }")));

        assertEquals("INVALID", report.outcome);
        assertEquals("""
                p.toml:12:12: error[CONFIG]: stage 'out': config key 'limit' uses {{max}}, which is not defined in \
                [global.variables]
                p.toml:12:31: error[CONFIG]: stage 'out': unknown config key 'labels' for collect.write""",
                problems(report.problems));
    }

    @Test
    void missingFileIsReportedWithItsName() {
        RunRequest request = RunRequest.of(Path.of("nope.toml")).withWorkingDirectory(dir);
        assertEquals("nope.toml: error[IO]: pipeline file not found",
                problems(service.validate(request).problems));
    }

    private static final String WANTS_STAMP = PIPELINE.replace("name = \"numbers\"",
            "name = \"numbers\"\n\n[global]\ntimeout_seconds = 1\nplugins = [\"io.conveyor.test\", \"stamp.apply\"]");

    @Test
    void pluginThatNeverComesIsNamedAtThePluginsEntryAfterTheBoundedWait() throws IOException {
        register(new CountingSource("count.read", 0, 2, 3), 0, "io.conveyor.test");
        register(new CollectingSink("collect.write"), 0, "io.conveyor.test");

        ValidationDTO validation = service.validate(request(WANTS_STAMP));

        assertEquals("p.toml:6:1: error[PLUGIN]: [global] plugins: 'stamp.apply' did not become available within 1 "
                + "seconds", problems(validation.problems));
    }

    @Test
    void commandLineRunDoesNotWaitForAMissingPlugin() throws IOException {
        register(new CountingSource("count.read", 0, 2, 3), 0, "io.conveyor.test");
        register(new CollectingSink("collect.write"), 0, "io.conveyor.test");
        PipelineService cli = service(RuntimeMode.CLI);

        // timeout_seconds would bound a wait: the CLI message names no wait because there is none
        RunReportDTO report = cli.run(request(WANTS_STAMP.replace("timeout_seconds = 1", "timeout_seconds = 600")
                .replace("\"stamp.apply\"]", "\"stamp.apply\", \"io.x\"]")));

        assertEquals("INVALID", report.outcome);
        assertEquals("p.toml:6:1: error[PLUGIN]: [global] plugins: 'stamp.apply', 'io.x' are not available",
                problems(report.problems));
        assertEquals("p.toml:6:1: error[PLUGIN]: [global] plugins: 'stamp.apply' is not available",
                problems(cli.validate(request(WANTS_STAMP)).problems));
        assertTrue(cli.close(Duration.ofSeconds(30)));
    }

    @Test
    void wasmPluginsNameModuleFilesAsTheOriginalToolDid() throws IOException {
        register(new CountingSource("count.read", 0, 2, 3), 0, "io.conveyor.test");
        register(new CollectingSink("collect.write"), 0, "conveyor_plugin_echo_wasm.wasm");
        PipelineService cli = service(RuntimeMode.CLI);
        String wants = WANTS_STAMP.replace("plugins = [\"io.conveyor.test\", \"stamp.apply\"]",
                "wasm_plugins = [\"echo_wasm\", \"js_wasm\"]").replace("timeout_seconds = 1", "timeout_seconds = 600");

        assertEquals("p.toml:6:1: error[PLUGIN]: [global] wasm_plugins: 'conveyor_plugin_js_wasm.wasm' is not"
                + " available (put the module files into the server's deploy/ folder, or the wasm-plugins/ folder of"
                + " the Conveyor installation)", problems(cli.validate(request(wants)).problems));
        assertEquals("SUCCEEDED", cli.run(request(wants.replace(", \"js_wasm\"", ""))).outcome);
        assertTrue(cli.close(Duration.ofSeconds(30)));
    }

    @Test
    void commandLineRunWithItsPluginsPresentSucceeds() throws IOException {
        register(new CountingSource("count.read", 0, 2, 3), 0, "io.conveyor.test");
        register(new CollectingSink("collect.write"), 0, "io.conveyor.test");
        PipelineService cli = service(RuntimeMode.CLI);

        // a run that succeeds must not depend on how busy the machine is: no 1 s timeout
        RunReportDTO report = cli.run(request(WANTS_STAMP.replace(", \"stamp.apply\"", ", \"count.read\"")
                .replace("timeout_seconds = 1", "timeout_seconds = 600")));

        assertEquals("SUCCEEDED", report.outcome, problems(report.problems));
        assertTrue(cli.close(Duration.ofSeconds(30)));
    }

    @Test
    void runWaitsForPluginsListedInTheFile() throws Exception {
        CollectingSink sink = new CollectingSink("collect.write");
        register(new CountingSource("count.read", 0, 1, 2), 0, "io.conveyor.test");
        RunRequest request = request(PIPELINE.replace("name = \"numbers\"",
                "name = \"numbers\"\n\n[global]\nplugins = [\"collect.write\"]"));

        CompletableFuture<RunReportDTO> report = CompletableFuture.supplyAsync(() -> service.run(request));
        register(sink, 0, "io.conveyor.late");

        assertEquals("SUCCEEDED", report.get().outcome, problems(report.get().problems));
        assertEquals(List.of(0L, 1L), sink.values);
    }

    @Test
    void serverDefaultTimeoutBoundsRunsWhoseFileSetsNoneAndTheFilesOwnTimeoutWins() throws IOException {
        register(new IdleSource(), 0, "io.conveyor.test");
        register(new CollectingSink("collect.write"), 0, "io.conveyor.test");
        service.useSettings(new ExecutionSettings(64L << 20, 8192, 5_000, 30_000, new RunDefaults(1, 4)));
        String idle = PIPELINE.replace("count.read", "idle.read");

        RunReportDTO byDefault = service.run(request(idle));
        RunReportDTO ownTimeout = service.run(request(idle.replace("name = \"numbers\"",
                "name = \"numbers\"\n\n[global]\ntimeout_seconds = 2")));

        assertEquals("p.toml: error[TIMEOUT]: pipeline 'numbers' timed out after 1 seconds",
                problems(byDefault.problems));
        assertEquals("p.toml: error[TIMEOUT]: pipeline 'numbers' timed out after 2 seconds",
                problems(ownTimeout.problems));
    }

    @Test
    void functionsListShadowedProvidersUnderTheWinner() {
        Stage core = () -> StageDescriptor.builder("filter.apply", StageRole.TRANSFORM)
                .description("Keeps the rows that match. Nulls never match.").build();
        Stage custom = () -> StageDescriptor.builder("filter.apply", StageRole.TRANSFORM)
                .description("A faster filter").build();
        register(core, 0, "io.conveyor.plugin.core");
        register(custom, 10, "io.acme.filters");
        register(new CollectingSink("collect.write"), 0, "io.conveyor.test");
        register(new CountingSource("count.read", 0, 1, 1), 0, "io.conveyor.test");

        List<FunctionDTO> functions = service.functions();

        assertEquals(List.of("count.read source", "filter.apply transform", "collect.write sink"),
                functions.stream().map(f -> f.function + " " + f.role).toList());
        FunctionDTO filter = service.function("filter.apply").orElseThrow();
        assertEquals(List.of("io.acme.filters", "A faster filter", "10"),
                List.of(filter.bundleSymbolicName, filter.summary, String.valueOf(filter.ranking)));
        assertEquals(1, filter.shadowed.size());
        assertEquals(List.of("io.conveyor.plugin.core", "Keeps the rows that match."),
                List.of(filter.shadowed.get(0).bundleSymbolicName, filter.shadowed.get(0).summary));
    }

    @Test
    void closeStopsRunningPipelinesAndRefusesNewOnes() throws Exception {
        IdleSource idle = new IdleSource();
        register(idle, 0, "io.conveyor.test");
        register(new CollectingSink("collect.write"), 0, "io.conveyor.test");
        RunRequest request = request(PIPELINE.replace("count.read", "idle.read"));
        CompletableFuture<RunReportDTO> report = CompletableFuture.supplyAsync(() -> service.run(request));
        idle.producing.await();

        service.close(Duration.ofSeconds(30));

        assertEquals("p.toml: error[CANCELLED]: pipeline 'numbers' was stopped", problems(report.get().problems));
        assertEquals("p.toml: error[CANCELLED]: pipeline 'numbers' was stopped",
                problems(service.run(request).problems));
    }

    @Test
    void interruptingTheCallerStopsItsRun() throws Exception {
        IdleSource idle = new IdleSource();
        register(idle, 0, "io.conveyor.test");
        register(new CollectingSink("collect.write"), 0, "io.conveyor.test");
        RunRequest request = request(PIPELINE.replace("count.read", "idle.read"));
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            CompletableFuture<RunReportDTO> report = new CompletableFuture<>();
            Future<?> running = caller.submit(() -> report.complete(service.run(request)));
            idle.producing.await();

            running.cancel(true);

            assertEquals("FAILED", report.get(30, TimeUnit.SECONDS).outcome);
            assertEquals("p.toml: error[CANCELLED]: pipeline 'numbers' was stopped",
                    problems(report.get().problems));
        } finally {
            caller.shutdownNow();
        }
    }

    @Test
    void runsTheTextARequestCarriesRatherThanTheFile() throws IOException {
        CollectingSink sink = new CollectingSink("collect.write");
        register(new CountingSource("count.read", 0, 2, 3), 0, "io.conveyor.test");
        register(sink, 0, "io.conveyor.test");
        RunRequest request = request("this is not TOML").withText(PIPELINE);

        RunReportDTO report = service.run(request);

        assertEquals("SUCCEEDED", report.outcome, problems(report.problems));
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L), sink.values);
    }

    @Test
    void describesTheStagesTheirRolesAndTheSchedule() throws IOException {
        register(new CountingSource("count.read", 0, 2, 3), 0, "io.conveyor.test");
        register(new CollectingSink("collect.write"), 0, "io.conveyor.test");

        PipelineDescriptionDTO description = service.describe(request(PIPELINE + "\n[schedule]\ninterval = \"5m\"\n"));

        assertEquals("", problems(description.problems));
        assertEquals("numbers", description.pipelineName);
        assertEquals(List.of("src count.read source []", "out collect.write sink [src]"),
                description.stages.stream().map(s -> s.stageId + " " + s.function + " " + s.role + " " + s.inputs)
                        .toList());
        assertEquals(List.of("interval", "5m", "300000"), List.of(description.schedule.mode,
                description.schedule.interval, String.valueOf(description.schedule.intervalMillis)));
    }

    @Test
    void describesTheStagesOfAFaultyFileWithoutRolesAndWithItsProblems() throws IOException {
        register(new CountingSource("count.read", 0, 2, 3), 0, "io.conveyor.test");

        PipelineDescriptionDTO description = service.describe(request(PIPELINE));

        assertEquals("p.toml:10:1: error[PLUGIN]: stage 'out': function 'collect.write' is not available",
                problems(description.problems));
        assertEquals(List.of("src null", "out null"),
                description.stages.stream().map(s -> s.stageId + " " + s.role).toList());
        assertEquals("once", description.schedule.mode);
    }

    @Test
    void runningListsEveryRunInProgressAndTapNamesWhatIsNotThere() throws Exception {
        IdleSource idle = new IdleSource();
        register(idle, 0, "io.conveyor.test");
        register(new CollectingSink("collect.write"), 0, "io.conveyor.test");
        TapDTO notRunning = service.tap("numbers", "src", 10, Duration.ofSeconds(30));
        RunRequest request = request(PIPELINE.replace("count.read", "idle.read"));
        CompletableFuture<RunReportDTO> report = CompletableFuture.supplyAsync(() -> service.run(request));
        idle.producing.await();

        List<RunningPipelineDTO> running = service.running();
        TapDTO noSuchStage = service.tap("numbers", "middle", 10, Duration.ofSeconds(30));

        assertEquals(List.of("numbers"), running.stream().map(run -> run.pipelineName).toList());
        assertEquals(List.of("src RUNNING", "out RUNNING"),
                running.get(0).stages.stream().map(stage -> stage.stageId + " " + stage.status).toList());
        assertEquals(List.of(TapDTO.NOT_RUNNING, List.of()), List.of(notRunning.outcome, notRunning.stageIds));
        assertEquals(List.of(TapDTO.NO_SUCH_STAGE, List.of("src", "out")),
                List.of(noSuchStage.outcome, noSuchStage.stageIds));
        service.close(Duration.ofSeconds(30));
        report.get(30, TimeUnit.SECONDS);
        assertEquals(List.of(), service.running());
    }
}
