package io.conveyor.engine.internal.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.LongStream;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.conveyor.api.runtime.ProblemDTO;
import io.conveyor.api.runtime.RunReportDTO;
import io.conveyor.api.runtime.StageReportDTO;
import io.conveyor.api.stage.StageException;
import io.conveyor.engine.internal.exec.MockStages.CollectingSink;
import io.conveyor.engine.internal.exec.MockStages.CountingSource;
import io.conveyor.engine.internal.exec.MockStages.FailingTransform;
import io.conveyor.engine.internal.exec.MockStages.GatedSource;
import io.conveyor.engine.internal.exec.MockStages.IdleSource;
import io.conveyor.engine.internal.exec.MockStages.LeakingTransform;
import io.conveyor.engine.internal.exec.MockStages.Limit;
import io.conveyor.engine.internal.exec.MockStages.OrderedUnion;
import io.conveyor.engine.internal.exec.MockStages.OverflowingSink;
import io.conveyor.engine.internal.exec.MockStages.PassThrough;
import io.conveyor.engine.internal.exec.MockStages.StubbornTransform;

class PipelineRunTest {

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final RootAllocator engine = new RootAllocator(256L << 20);

    /** Every stage thread has returned and every run has given back all its memory. */
    @AfterEach
    void shutDown() throws InterruptedException {
        executor.shutdownNow();
        assertTrue(executor.awaitTermination(30, TimeUnit.SECONDS), "stage threads still running");
        assertEquals(List.of(), List.copyOf(engine.getChildAllocators()));
        engine.close();
    }

    private TestPipeline pipeline(String name) {
        return new TestPipeline(name, engine);
    }

