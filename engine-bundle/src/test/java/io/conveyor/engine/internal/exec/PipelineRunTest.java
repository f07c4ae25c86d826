package io.conveyor.engine.internal.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.LongStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.conveyor.api.runtime.ProblemDTO;
import io.conveyor.api.runtime.RunReportDTO;
import io.conveyor.api.runtime.StageReportDTO;
import io.conveyor.api.stage.StageException;
import io.conveyor.engine.internal.exec.MockStages.CollectingSink;
import io.conveyor.engine.internal.exec.MockStages.CountingSource;
import io.conveyor.engine.internal.exec.MockStages.FailingTransform;
import io.conveyor.engine.internal.exec.MockStages.IdleSource;
import io.conveyor.engine.internal.exec.MockStages.LeakingTransform;
import io.conveyor.engine.internal.exec.MockStages.OrderedUnion;
import io.conveyor.engine.internal.exec.MockStages.OverflowingSink;
import io.conveyor.engine.internal.exec.MockStages.PassThrough;
import io.conveyor.engine.internal.exec.MockStages.StubbornTransform;

class PipelineRunTest {

    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void shutDown() {
        executor.shutdownNow();
    }

    private static List<Long> range(long from, long toExclusive) {
        return LongStream.range(from, toExclusive).boxed().toList();
    }

    private static String problems(RunReportDTO report) {
        return String.join("\n", report.problems.stream().map(ProblemDTO::toString).toList());
    }

    private static StageReportDTO stage(RunReportDTO report, String id) {
        return report.stages.stream().filter(s -> s.stageId.equals(id)).findFirst().orElseThrow();
    }

    @Test
    void linearPipelineDeliversEveryRowInOrderAndCountsThem() {
        CountingSource source = new CountingSource("count.read", 0, 3, 4);
        PassThrough pass = new PassThrough("pass.apply");
        CollectingSink sink = new CollectingSink("collect.write");
        TestPipeline pipeline = new TestPipeline("p").stage("src", source).stage("t", pass, "src")
                .stage("out", sink, "t");

        RunReportDTO report = pipeline.run(executor);

        assertEquals("", problems(report));
        assertEquals("SUCCEEDED", report.outcome);
        assertEquals("p", report.pipelineName);
        assertEquals(range(0, 12), sink.values);
        assertEquals(List.of("src", "t", "out"), report.stages.stream().map(s -> s.stageId).toList());
        StageReportDTO src = stage(report, "src");
        assertEquals(List.of(0L, 12L, 0L, 3L, "SUCCEEDED", "count.read", "source", "io.conveyor.test 1.0.0"),
                List.of(src.rowsIn, src.rowsOut, src.batchesIn, src.batchesOut, src.status, src.function, src.role,
                        src.provider));
        StageReportDTO out = stage(report, "out");
        assertEquals(List.of(12L, 0L, 3L, 0L, "SUCCEEDED"),
                List.of(out.rowsIn, out.rowsOut, out.batchesIn, out.batchesOut, out.status));
        assertEquals(List.of(1, 0, 1, 1, 1), List.of(sink.commits.get(), sink.aborts.get(), sink.closed.get(),
                source.closed.get(), pass.closed.get()));
        assertEquals(3, pipeline.leased());
        assertEquals(3, pipeline.released());
    }

    @Test
    void stagesRunOnNamedThreadsWithTheirContext() {
        CountingSource source = new CountingSource("count.read", 0, 1, 1);
        new TestPipeline("orders").stage("load", source).stage("out", new CollectingSink("collect.write"), "load")
                .run(executor);

        assertEquals("conveyor-orders-load", source.threadName);
        assertEquals(List.of("orders", "load", 8192, 3),
                List.of(source.context.pipelineName(), source.context.stageId(), source.context.batchSize(),
                        source.context.parallelism()));
    }

    @Test
    void forwardedBatchIsTheSameObjectTheSourceEmitted() {
        CountingSource source = new CountingSource("count.read", 0, 2, 5);
        CollectingSink sink = new CollectingSink("collect.write");
        new TestPipeline("p").stage("src", source).stage("t", new PassThrough("pass.apply"), "src")
                .stage("out", sink, "t").run(executor);

        assertEquals(2, sink.batches.size());
        assertSame(source.emitted.get(0), sink.batches.get(0));
        assertSame(source.emitted.get(1), sink.batches.get(1));
    }

