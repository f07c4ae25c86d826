package io.conveyor.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.conveyor.api.runtime.ConveyorRuntime;
import io.conveyor.api.runtime.RunningPipelineDTO;
import io.conveyor.api.runtime.StageActivityDTO;
import io.conveyor.api.runtime.TapDTO;
import io.conveyor.testing.RuntimeStub;

class WatchCommandsTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<String> taps = new ArrayList<>();
    private List<RunningPipelineDTO> running = List.of();
    /** Snapshots that {@code running()} returns in turn before {@link #running}. */
    private final Deque<RunningPipelineDTO> snapshots = new ConcurrentLinkedDeque<>();
    private TapDTO nextTap;

    private final ConveyorRuntime runtime = new RuntimeStub() {
        @Override
        public List<RunningPipelineDTO> running() {
            RunningPipelineDTO next = snapshots.poll();
            return next != null ? List.of(next) : running;
        }

        @Override
        public TapDTO tap(String pipelineName, String stageId, int limit, Duration timeout) {
            taps.add(pipelineName + " " + stageId + " " + limit + " " + timeout.toSeconds() + "s");
            return nextTap;
        }

    };

    private int execute(String... args) {
        return new CommandLine(runtime).execute(List.of(args), new CommandLine.Session(
                new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Path.of("."), Map.of()));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static StageActivityDTO stage(String id, String function, String role, long rowsIn, long rowsOut,
            double rate, int queued, long memory) {
        StageActivityDTO stage = new StageActivityDTO();
        stage.stageId = id;
        stage.function = function;
        stage.role = role;
        stage.status = StageActivityDTO.RUNNING;
        stage.rowsIn = rowsIn;
        stage.rowsOut = rowsOut;
        stage.rowsPerSecond = rate;
        stage.batchesQueued = queued;
        stage.memoryBytes = memory;
        stage.millis = 4000;
        return stage;
    }

    private static RunningPipelineDTO orders() {
        RunningPipelineDTO run = new RunningPipelineDTO();
        run.pipelineName = "orders";
        run.startedAt = 1_700_000_000_000L;
        run.millis = 4250;
        run.stages.add(stage("lines", "stdin.stream", "source", 0, 1200, 300, 0, 0));
        run.stages.add(stage("upper", "fields.apply", "transform", 1200, 1100, 275, 2, 3 * 1024 * 1024 / 2));
        run.stages.add(stage("out", "stdout.write", "sink", 1100, 0, 275, 1, 0));
        return run;
    }

    private static TapDTO tap(String outcome, List<List<Object>> rows, String... fields) {
        TapDTO tap = new TapDTO();
        tap.pipelineName = "orders";
        tap.stageId = "upper";
        tap.outcome = outcome;
        tap.limit = 2;
        tap.fields = List.of(fields);
        tap.rows = rows;
        tap.stageIds = List.of("lines", "upper", "out");
        return tap;
    }

    @Test
    void topShowsEveryStageOfEveryRunningPipeline() {
        running = List.of(orders());

        assertEquals(0, execute("top"));

        assertEquals("""
                pipeline orders, running for 4.3 s
                  stage  function      status   rows in  rows out  rows/s  queued   memory
                  lines  stdin.stream  RUNNING        0      1200   300.0       0      0 B
                  upper  fields.apply  RUNNING     1200      1100   275.0       2  1.5 MiB
                  out    stdout.write  RUNNING     1100         0   275.0       1      0 B
                """, out());
    }

    @Test
    void topRatesOverAnIntervalCountWhatEachStageDidInIt() {
        RunningPipelineDTO run = orders();
        Map<String, Long> before = Map.of("orders@1700000000000/lines", 1000L, "orders@1700000000000/upper", 900L);

        String text = WatchCommands.topText(List.of(run), before, 2);

        assertEquals(List.of("100.0", "100.0", "275.0"),
                text.lines().skip(2).map(line -> line.trim().split(" +")[5]).toList());
    }

    @Test
    void topSaysWhenNothingRunsAndListsRunsAsJson() {
        assertEquals(0, execute("top"));
        assertEquals("no pipeline is running\n", out());
        out.reset();

        assertEquals(0, execute("top", "--json"));
        assertEquals("[ ]\n", out());
    }

    @Test
    void tapPrintsTheSchemaAndRowsAsTabSeparatedValues() {
        nextTap = tap(TapDTO.LIMIT, List.of(List.of(1L, "ADA"), Arrays.asList(2L, null)), "id: Int(64, true)",
                "name: Utf8");

        assertEquals(0, execute("tap", "--limit", "2", "orders", "upper"));

        assertEquals(List.of("orders upper 2 10s"), taps);
        assertEquals("""
                schema:
                  id: Int(64, true)
                  name: Utf8
                rows:
                  id\tname
                  1\tADA
                  2\tnull
                (2 rows, the limit)
                """, out());
    }

    @Test
    void tapOfAQuietStageSaysNothingCameBeforeTheTimeout() {
        nextTap = tap(TapDTO.TIMEOUT, List.of());

        assertEquals(0, execute("tap", "--timeout", "3", "orders", "upper"));

        assertEquals(List.of("orders upper 10 3s"), taps);
        assertEquals("schema: none, no batch came out of stage 'upper'\n(0 rows, timed out)\n", out());
    }

    @Test
    void tapAsJsonHasTheSchemaRowsAndOutcome() {
        nextTap = tap(TapDTO.RUN_ENDED, List.of(List.of(7L)), "id: Int(64, true)");

        assertEquals(0, execute("tap", "--json", "orders", "upper"));

        assertEquals("""
                {
                  "pipelineName" : "orders",
                  "stageId" : "upper",
                  "outcome" : "RUN_ENDED",
                  "limit" : 2,
                  "fields" : [ "id: Int(64, true)" ],
                  "rows" : [ [ 7 ] ],
                  "stageIds" : [ "lines", "upper", "out" ]
                }
                """, out());
    }

    @Test
    void tapOfAPipelineNotRunningOrAnUnknownStageIsAnError() {
        nextTap = tap(TapDTO.NOT_RUNNING, List.of());
        assertEquals(2, execute("tap", "orders", "upper"));
        assertEquals("conveyor: pipeline 'orders' is not running\n", err());
        err.reset();

        nextTap = tap(TapDTO.NO_SUCH_STAGE, List.of());
        assertEquals(2, execute("tap", "orders", "uper"));
        assertEquals("conveyor: pipeline 'orders' has no stage 'uper' (did you mean 'upper'?); its stages: lines,"
                + " upper, out\n", err());
        assertEquals("", out());
    }

    @Test
    void badArgumentsAreUsageErrors() {
        assertEquals(2, execute("tap", "orders"));
        assertEquals(2, execute("tap", "--limit", "0", "orders", "upper"));
        assertEquals(2, execute("top", "--watch", "soon"));
        assertEquals(2, execute("top", "--limit", "3"));
        assertEquals(2, execute("top", "--json", "--watch", "2"));

        assertEquals("""
                conveyor: tap needs a pipeline name and a stage id
                Run 'conveyor help' for usage.
                conveyor: --limit needs a whole number of at least 1, got '0'
                Run 'conveyor help' for usage.
                conveyor: --watch needs a whole number of at least 1, got 'soon'
                Run 'conveyor help' for usage.
                conveyor: unknown option '--limit'
                Run 'conveyor help' for usage.
                conveyor: --watch redraws a terminal; --json prints one snapshot, without --watch
                Run 'conveyor help' for usage.
                """, err());
        assertEquals(List.of(), taps);
    }

    @Test
    void topWatchRedrawsWithRatesOverTheIntervalUntilInterrupted() throws Exception {
        RunningPipelineDTO first = orders();
        RunningPipelineDTO second = orders();
        second.stages.get(0).rowsOut = 1500;
        RunningPipelineDTO third = orders();
        third.stages.get(0).rowsOut = 2100;
        snapshots.add(first);
        snapshots.add(second);
        running = List.of(third);
        AtomicInteger exitCode = new AtomicInteger(-1);
        Thread watch = new Thread(() -> exitCode.set(execute("top", "--watch", "1")));
        watch.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (out().split("\033\\[H\033\\[2J", -1).length < 4 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        watch.interrupt();
        watch.join(30_000);

        String[] screens = out().split("\033\\[H\033\\[2J", -1);
        assertEquals(0, exitCode.get());
        assertEquals("", screens[0]);
        assertEquals("  lines  stdin.stream  RUNNING        0      1200   300.0       0      0 B",
                screens[1].lines().skip(2).findFirst().orElseThrow());
        assertEquals("  lines  stdin.stream  RUNNING        0      1500   300.0       0      0 B",
                screens[2].lines().skip(2).findFirst().orElseThrow());
        assertEquals("  lines  stdin.stream  RUNNING        0      2100   600.0       0      0 B",
                screens[3].lines().skip(2).findFirst().orElseThrow());
    }
}
