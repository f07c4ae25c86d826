package io.conveyor.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.wiring.FrameworkWiring;

import io.conveyor.api.runtime.ConveyorRuntime;
import io.conveyor.api.runtime.RunReportDTO;

/**
 * The unbounded sources in a live run: rows written while the run is going show on its stdout
 * (stdout.stream) while it goes, each exactly once; stdin.stream ends with its input, file.watch
 * when the run is stopped. Every wait is for a state, bounded by {@link Await}; no assertion
 * depends on timing.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StreamingIT {

    @Inject
    private BundleContext context;

    @Inject
    private ConveyorRuntime runtime;

    private final ExecutorService caller = Executors.newSingleThreadExecutor();

    @Configuration
    public Option[] configuration() {
        return ConveyorOptions.conveyor(StreamingIT.class);
    }

    @After
    public void stopCaller() throws InterruptedException {
        caller.shutdownNow();
        caller.awaitTermination(Await.BOUND.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    public void stdinStreamPassesRowsOnWhileTheProducerIsStillWriting() throws Exception {
        Path work = TestPaths.newWorkFolder("stdin-stream");
        Path pipeline = Runs.write(work.resolve("follow.toml"), """
                [pipeline]
                name = "follow"

                [[stages]]
                id = "in"
                function = "stdin.stream"

                [stages.config]
                format = "jsonl"
                flush_interval_ms = 50

                [[stages]]
                id = "show"
                function = "stdout.stream"
                inputs = ["in"]

                [stages.config]
                format = "text"
                """);
        PipedOutputStream producer = new PipedOutputStream();
        PipedInputStream stdin = new PipedInputStream(producer);
        RunOutput stdout = new RunOutput();

        Future<RunReportDTO> run = caller.submit(() -> runtime.run(Runs.request(pipeline, work)
                .withStreams(stdin, stdout.stream())));
        write(producer, "{\"n\": 1, \"msg\": \"first\"}\n");
        stdout.await("n=1 msg=\"first\"\n");
        write(producer, "{\"n\": 2, \"msg\": \"second\"}\n{\"n\": 3}\n");
        stdout.await("n=1 msg=\"first\"\nn=2 msg=\"second\"\nn=3 msg=null\n");
        producer.close();

        RunReportDTO report = run.get(Await.BOUND.toSeconds(), TimeUnit.SECONDS);
        assertEquals("SUCCEEDED", Runs.outcome(report));
        assertEquals(List.of("in stdin.stream 0 -> 3 SUCCEEDED", "show stdout.stream 3 -> 0 SUCCEEDED"),
                Runs.stageLines(report));
        assertEquals("n=1 msg=\"first\"\nn=2 msg=\"second\"\nn=3 msg=null\n", stdout.text());
    }

    @Test
    public void fileWatchPassesOnEachAppendedLineOnceUntilTheRunIsStopped() throws Exception {
        Path work = TestPaths.newWorkFolder("file-watch");
        Path log = work.resolve("app.log");
        Files.writeString(log, "boot\n");
        Path pipeline = watchPipeline(work);
        RunOutput stdout = new RunOutput();

        Future<RunReportDTO> run = caller.submit(() -> runtime.run(Runs.request(pipeline, work)
                .withStreams(InputStream.nullInputStream(), stdout.stream())));
        stdout.await("line=\"boot\"\n");
        append(log, "one\ntw");
        stdout.await("line=\"boot\"\nline=\"one\"\n");
        append(log, "o\n");
        stdout.await("line=\"boot\"\nline=\"one\"\nline=\"two\"\n");
        // rotation: the old file's unfinished last line is passed on, then the new file from its start
        append(log, "last words");
        Files.move(log, work.resolve("app.log.1"));
        Files.writeString(log, "fresh\n");
        stdout.await("line=\"boot\"\nline=\"one\"\nline=\"two\"\nline=\"last words\"\nline=\"fresh\"\n");
        // truncation: read again from the start
        Files.writeString(log, "x\n");
        String all = "line=\"boot\"\nline=\"one\"\nline=\"two\"\nline=\"last words\"\nline=\"fresh\"\nline=\"x\"\n";
        stdout.await(all);

        caller.shutdownNow(); // interrupting the caller of run() stops the run
        RunReportDTO report = run.get(Await.BOUND.toSeconds(), TimeUnit.SECONDS);
        assertEquals("FAILED", report.outcome);
        assertEquals(List.of("pipeline 'watch' was stopped"), report.problems.stream().map(p -> p.message).toList());
        assertEquals(List.of("tail file.watch 0 -> 6 CANCELLED", "show stdout.stream 6 -> 0 CANCELLED"),
                Runs.stageLines(report));
        assertEquals(all, stdout.text());
    }

    @Test
    public void fileWatchGoesOnAfterItsLastLineWhenItsPluginIsUpgradedDuringTheRun() throws Exception {
        // Three runs, one after the other, as the third run on the same framework used to find the
        // old revision's class loader closed under its sink (NoClassDefFoundError)
        for (int run = 1; run <= 3; run++) {
            runWhileThePluginIsUpgraded(run);
        }
    }

    /**
     * A file.watch run while both stages' bundle is replaced (update, then refresh): file.watch moves
     * to the new revision from its position, stdout.stream because it delivers each batch. In even
     * runs the sink has printed the line before the update, so it moves when woken, not by a batch.
     */
    private void runWhileThePluginIsUpgraded(int number) throws Exception {
        Path work = TestPaths.newWorkFolder("file-watch-upgrade");
        Path log = work.resolve("app.log");
        Files.writeString(log, "boot\n");
        Path pipeline = watchPipeline(work);
        RunOutput stdout = new RunOutput();
        ExecutorService runner = Executors.newSingleThreadExecutor();
        Future<RunReportDTO> run = runner.submit(() -> runtime.run(Runs.request(pipeline, work)
                .withStreams(InputStream.nullInputStream(), stdout.stream())));
        StringBuilder expected = new StringBuilder("line=\"boot\"\n");
        stdout.await(expected, runner, run);

        Bundle stream = Arrays.stream(context.getBundles())
                .filter(b -> b.getSymbolicName().equals("io.conveyor.plugin.stream")).findFirst().orElseThrow();
        appendLine(log, "before update " + number, expected);
        if (number % 2 == 0) {
            stdout.await(expected, runner, run);
        }
        stream.update();
        appendLine(log, "before refresh " + number, expected);
        refresh(stream);
        appendLine(log, "after refresh " + number, expected);
        stdout.await(expected, runner, run);

        runner.shutdownNow(); // interrupting the caller of run() stops the run
        RunReportDTO report = run.get(Await.BOUND.toSeconds(), TimeUnit.SECONDS);
        assertEquals(List.of("pipeline 'watch' was stopped"), report.problems.stream().map(p -> p.message).toList());
        assertEquals(expected.toString(), stdout.text());
    }

    private static void appendLine(Path log, String line, StringBuilder expected) throws IOException {
        append(log, line + "\n");
        expected.append("line=\"").append(line).append("\"\n");
    }

    /** tail (file.watch of app.log, as text lines) -> show (stdout.stream): the pipeline {@code watch}. */
    private static Path watchPipeline(Path work) {
        return Runs.write(work.resolve("watch.toml"), """
                [pipeline]
                name = "watch"

                [[stages]]
                id = "tail"
                function = "file.watch"

                [stages.config]
                path = "app.log"
                format = "text"
                poll_interval_ms = 50

                [[stages]]
                id = "show"
                function = "stdout.stream"
                inputs = ["tail"]

                [stages.config]
                format = "text"
                """);
    }

    private void refresh(Bundle bundle) throws InterruptedException {
        CountDownLatch refreshed = new CountDownLatch(1);
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(List.of(bundle), event -> refreshed.countDown());
        assertTrue("the refresh to end", refreshed.await(Await.BOUND.toSeconds(), TimeUnit.SECONDS));
    }

    private static void write(PipedOutputStream producer, String text) throws IOException {
        producer.write(text.getBytes(StandardCharsets.UTF_8));
        producer.flush();
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardOpenOption.APPEND);
    }
}