    @Test
    void fanOutSharesEachBatchWithEveryConsumerWithoutCopying() {
        CountingSource source = new CountingSource("count.read", 0, 4, 3);
        CollectingSink left = new CollectingSink("left.write");
        CollectingSink right = new CollectingSink("right.write");
        RunReportDTO report = new TestPipeline("p").stage("src", source).stage("a", left, "src")
                .stage("b", right, "src").run(executor);

        assertEquals("SUCCEEDED", report.outcome, problems(report));
        assertEquals(range(0, 12), left.values);
        assertEquals(range(0, 12), right.values);
        for (int i = 0; i < 4; i++) {
            assertSame(left.batches.get(i), right.batches.get(i));
        }
        assertEquals(4L, stage(report, "src").batchesOut);
    }

    @Test
    void fanInDeliversEveryBatchOfEveryInput() {
        CountingSource source = new CountingSource("count.read", 0, 5, 2);
        CollectingSink sink = new CollectingSink("collect.write");
        RunReportDTO report = new TestPipeline("p").stage("src", source)
                .stage("a", new PassThrough("a.apply"), "src").stage("b", new PassThrough("b.apply"), "src")
                .stage("out", sink, "a", "b").run(executor);

        assertEquals("SUCCEEDED", report.outcome, problems(report));
        assertEquals(20, sink.values.size());
        assertEquals(range(0, 10), sink.values.stream().sorted().distinct().toList());
        assertEquals(5, sink.inputsSeen.stream().filter("a"::equals).count());
        assertEquals(5, sink.inputsSeen.stream().filter("b"::equals).count());
        assertEquals(20L, stage(report, "out").rowsIn);
    }

    @Test
    void multiInputTransformTakesOnlyFromTheInputsItAccepts() {
        CountingSource left = new CountingSource("left.read", 100, 3, 2);
        CountingSource right = new CountingSource("right.read", 0, 4, 2);
        OrderedUnion union = new OrderedUnion();
        CollectingSink sink = new CollectingSink("collect.write");
        RunReportDTO report = new TestPipeline("p").channelBufferSize(1).stage("r", right).stage("l", left)
                .stage("u", union, "l", "r").stage("out", sink, "u").run(executor);

        assertEquals("SUCCEEDED", report.outcome, problems(report));
        assertEquals(List.of(100L, 101L, 102L, 103L, 104L, 105L, 0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L), sink.values);
        assertEquals(List.of("l", "r"), union.endsSeen);
        assertEquals(1, union.closed.get());
    }

    @Test
    void transformAcceptingNoOpenInputFailsTheRun() {
        RunReportDTO report = new TestPipeline("p").stage("a", new CountingSource("a.read", 0, 1, 1))
                .stage("b", new CountingSource("b.read", 0, 1, 1)).stage("s", new StubbornTransform(), "a", "b")
                .stage("out", new CollectingSink("collect.write"), "s").run(executor);

        assertEquals("FAILED", report.outcome);
        assertEquals("p.toml:30:1: error[PLUGIN]: stage 's' (stubborn.apply) failed: "
                + "it accepts none of its open inputs 'a', 'b'", problems(report));
    }

    @Test
    void emptyBatchesAfterTheFirstAreDroppedAndReleased() {
        CountingSource source = new CountingSource("count.read", 0, 3, 2);
        source.emptyBefore = Set.of(1);
        CollectingSink sink = new CollectingSink("collect.write");
        RunReportDTO report = new TestPipeline("p").stage("src", source).stage("out", sink, "src").run(executor);

        assertEquals("SUCCEEDED", report.outcome, problems(report));
        assertEquals(3, sink.batches.size());
        assertEquals(3L, stage(report, "src").batchesOut);
        assertEquals(range(0, 6), sink.values);
    }

