package io.conveyor.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import javax.inject.Inject;

import org.junit.Assume;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

import io.conveyor.api.runtime.ConveyorRuntime;
import io.conveyor.api.runtime.FunctionDTO;
import io.conveyor.api.runtime.RunReportDTO;
import io.conveyor.wasm.WasmModules;

/**
 * WASM modules as stages in a real framework: the modules of the host's folder serve pipelines
 * like Java stages; a module dropped into the deploy folder is loaded, a file that is not WASM is
 * refused while the version loaded before stays, and a deleted one goes away; a run whose module
 * breaks a limit fails with the module and the limit named, and the next run on the same server
 * succeeds; a continuous run moves to the module that replaces the one it uses.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class WasmPluginsIT {

    @Inject
    private BundleContext context;

    @Inject
    private ConveyorRuntime runtime;

    @Inject
    private WasmModules modules;

    @Configuration
    public Option[] configuration() {
        return ConveyorOptions.conveyor(WasmPluginsIT.class);
    }

    @Test
    public void modulesOfTheHostsFolderAreListedWithTheirFileAsProvider() {
        FunctionDTO filter = runtime.function("rows.filter").orElseThrow();

        assertEquals(List.of("transform", "rows-filter.wasm", "1.0.0"),
                List.of(filter.role, filter.bundleSymbolicName, filter.bundleVersion));
        assertEquals("Drops rows whose status is \"deleted\" and upper-cases a field. Only the ASCII letters a to z"
                + " change; a field that is not a string is left as it is. (WebAssembly module rows-filter.wasm, 1.0.0)",
                filter.description);
    }

    @Test
    public void theWasmExampleWritesItsExpectedOutput() {
        Path work = TestPaths.newWorkFolder("wasm-example");
        Path pipeline = Runs.copyExample("wasm", work);

        RunReportDTO report = runtime.run(Runs.request(pipeline, work));

        assertEquals("SUCCEEDED", Runs.outcome(report));
        assertEquals(Runs.read(TestPaths.examples().resolve("wasm/expected/orders.csv")),
                Runs.read(work.resolve("examples/wasm/output/orders.csv")));
    }

    @Test
    public void theOriginalToolsEchoModuleServesAsSourceTransformAndSink() {
        Path work = TestPaths.newWorkFolder("wasm-echo");

        RunReportDTO report = runtime.run(Runs.request(echoPipeline(work), work));

        assertEquals("SUCCEEDED", Runs.outcome(report));
        assertEquals("[{\"message\":\"hi\",\"plugin\":\"echo-wasm\",\"type\":\"source\",\"_echo_processed\":true}]",
                Runs.read(work.resolve("echo.json")).strip());
    }

    @Test
    public void aModuleInTheDeployFolderIsLoadedKeptWhenItsFileIsBrokenAndUnloadedWhenDeleted() throws IOException {
        Path deploy = Path.of(context.getProperty(ConveyorOptions.DEPLOY_DIR));
        Path tag = deploy.resolve("tag.wasm");
        dropAtomically(TestPaths.wasmModule("template-as.wasm"), tag);
        Await.until("my.tag to be loaded", () -> runtime.function("my.tag").isPresent());
        assertEquals("tag.wasm", runtime.function("my.tag").orElseThrow().bundleSymbolicName);

        Path text = Files.writeString(TestPaths.newWorkFolder("wasm-broken").resolve("broken.wasm"), "not a module");
        dropAtomically(text, tag);
        // a module dropped after the broken file is loaded once FileInstall has passed both on
        dropAtomically(TestPaths.wasmModule("running-total-as.wasm"), deploy.resolve("later.wasm"));
        Await.until("later.wasm to be loaded", () -> modules.modules().stream().anyMatch(m -> m.file.equals("later.wasm")));
        assertTrue("the version loaded before stays", modules.modules().stream().anyMatch(m -> m.file.equals("tag.wasm"))
                && runtime.function("my.tag").isPresent());

        Files.delete(tag);
        Files.delete(deploy.resolve("later.wasm"));
        Await.until("my.tag to be unloaded", () -> runtime.function("my.tag").isEmpty());
    }

    @Test
    public void aModuleThatTakesArrowBatchesFiltersThemInAPipeline() throws Exception {
        Path built = TestPaths.wasmModule("rows-filter-arrow-c.wasm");
        Path skipped = built.resolveSibling("SKIPPED.txt");
        Assume.assumeTrue("the C modules were not built: " + (Files.exists(skipped) ? Files.readString(skipped) : ""),
                Files.exists(built));
        Path work = TestPaths.newWorkFolder("wasm-arrow");
        Path module = Files.copy(built, work.resolve("rows-filter-arrow.wasm"));
        modules.install(module);
        try {
            Runs.write(work.resolve("orders.csv"), """
                    id,name,status,amount
                    1,alice,active,9.5
                    2,bob,deleted,1.25
                    3,,pending,
                    4,Zoë,Deleted,2
                    """);
            Path pipeline = Runs.write(work.resolve("arrow.toml"), """
                    [pipeline]
                    name = "arrow"

                    [[stages]]
                    id = "load"
                    function = "csv.read"
                    [stages.config]
                    path = "orders.csv"

                    [[stages]]
                    id = "clean"
                    function = "rows.filter.arrow"
                    inputs = ["load"]

                    [[stages]]
                    id = "save"
                    function = "csv.write"
                    inputs = ["clean"]
                    [stages.config]
                    path = "out.csv"
                    """);

            RunReportDTO report = runtime.run(Runs.request(pipeline, work));

            assertEquals("SUCCEEDED", Runs.outcome(report));
            assertEquals("id,name,status,amount\n1,ALICE,active,9.5\n3,,pending,\n4,ZOë,Deleted,2.0\n",
                    Runs.read(work.resolve("out.csv")));
        } finally {
            modules.uninstall(module);
        }
    }

    @Test
    public void aContinuousRunMovesItsWasmTransformToTheModuleThatReplacesIt() throws Exception {
        Path work = TestPaths.newWorkFolder("wasm-continuous");
        // two files of the same module: while one serves the run, the other is loaded and the first unloaded
        List<Path> files = List.of(Files.copy(TestPaths.wasmModule("template-as.wasm"), work.resolve("tagger-1.wasm")),
                Files.copy(TestPaths.wasmModule("template-as.wasm"), work.resolve("tagger-2.wasm")));
        modules.install(files.get(0));
        Path log = Files.writeString(work.resolve("app.log"), "boot\n");
        Path pipeline = Runs.write(work.resolve("tagged.toml"), """
                [pipeline]
                name = "tagged"

                [[stages]]
                id = "tail"
                function = "file.watch"
                [stages.config]
                path = "app.log"
                format = "text"
                poll_interval_ms = 50

                [[stages]]
                id = "tag"
                function = "my.tag"
                inputs = ["tail"]
                [stages.config]
                tag = "t"

                [[stages]]
                id = "show"
                function = "stdout.stream"
                inputs = ["tag"]
                """);
        RunOutput stdout = new RunOutput();
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try {
            Future<RunReportDTO> run = runner.submit(() -> runtime.run(Runs.request(pipeline, work)
                    .withStreams(InputStream.nullInputStream(), stdout.stream())));
            StringBuilder expected = new StringBuilder(tagged("boot"));
            stdout.await(expected, runner, run);
            for (int replacement = 1; replacement <= 4; replacement++) {
                appendLine(log, "before " + replacement, expected);
                modules.install(files.get(replacement % 2));
                modules.uninstall(files.get((replacement + 1) % 2));
                appendLine(log, "after " + replacement, expected);
                stdout.await(expected, runner, run);
            }

            runner.shutdownNow(); // interrupting the caller of run() stops the run
            RunReportDTO report = run.get(Await.BOUND.toSeconds(), TimeUnit.SECONDS);
            assertEquals(List.of("pipeline 'tagged' was stopped"),
                    report.problems.stream().map(p -> p.message).toList());
            assertEquals(expected.toString(), stdout.text());
            assertEquals("tagger-1.wasm 0.1.0", report.stages.stream().filter(stage -> stage.stageId.equals("tag"))
                    .findFirst().orElseThrow().provider);
        } finally {
            runner.shutdownNow();
            files.forEach(modules::uninstall);
        }
    }

    private static String tagged(String line) {
        return "{\"line\":\"" + line + "\",\"tag\":\"t\"}\n";
    }

    private static void appendLine(Path log, String line, StringBuilder expected) throws IOException {
        Files.writeString(log, line + "\n", StandardOpenOption.APPEND);
        expected.append(tagged(line));
    }

    @Test
    public void aRunWhoseModuleHitsItsMemoryLimitFailsAndTheNextRunSucceeds() {
        Path work = TestPaths.newWorkFolder("wasm-limits");
        // rows of 120 bytes: a batch of 8192 is more than the 1 MiB the first run allows
        String padding = "x".repeat(100);
        Runs.write(work.resolve("names.csv"), "name,status\n" + IntStream.range(0, 40_000)
                .mapToObj(i -> padding + i + ",active").collect(Collectors.joining("\n")) + "\n");
        String pipeline = """
                [pipeline]
                name = "limited"

                [[stages]]
                id = "load"
                function = "csv.read"
                [stages.config]
                path = "names.csv"

                [[stages]]
                id = "clean"
                function = "rows.filter"
                inputs = ["load"]
                [stages.config]
                wasm_memory_mb = %d

                [[stages]]
                id = "save"
                function = "csv.write"
                inputs = ["clean"]
                [stages.config]
                path = "out.csv"
                """;
        Path file = work.resolve("filter.toml");

        RunReportDTO limited = runtime.run(Runs.request(Runs.write(file, pipeline.formatted(1)), work));
        assertEquals("FAILED", limited.outcome);
        assertEquals(List.of(file + ":10:1: error[PLUGIN]: stage 'clean' (rows.filter) failed: wasm module"
                + " rows-filter.wasm: cv_alloc trapped when asked for 1096618 bytes for the input of cv_transform; the module"
                + " may have run out of memory under wasm_memory_mb: Trapped on unreachable instruction"),
                Runs.problemLines(limited.problems));
        assertTrue("no partial output", Files.notExists(work.resolve("out.csv")));

        RunReportDTO healthy = runtime.run(Runs.request(Runs.write(file, pipeline.formatted(64)), work));
        assertEquals("SUCCEEDED", Runs.outcome(healthy));
        assertEquals(40_001, Runs.read(work.resolve("out.csv")).lines().count());
    }

    /**
     * The original tool's echo plugin in its three roles: source, transform (marking rows) and sink;
     * {@code add_metadata} written as text, as the original's pipelines could (it passed every value as text).
     */
    private static Path echoPipeline(Path work) {
        return Runs.write(work.resolve("echo.toml"), """
                [pipeline]
                name = "echo"

                [[stages]]
                id = "hello"
                function = "echo"
                [stages.config]
                message = "hi"

                [[stages]]
                id = "mark"
                function = "echo"
                inputs = ["hello"]
                [stages.config]
                add_metadata = "true"

                [[stages]]
                id = "drain"
                function = "echo"
                inputs = ["hello"]
                [stages.config]
                mode = "sink"

                [[stages]]
                id = "save"
                function = "json.write"
                inputs = ["mark"]
                [stages.config]
                path = "echo.json"
                format = "records"
                """);
    }

    /** Copies {@code from} into the deploy folder under a hidden name, then renames it, as operators should. */
    private static void dropAtomically(Path from, Path to) throws IOException {
        Path part = to.resolveSibling("." + to.getFileName() + ".part");
        Files.copy(from, part, StandardCopyOption.REPLACE_EXISTING);
        Files.move(part, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