    /** Waits (bounded) until {@code stages} stages of the run wait on a queue. */
    private static void awaitQueueWaits(PipelineRun run, int stages) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (run.queueWaits() < stages) {
            assertTrue(System.nanoTime() < deadline, "the run never reached " + stages + " queue waits");
            LockSupport.parkNanos(1_000_000);
        }
    }

    private static List<Long> range(long from, long toExclusive) {
        return LongStream.range(from, toExclusive).boxed().toList();
    }

    private static String problems(RunReportDTO report) {
        return String.join("\n", report.problems.stream().map(ProblemDTO::toString).toList());
    }

    private static List<String> statuses(RunReportDTO report, String... ids) {
        return List.of(ids).stream().map(id -> stage(report, id).status).toList();
    }

    private static StageReportDTO stage(RunReportDTO report, String id) {
        return report.stages.stream().filter(s -> s.stageId.equals(id)).findFirst().orElseThrow();
    }

    @Test
    void linearPipelineDeliversEveryRowInOrderAndCountsThem() {
        CountingSource source = new CountingSource("count.read", 0, 3, 4);
        PassThrough pass = new PassThrough("pass.apply");
        CollectingSink sink = new CollectingSink("collect.write");
        TestPipeline pipeline = pipeline("p").stage("src", source).stage("t", pass, "src")
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
        pipeline("orders").stage("load", source).stage("out", new CollectingSink("collect.write"), "load")
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
        pipeline("p").stage("src", source).stage("t", new PassThrough("pass.apply"), "src")
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
        RunReportDTO report = pipeline("p").stage("src", source).stage("a", left, "src")
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
        RunReportDTO report = pipeline("p").stage("src", source)
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
    void independentBranchesRunAtTheSameTime() {
        // Each sink's first write waits (bounded) until the other branch's sink is writing too:
        // branches run one after the other would break the barrier and fail the run.
        CyclicBarrier bothWriting = new CyclicBarrier(2);
        MeetingSink left = new MeetingSink("left.write", bothWriting);
        MeetingSink right = new MeetingSink("right.write", bothWriting);
        RunReportDTO report = pipeline("p")
                .stage("l", new CountingSource("l.read", 0, 3, 1)).stage("r", new CountingSource("r.read", 100, 3, 1))
                .stage("lout", left, "l").stage("rout", right, "r").run(executor);

        assertEquals("SUCCEEDED", report.outcome, problems(report));
        assertEquals(List.of(List.of(0L, 1L, 2L), List.of(100L, 101L, 102L)), List.of(left.values, right.values));
    }

    /** A collecting sink whose first write meets the other branch's at a barrier. */
    private static final class MeetingSink extends CollectingSink {
        private final CyclicBarrier barrier;
        private boolean met;

        MeetingSink(String function, CyclicBarrier barrier) {
            super(function);
            this.barrier = barrier;
        }

        @Override
        void write(String input, VectorSchemaRoot batch) throws StageException {
            if (!met) {
                met = true;
                try {
                    barrier.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                    throw StageException.data("the other branch never wrote at the same time: " + e);
                }
            }
            super.write(input, batch);
        }
    }

    @Test
    void multiInputTransformTakesOnlyFromTheInputsItAccepts() {
        CountingSource left = new CountingSource("left.read", 100, 3, 2);
        CountingSource right = new CountingSource("right.read", 0, 4, 2);
        OrderedUnion union = new OrderedUnion();
        CollectingSink sink = new CollectingSink("collect.write");
        RunReportDTO report = pipeline("p").channelBufferSize(1).stage("r", right).stage("l", left)
                .stage("u", union, "l", "r").stage("out", sink, "u").run(executor);

        assertEquals("SUCCEEDED", report.outcome, problems(report));
        assertEquals(List.of(100L, 101L, 102L, 103L, 104L, 105L, 0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L), sink.values);
        assertEquals(List.of("l", "r"), union.endsSeen);
        assertEquals(1, union.closed.get());
    }

    @Test
    void transformAcceptingNoInputAtAllIsFinishedAtOnceAndItsInputsAreDiscarded() {
        CountingSource a = new CountingSource("a.read", 0, 5, 1);
        CountingSource b = new CountingSource("b.read", 0, 5, 1);
        StubbornTransform stubborn = new StubbornTransform();
        CollectingSink sink = new CollectingSink("collect.write");
        RunReportDTO report = pipeline("p").channelBufferSize(1).stage("a", a).stage("b", b)
                .stage("s", stubborn, "a", "b").stage("out", sink, "s").run(executor);

        assertEquals("SUCCEEDED", report.outcome, problems(report));
        assertEquals(List.of(1, 5, 5), List.of(stubborn.finished.get(), a.emitted.size(), b.emitted.size()));
        assertEquals(List.of(0L, 0L), List.of(stage(report, "s").batchesIn, stage(report, "out").batchesIn));
        assertEquals(1, sink.commits.get());
    }

    @Test
    void transformThatStopsAcceptingIsFinishedAndUpstreamRunsToItsEnd() {
        CountingSource source = new CountingSource("count.read", 0, 50, 1);
        Limit limit = new Limit(3);
        CollectingSink sink = new CollectingSink("collect.write");
        RunReportDTO report = pipeline("p").channelBufferSize(1).stage("src", source).stage("first", limit, "src")
                .stage("out", sink, "first").run(executor);

        assertEquals("SUCCEEDED", report.outcome, problems(report));
        assertEquals(range(0, 3), sink.values);
        assertEquals(List.of(1, 50), List.of(limit.finished.get(), source.emitted.size()));
        assertEquals(List.of(), limit.endsSeen);
        assertEquals(3L, stage(report, "first").batchesIn);
    }

    @Test
    void sinkThatStopsAcceptingCommitsWhatItWroteAndUpstreamRunsToItsEnd() {
        CountingSource source = new CountingSource("count.read", 0, 20, 1);
        CollectingSink sink = new CollectingSink("collect.write");
        sink.acceptRows = 2;
        RunReportDTO report = pipeline("p").channelBufferSize(1).stage("src", source).stage("out", sink, "src")
                .run(executor);

        assertEquals("SUCCEEDED", report.outcome, problems(report));
        assertEquals(range(0, 2), sink.values);
        assertEquals(List.of(1, 0, 20), List.of(sink.commits.get(), sink.aborts.get(), source.emitted.size()));
    }

    @Test
    void diamondWhoseSinkHoldsBackItsSecondInputFailsAsStalled() {
        CountingSource source = new CountingSource("count.read", 0, -1, 1);
        CollectingSink sink = new CollectingSink("ordered.write");
        sink.inOrder = true;
        RunReportDTO report = pipeline("p").timeoutSeconds(60).channelBufferSize(2).stage("src", source)
                .stage("a", new PassThrough("a.apply"), "src").stage("b", new PassThrough("b.apply"), "src")
                .stage("w", sink, "a", "b").run(executor);

        assertEquals("FAILED", report.outcome);
        assertEquals("p.toml: error[PLAN]: pipeline 'p' is stalled: stage 'w' waits for input 'a' while input 'b' "
                + "is full, 'b' waits for room in 'w', 'a' waits for input 'src', and 'src' waits for room in 'b'",
                problems(report));
        assertEquals(List.of("CANCELLED", "CANCELLED", "CANCELLED", "CANCELLED"),
                report.stages.stream().map(s -> s.status).toList());
        assertEquals(List.of(0, 1, 1), List.of(sink.commits.get(), sink.aborts.get(), sink.closed.get()));
    }

    @Test
    void sourceBlockedOutsideThePipelineIsNotAStall() throws Exception {
        GatedSource slow = new GatedSource("slow.read", false);
        CountingSource fast = new CountingSource("fast.read", 100, 5, 1);
        CollectingSink sink = new CollectingSink("ordered.write");
        sink.inOrder = true;
        PipelineRun run = pipeline("p").channelBufferSize(1).stage("slow", slow).stage("fast", fast)
                .stage("w", sink, "slow", "fast").prepare(executor);
        CompletableFuture<RunReportDTO> report = CompletableFuture.supplyAsync(run::execute);

        awaitQueueWaits(run, 2); // 'w' waits for input 'slow', 'fast' waits for room in 'w'
        slow.gate.countDown();

        assertEquals("", problems(report.get(30, TimeUnit.SECONDS)));
        assertEquals(List.of(0L, 100L, 101L, 102L, 103L, 104L), sink.values);
    }

    @Test
    void emptyBatchesAfterTheFirstAreDroppedAndReleased() {
        CountingSource source = new CountingSource("count.read", 0, 3, 2);
        source.emptyBefore = Set.of(1);
        CollectingSink sink = new CollectingSink("collect.write");
        RunReportDTO report = pipeline("p").stage("src", source).stage("out", sink, "src").run(executor);

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
        RunReportDTO report = pipeline("p").stage("src", source).stage("t", new PassThrough("pass.apply"), "src")
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
        TestPipeline pipeline = pipeline("p").channelBufferSize(4).stage("src", source)
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
        TestPipeline pipeline = pipeline("p").channelBufferSize(2).stage("src", source)
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
        RunReportDTO report = pipeline("p").stage("src", source).stage("out", sink, "src").run(executor);

        assertEquals("FAILED", report.outcome);
        assertEquals("p.toml:20:1: error[STAGE]: stage 'out' (overflow.write, plugin io.conveyor.test 1.0.0) failed: "
                + "java.lang.StackOverflowError",
                problems(report));
        assertEquals(List.of(0, 1, 1, 1), List.of(sink.commits.get(), sink.aborts.get(), sink.closed.get(),
                source.closed.get()));
    }

    @Test
    void runningOutOfTheRunsMemoryNamesTheSettingNotThePlugin() {
        // 16 Mi rows of int64 need 128 MiB (and Arrow rounds up), twice the test pipeline's limit
        CountingSource source = new CountingSource("big.read", 0, 1, 16 << 20);
        CollectingSink sink = new CollectingSink("collect.write");
        RunReportDTO report = pipeline("p").stage("src", source).stage("out", sink, "src").run(executor);

        assertEquals("FAILED", report.outcome);
        assertEquals("p.toml:10:1: error[STAGE]: stage 'src' (big.read) ran out of Arrow memory: Unable to allocate"
                + " buffer of size 136314880 due to memory limit. Current allocation: 0 (the run's limit is"
                + " memory.limit.bytes in the engine's settings, etc/io.conveyor.engine.cfg)", problems(report));
    }

    @Test
    void failureInOneBranchAbortsTheSinksOfEveryBranch() {
        CountingSource small = new CountingSource("small.read", 0, 1, 1);
        CollectingSink early = new CollectingSink("early.write");
        CountingSource big = new CountingSource("big.read", 0, 5, 1);
        CollectingSink late = new CollectingSink("late.write");
        FailingTransform failing = new FailingTransform(2);
        failing.failOnlyAfter = early.wrote;
        RunReportDTO report = pipeline("p").stage("small", small).stage("early", early, "small")
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
        RunReportDTO report = pipeline("p").stage("src", new CountingSource("count.read", 0, 1, 1))
                .stage("leaky", leaking, "src").stage("out", sink, "leaky").run(executor);
        leaking.leaked.close();
        leaking.context.allocator().close(); // the engine keeps a leaking run's allocators open
        leaking.context.allocator().getParentAllocator().close();

        assertEquals("FAILED", report.outcome);
        assertEquals("p.toml:20:1: error[PLUGIN]: stage 'leaky' (leak.apply) leaked 64 bytes of Arrow memory",
                problems(report));
        assertEquals(List.of(0L), sink.values);
    }

    @Test
    void timeoutStopsTheRunWithTheTimeoutError() {
        IdleSource idle = new IdleSource();
        CollectingSink sink = new CollectingSink("collect.write");
        RunReportDTO report = pipeline("slow").timeoutSeconds(1).stage("src", idle)
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
        PipelineRun run = pipeline("p").stage("src", idle).stage("out", sink, "src").prepare(executor);
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
        TestPipeline pipeline = pipeline("p").stage("src", source).stage("out", sink, "src");

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
        RunReportDTO report = pipeline("p").stage("src", source).stage("out", sink, "src").run(executor);

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
    void eachRunGetsItsOwnChildOfTheEngineAllocatorAndClosesIt() {
        CountingSource source = new CountingSource("count.read", 0, 1, 1);
        TestPipeline pipeline = pipeline("p").stage("src", source)
                .stage("out", new CollectingSink("collect.write"), "src");
        pipeline.run(executor);
        BufferAllocator first = source.context.allocator();
        pipeline.run(executor);

        BufferAllocator stageAllocator = source.context.allocator();
        BufferAllocator runAllocator = stageAllocator.getParentAllocator();
        assertNotSame(first, stageAllocator);
        assertNotSame(first.getParentAllocator(), runAllocator);
        assertSame(engine, runAllocator.getParentAllocator());
        assertEquals(List.of("stage src", "run p", 64L << 20, 64L << 20),
                List.of(stageAllocator.getName(), runAllocator.getName(), stageAllocator.getLimit(),
                        runAllocator.getLimit()));
        assertEquals(List.of(), List.copyOf(engine.getChildAllocators()));
    }

    @Test
    void failedRunInterruptsABlockedStageAfterOneGracePeriodAndReportsItCancelled() throws Exception {
        GatedSource blocked = new GatedSource("blocked.read", false);
        FailingTransform failing = new FailingTransform(1);
        failing.failOnlyAfter = blocked.blocked;
        PipelineRun run = pipeline("p").timeoutSeconds(3600).stopGraceMillis(50).stage("in", blocked)
                .stage("out", new CollectingSink("collect.write"), "in")
                .stage("small", new CountingSource("count.read", 0, 1, 1)).stage("check", failing, "small")
                .stage("out2", new CollectingSink("other.write"), "check").prepare(executor);

        RunReportDTO report = CompletableFuture.supplyAsync(run::execute).get(60, TimeUnit.SECONDS);

        assertEquals("p.toml:40:1: error[DATA]: stage 'check' (fail.apply) failed: "
                + "value 'x' in column 'n' is not a number", problems(report));
        // 'small' may have ended before 'check' failed, or not
        assertEquals(List.of("CANCELLED", "CANCELLED", "FAILED", "CANCELLED"), statuses(report, "in", "out", "check",
                "out2"));
        assertEquals(List.of(1, 1), List.of(blocked.interrupts.get(), blocked.closed.get()));
        assertTrue(stage(report, "in").millis >= 50, "it ran until interrupted: " + stage(report, "in").millis);
    }

    @Test
    void stageThatIgnoresInterruptsIsReportedStuckAfterTheSecondGracePeriod() throws Exception {
        GatedSource stuck = new GatedSource("stuck.read", true);
        FailingTransform failing = new FailingTransform(1);
        failing.failOnlyAfter = stuck.blocked;
        PipelineRun run = pipeline("p").timeoutSeconds(3600).stopGraceMillis(50).stage("in", stuck)
                .stage("out", new CollectingSink("collect.write"), "in")
                .stage("small", new CountingSource("count.read", 0, 1, 1)).stage("check", failing, "small")
                .stage("out2", new CollectingSink("other.write"), "check").prepare(executor);
        RunReportDTO report;
        try {
            report = CompletableFuture.supplyAsync(run::execute).get(60, TimeUnit.SECONDS);
        } finally {
            stuck.gate.countDown();
        }

        assertEquals("p.toml:40:1: error[DATA]: stage 'check' (fail.apply) failed: "
                + "value 'x' in column 'n' is not a number\n"
                + "p.toml:10:1: error[PLUGIN]: stage 'in' (stuck.read, plugin io.conveyor.test 1.0.0) is stuck: it "
                + "did not stop within 100 ms after the run stopped",
                problems(report));
        assertEquals(List.of("STUCK", "CANCELLED", "FAILED", "CANCELLED"), statuses(report, "in", "out", "check",
                "out2"));
        assertTrue(stage(report, "in").millis >= 100, "it was waited for: " + stage(report, "in").millis);
        assertEquals(1, stuck.interrupts.get());
        // once it returns, it is closed and the run's memory is released (checked after each test)
        executor.shutdown();
        assertTrue(executor.awaitTermination(30, TimeUnit.SECONDS));
        assertEquals(1, stuck.closed.get());
    }
}