    @Test
    void emptyFirstBatchIsDeliveredWithItsSchemaThroughATransform() {
        CountingSource source = new CountingSource("count.read", 0, 2, 3);
        source.emptyBefore = Set.of(0, 1);
        CollectingSink sink = new CollectingSink("collect.write");
        RunReportDTO report = new TestPipeline("p").stage("src", source).stage("t", new PassThrough("pass.apply"), "src")
                .stage("out", sink, "t").run(executor);

        assertEquals("SUCCEEDED", report.outcome, problems(report));
        assertEquals(List.of("0 rows [n]", "3 rows [n]", "3 rows [n]"), sink.shapes);
        assertEquals(List.of(3L, 3L, 3L), List.of(stage(report, "src").batchesOut, stage(report, "t").batchesOut,
                stage(report, "out").batchesIn));
        assertEquals(range(0, 6), sink.values);
    }

    @Test
    void backpressureBoundsEachQueueToTheChannelBufferSize() {
        CountingSource source = new CountingSource("count.read", 0, 50, 1);
        CollectingSink slow = new CollectingSink("slow.write");
        // The sink holds its first batch until the source has emitted 4 more: the queue is then full.
        source.afterEachEmit = new CountDownLatch(5);
        slow.holdFirstWrite = source.afterEachEmit;
        TestPipeline pipeline = new TestPipeline("p").channelBufferSize(4).stage("src", source)
                .stage("out", slow, "src");

        RunReportDTO report = pipeline.run(executor);

        assertEquals("SUCCEEDED", report.outcome, problems(report));
        assertEquals(range(0, 50), slow.values);
        assertEquals(4, pipeline.lastRun().highWaterMark("out", "src"));
    }

    @Test
    void failingTransformCancelsTheRunAndEveryStageIsClosedOnce() {
        CountingSource source = new CountingSource("count.read", 0, -1, 10);
        FailingTransform failing = new FailingTransform(3);
        CollectingSink sink = new CollectingSink("collect.write");
        TestPipeline pipeline = new TestPipeline("p").channelBufferSize(2).stage("src", source)
                .stage("check", failing, "src").stage("out", sink, "check");

        RunReportDTO report = pipeline.run(executor);

        assertEquals("FAILED", report.outcome);
        assertEquals("p.toml:20:1: error[DATA]: stage 'check' (fail.apply) failed: "
                + "value 'x' in column 'n' is not a number", problems(report));
        assertEquals("check", report.problems.get(0).stageId);
        assertEquals(List.of("CANCELLED", "FAILED", "CANCELLED"),
                report.stages.stream().map(s -> s.status).toList());
        assertEquals(List.of(0, 1, 1, 1, 1), List.of(sink.commits.get(), sink.aborts.get(), sink.closed.get(),
                failing.closed.get(), source.closed.get()));
        assertEquals(3, pipeline.released());
    }

    @Test
    void errorThrownBySinkIsCaughtAndNamedWithItsClass() {
        CountingSource source = new CountingSource("count.read", 0, 2, 1);
        OverflowingSink sink = new OverflowingSink();
        RunReportDTO report = new TestPipeline("p").stage("src", source).stage("out", sink, "src").run(executor);

        assertEquals("FAILED", report.outcome);
        assertEquals("p.toml:20:1: error[STAGE]: stage 'out' (overflow.write) failed: java.lang.StackOverflowError",
                problems(report));
        assertEquals(List.of(0, 1, 1, 1), List.of(sink.commits.get(), sink.aborts.get(), sink.closed.get(),
                source.closed.get()));
    }

    @Test
    void failureInOneBranchAbortsTheSinksOfEveryBranch() {
        CountingSource small = new CountingSource("small.read", 0, 1, 1);
        CollectingSink early = new CollectingSink("early.write");
        CountingSource big = new CountingSource("big.read", 0, 5, 1);
        CollectingSink late = new CollectingSink("late.write");
        FailingTransform failing = new FailingTransform(2);
        failing.failOnlyAfter = early.wrote;
        RunReportDTO report = new TestPipeline("p").stage("small", small).stage("early", early, "small")
                .stage("big", big).stage("check", failing, "big").stage("late", late, "check")
                .run(executor);

        assertEquals("FAILED", report.outcome);
        assertEquals(List.of(0L), early.values);
        assertEquals(List.of(0, 1, 1), List.of(early.commits.get(), early.aborts.get(), early.closed.get()));
        assertEquals(List.of(0, 1, 1), List.of(late.commits.get(), late.aborts.get(), late.closed.get()));
        assertEquals("CANCELLED", stage(report, "early").status);
    }

