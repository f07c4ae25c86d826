package io.conveyor.engine.internal.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;

import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.conveyor.api.runtime.RunReportDTO;
import io.conveyor.api.runtime.RunningPipelineDTO;
import io.conveyor.api.runtime.StageActivityDTO;
import io.conveyor.api.runtime.TapDTO;
import io.conveyor.api.stage.Emitter;
import io.conveyor.api.stage.Source;
import io.conveyor.api.stage.SourceTask;
import io.conveyor.api.stage.StageConfig;
import io.conveyor.api.stage.StageContext;
import io.conveyor.api.stage.StageDescriptor;
import io.conveyor.api.stage.StageException;
import io.conveyor.api.stage.StageRole;
import io.conveyor.engine.internal.exec.MockStages.CollectingSink;
import io.conveyor.engine.internal.exec.MockStages.PassThrough;

/** What {@code top} and {@code tap} see of a running pipeline, and that watching it changes nothing. */
class RunWatchTest {

    private static final long LONG = TimeUnit.SECONDS.toNanos(30);

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final RootAllocator engine = new RootAllocator(256L << 20);
    private final SteppedSource source = new SteppedSource(4);
    private final CollectingSink sink = new CollectingSink("collect.write");

    /** Every stage thread has returned and every run, taps included, has given back all its memory. */
    @AfterEach
    void shutDown() throws InterruptedException {
        executor.shutdownNow();
        assertTrue(executor.awaitTermination(30, TimeUnit.SECONDS), "stage threads still running");
        assertEquals(List.of(), List.copyOf(engine.getChildAllocators()));
        engine.close();
    }

    /** Emits one batch of {@code rows} numbers, counting on from the last, per {@link #release}; ends when stopped. */
    private static final class SteppedSource implements Source {
        final int rows;
        final Semaphore permits = new Semaphore(0);

        SteppedSource(int rows) {
            this.rows = rows;
        }

        void release(int batches) {
            permits.release(batches);
        }

        @Override
        public StageDescriptor descriptor() {
            return StageDescriptor.builder("stepped.read", StageRole.SOURCE).build();
        }

        @Override
        public SourceTask open(StageConfig config, StageContext context) {
            return new SourceTask() {
                long next;

                @Override
                public boolean produce(Emitter out) throws StageException {
                    try {
                        if (permits.tryAcquire(5, TimeUnit.MILLISECONDS)) {
                            out.emit(MockStages.numbers(context.allocator(), next, rows));
                            next += rows;
                        }
                    } catch (InterruptedException e) {
                        throw StageException.cancelled();
                    }
                    return !context.isStopped();
                }

                @Override
                public void close() {
                }
            };
        }
    }