    @Test
    void leakedBufferIsReportedWithTheStageAndByteCount() {
        LeakingTransform leaking = new LeakingTransform();
        CollectingSink sink = new CollectingSink("collect.write");
        RunReportDTO report = new TestPipeline("p").stage("src", new CountingSource("count.read", 0, 1, 1))
                .stage("leaky", leaking, "src").stage("out", sink, "leaky").run(executor);
        leaking.leaked.close();

        assertEquals("FAILED", report.outcome);
        assertEquals("p.toml:20:1: error[PLUGIN]: stage 'leaky' (leak.apply) leaked 64 bytes of Arrow memory",
                problems(report));
        assertEquals(List.of(0L), sink.values);
    }

    @Test
    void timeoutStopsTheRunWithTheTimeoutError() {
        IdleSource idle = new IdleSource();
        CollectingSink sink = new CollectingSink("collect.write");
        RunReportDTO report = new TestPipeline("slow").timeoutSeconds(1).stage("src", idle)
                .stage("out", sink, "src").run(executor);

        assertEquals("FAILED", report.outcome);
        assertEquals("p.toml: error[TIMEOUT]: pipeline 'slow' timed out after 1 seconds", problems(report));
        assertEquals(List.of(1, 0, 1, 1), List.of(idle.closed.get(), sink.commits.get(), sink.aborts.get(),
                sink.closed.get()));
    }

    @Test
    void stopEndsARunningPipelineAsStopped() throws Exception {
        IdleSource idle = new IdleSource();
        CollectingSink sink = new CollectingSink("collect.write");
        PipelineRun run = new TestPipeline("p").stage("src", idle).stage("out", sink, "src").prepare(executor);
        CompletableFuture<RunReportDTO> report = CompletableFuture.supplyAsync(run::execute);
        idle.producing.await();
        sink.opened.await();

        run.stop();

        assertEquals("p.toml: error[CANCELLED]: pipeline 'p' was stopped", problems(report.get()));
        assertEquals(List.of(1, 1), List.of(idle.closed.get(), sink.aborts.get()));
    }

    @Test
    void unavailableFunctionFailsBeforeAnyStageOpens() {
        CountingSource source = new CountingSource("count.read", 0, 1, 1);
        CollectingSink sink = new CollectingSink("gone.write");
        TestPipeline pipeline = new TestPipeline("p").stage("src", source).stage("out", sink, "src");

        RunReportDTO report = pipeline.run(executor);

        assertEquals("p.toml:20:1: error[PLUGIN]: stage 'out': function 'gone.write' is not available",
                problems(report));
        assertEquals(List.of("NOT_STARTED", "NOT_STARTED"), report.stages.stream().map(s -> s.status).toList());
        assertEquals(0, source.closed.get());
        assertEquals(1, pipeline.leased());
        assertEquals(1, pipeline.released());
    }

    @Test
    void stageFailingToOpenClosesTheOthersWithoutRunningThem() {
        CountingSource source = new CountingSource("count.read", 0, 5, 1);
        CollectingSink sink = new CollectingSink("collect.write");
        sink.openFailure = StageException.config("path", "cannot create folder 'out'");
        RunReportDTO report = new TestPipeline("p").stage("src", source).stage("out", sink, "src").run(executor);

        assertEquals("p.toml:23:1: error[CONFIG]: stage 'out' (collect.write) failed: cannot create folder 'out'",
                problems(report));
        assertEquals("path", report.problems.get(0).key);
        assertEquals(List.of(), sink.values);
        assertEquals(List.of(), source.emitted);
        assertEquals(List.of(0, 0, 0), List.of(sink.commits.get(), sink.aborts.get(), sink.closed.get()));
        // the source is cancelled whether or not its thread had started when the sink failed
        assertEquals(List.of("CANCELLED", "FAILED"), report.stages.stream().map(s -> s.status).toList());
    }

    @Test
    void eachRunGetsItsOwnAllocator() {
        CountingSource source = new CountingSource("count.read", 0, 1, 1);
        TestPipeline pipeline = new TestPipeline("p").stage("src", source)
                .stage("out", new CollectingSink("collect.write"), "src");
        pipeline.run(executor);
        Object first = source.context.allocator();
        pipeline.run(executor);
        assertNotSame(first, source.context.allocator());
        assertTrue(source.context.allocator().getName().contains("src"));
    }
}