    private PipelineRun start(TestPipeline pipeline) {
        PipelineRun run = pipeline.prepare(executor);
        CompletableFuture.supplyAsync(run::execute, executor);
        return run;
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + LONG;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "never happened: " + what);
            LockSupport.parkNanos(1_000_000);
        }
    }

    private static CompletableFuture<TapDTO> attach(PipelineRun run, String stageId, int limit, long timeoutNanos) {
        CompletableFuture<TapDTO> tap = CompletableFuture.supplyAsync(() -> run.tap(stageId, limit, timeoutNanos));
        await("tap attached", () -> stage(run.activity(), stageId).taps == 1);
        return tap;
    }

    private static List<List<Object>> rows(long from, long toExclusive) {
        return LongStream.range(from, toExclusive).mapToObj(n -> List.<Object>of(n)).toList();
    }

    private static StageActivityDTO stage(RunningPipelineDTO run, String id) {
        return run.stages.stream().filter(s -> s.stageId.equals(id)).findFirst().orElseThrow();
    }

    @Test
    void tapSamplesTheFirstRowsEmittedWhileAttachedAndTheRunLosesNone() throws Exception {
        PipelineRun run = start(new TestPipeline("p", engine).stage("src", source)
                .stage("t", new PassThrough("pass.apply"), "src").stage("out", sink, "t"));
        source.release(1);
        await("first batch written", () -> sink.values.size() == 4);

        CompletableFuture<TapDTO> tap = attach(run, "t", 6, LONG);
        source.release(3);
        TapDTO sampled = tap.get(30, TimeUnit.SECONDS);

        assertEquals(List.of(TapDTO.LIMIT, "p", "t", 6), List.of(sampled.outcome, sampled.pipelineName,
                sampled.stageId, sampled.limit));
        assertEquals(List.of("n: Int(64, true)"), sampled.fields);
        assertEquals(rows(4, 10), sampled.rows);
        assertEquals(List.of("src", "t", "out"), sampled.stageIds);
        assertEquals(0, stage(run.activity(), "t").taps);
        source.release(1);
        await("every batch written", () -> sink.values.size() == 20);
        run.stop();
        assertEquals(LongStream.range(0, 20).boxed().toList(), sink.values);
    }

    @Test
    void tapThatNeverFillsHoldsNoStageBackAndEndsWithTheRun() throws Exception {
        PipelineRun run = start(new TestPipeline("p", engine).channelBufferSize(1).stage("src", source)
                .stage("out", sink, "src"));
        CompletableFuture<TapDTO> tap = attach(run, "src", 1000, LONG);

        source.release(25);
        await("every batch written while tapped", () -> sink.values.size() == 100);
        assertEquals(1, stage(run.activity(), "src").taps);
        run.stop();
        TapDTO sampled = tap.get(30, TimeUnit.SECONDS);

        assertEquals(TapDTO.RUN_ENDED, sampled.outcome);
        assertEquals(rows(0, 100), sampled.rows);
    }

    @Test
    void tapOnAQuietStageEndsAtItsTimeoutWithWhatItGot() throws Exception {
        PipelineRun run = start(new TestPipeline("p", engine).stage("src", source).stage("out", sink, "src"));
        CompletableFuture<TapDTO> tap = attach(run, "src", 10, TimeUnit.SECONDS.toNanos(2));
        source.release(1);

        TapDTO sampled = tap.get(30, TimeUnit.SECONDS);

        assertEquals(TapDTO.TIMEOUT, sampled.outcome);
        assertEquals(List.of("n: Int(64, true)"), sampled.fields);
        assertEquals(rows(0, 4), sampled.rows);
        assertEquals(0, stage(run.activity(), "src").taps);
        run.stop();
    }

    @Test
    void tapOnARunThatHasEndedReturnsAtOnceWithNothing() {
        PipelineRun run = new TestPipeline("p", engine).stage("src", new MockStages.CountingSource("count.read", 0, 1, 1))
                .stage("out", sink, "src").prepare(executor);
        RunReportDTO report = run.execute();

        TapDTO sampled = run.tap("src", 10, LONG);

        assertEquals(List.of("SUCCEEDED", TapDTO.RUN_ENDED, List.of(), List.of()),
                List.of(report.outcome, sampled.outcome, sampled.fields, sampled.rows));
    }

    @Test
    void activityCountsRowsQueuedBatchesAndTheMemoryEachStageHolds() {
        sink.holdFirstWrite = new CountDownLatch(1);
        PipelineRun run = start(new TestPipeline("p", engine).channelBufferSize(4).stage("src", source)
                .stage("out", sink, "src"));
        source.release(3);
        await("three batches emitted", () -> stage(run.activity(), "src").rowsOut == 12);
        await("two batches queued", () -> stage(run.activity(), "out").batchesQueued == 2);

        RunningPipelineDTO held = run.activity();
        StageActivityDTO src = stage(held, "src");
        StageActivityDTO out = stage(held, "out");
        assertEquals("p", held.pipelineName);
        assertEquals(List.of("src", "out"), held.stages.stream().map(s -> s.stageId).toList());
        assertEquals(List.of("stepped.read", "source", "RUNNING", 0L, 12L, 0),
                List.of(src.function, src.role, src.status, src.rowsIn, src.rowsOut, src.batchesQueued));
        assertEquals(List.of("collect.write", "sink", "RUNNING", 4L, 0L, 0L),
                List.of(out.function, out.role, out.status, out.rowsIn, out.rowsOut, out.memoryBytes));
        // three batches of four int64 values and their validity, all still alive
        assertTrue(src.memoryBytes >= 3 * 4 * 8, "source holds " + src.memoryBytes + " bytes");

        sink.holdFirstWrite.countDown();
        await("every batch written", () -> sink.values.size() == 12);
        await("every batch released", () -> stage(run.activity(), "src").memoryBytes == 0);
        StageActivityDTO drained = stage(run.activity(), "out");
        assertEquals(List.of(12L, 0), List.of(drained.rowsIn, drained.batchesQueued));
        run.stop();
    }
}
