package io.conveyor.engine.internal.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.stream.LongStream;

import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.conveyor.api.runtime.ProblemDTO;
import io.conveyor.api.runtime.RunReportDTO;
import io.conveyor.api.stage.Emitter;
import io.conveyor.api.stage.Source;
import io.conveyor.api.stage.SourceTask;
import io.conveyor.api.stage.StageConfig;
import io.conveyor.api.stage.StageContext;
import io.conveyor.api.stage.StageDescriptor;
import io.conveyor.api.stage.StageException;
import io.conveyor.api.stage.StageRole;
import io.conveyor.api.stage.Transform;
import io.conveyor.api.stage.TransformTask;
import io.conveyor.engine.internal.exec.MockStages.CollectingSink;

/**
 * What a run does when the bundle of one of its stages is replaced while it runs: a continuous
 * run moves a transform to the new version at a batch boundary, losing and repeating nothing; a
 * bounded run finishes on the old version; a source that reports its position and a sink that
 * delivers each batch move too; a continuous run stops with an error when no new version comes, or
 * when the stage is a source without a position or a sink holding uncommitted output. A stage
 * waiting for input moves as soon as its service goes away.
 */
class StageUpgradeTest {

    private static final long WAIT_SECONDS = 30;

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final ExecutorService caller = Executors.newSingleThreadExecutor();
    private final RootAllocator engine = new RootAllocator(256L << 20);

    @AfterEach
    void shutDown() throws InterruptedException {
        caller.shutdownNow();
        executor.shutdownNow();
        assertTrue(caller.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS), "run still going");
        assertTrue(executor.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS), "stage threads still running");
        assertEquals(List.of(), List.copyOf(engine.getChildAllocators()));
        engine.close();
    }

    @Test
    void continuousRunMovesATransformToItsNewVersionWithoutLosingOrRepeatingARow() throws Exception {
        FeedSource source = new FeedSource(true);
        VersionedPass v1 = new VersionedPass();
        VersionedPass v2 = new VersionedPass();
        CollectingSink sink = new CollectingSink("collect.write");
        TestPipeline pipeline = new TestPipeline("p", engine).stage("src", source).stage("t", v1, "src")
                .stage("out", sink, "t");
        Future<RunReportDTO> run = caller.submit(() -> pipeline.run(executor));

        source.release(3);
        await("three batches at the sink", () -> sink.values.size() == 6);
        pipeline.upgrade(v2, "io.conveyor.test 2.0.0");
        source.release(3);
        source.end();
        RunReportDTO report = run.get(WAIT_SECONDS, TimeUnit.SECONDS);

        assertEquals("", problems(report));
        assertEquals(range(0, 12), sink.values);
        assertEquals(List.of(0L, 2L, 4L), v1.firstValues);
        assertEquals(List.of(6L, 8L, 10L), v2.firstValues);
        // the replaced task is closed without finish; the new one sees the end of the stream
        assertEquals(List.of(1, 0, 1), v1.calls());
        assertEquals(List.of(1, 1, 1), v2.calls());
        assertEquals("io.conveyor.test 2.0.0", stage(report, "t").provider);
        assertEquals(List.of(4, 4), List.of(pipeline.leased(), pipeline.released()));
    }

    @Test
    void stagesWaitingForInputReleaseTheOldVersionBeforeItsWithdrawalReturns() throws Exception {
        FeedSource source = new FeedSource(true);
        VersionedPass v1 = new VersionedPass();
        VersionedPass v2 = new VersionedPass();
        DeliveringSink sink1 = new DeliveringSink();
        DeliveringSink sink2 = new DeliveringSink();
        TestPipeline pipeline = new TestPipeline("p", engine).stage("src", source).stage("t", v1, "src")
                .stage("out", sink1, "t");
        Future<RunReportDTO> run = caller.submit(() -> pipeline.run(executor));

        source.release(1);
        await("a batch at the sink", () -> sink1.values.size() == 2);
        // no batch follows: each stage is woken where it waits, as a bundle's stop, and the refresh
        // after it, must not find the old version in use
        pipeline.upgrade(v2, "io.conveyor.test 2.0.0");
        assertEquals(List.of(1, 0, 1), v1.calls());
        pipeline.upgrade(sink2, "io.conveyor.test 2.0.0");
        assertEquals(List.of(1, 0, 1), List.of(sink1.commits.get(), sink1.aborts.get(), sink1.closed.get()));
        source.release(1);
        source.end();
        RunReportDTO report = run.get(WAIT_SECONDS, TimeUnit.SECONDS);

        assertEquals("", problems(report));
        assertEquals(range(0, 2), sink1.values);
        assertEquals(range(2, 4), sink2.values);
        assertEquals(List.of(1, 1, 1), v2.calls());
    }

    @Test
    void boundedRunFinishesOnTheVersionItStartedWith() throws Exception {
        FeedSource source = new FeedSource(false);
        VersionedPass v1 = new VersionedPass();
        VersionedPass v2 = new VersionedPass();
        CollectingSink sink = new CollectingSink("collect.write");
        TestPipeline pipeline = new TestPipeline("p", engine).stage("src", source).stage("t", v1, "src")
                .stage("out", sink, "t");
        Future<RunReportDTO> run = caller.submit(() -> pipeline.run(executor));

        source.release(3);
        await("three batches at the sink", () -> sink.values.size() == 6);
        pipeline.upgrade(v2, "io.conveyor.test 2.0.0");
        source.release(3);
        source.end();
        RunReportDTO report = run.get(WAIT_SECONDS, TimeUnit.SECONDS);

        assertEquals("", problems(report));
        assertEquals(range(0, 12), sink.values);
        assertEquals(List.of(0L, 2L, 4L, 6L, 8L, 10L), v1.firstValues);
        assertEquals(List.of(1, 1, 1), v1.calls());
        assertEquals(List.of(0, 0, 0), v2.calls());
        assertEquals("io.conveyor.test 1.0.0", stage(report, "t").provider);
        assertEquals(List.of(3, 3), List.of(pipeline.leased(), pipeline.released()));
    }

    @Test
    void continuousRunStopsWhenNoNewVersionArrivesWithinTheUpgradeWait() throws Exception {
        FeedSource source = new FeedSource(true);
        VersionedPass v1 = new VersionedPass();
        CollectingSink sink = new CollectingSink("collect.write");
        TestPipeline pipeline = new TestPipeline("p", engine).upgradeWaitMillis(200).stage("src", source)
                .stage("t", v1, "src").stage("out", sink, "t");
        Future<RunReportDTO> run = caller.submit(() -> pipeline.run(executor));

        source.release(1);
        await("a batch at the sink", () -> sink.values.size() == 2);
        pipeline.withdraw("pass.apply");
        source.release(1);
        RunReportDTO report = run.get(WAIT_SECONDS, TimeUnit.SECONDS);

        assertEquals("p.toml:20:1: error[PLUGIN]: stage 't' (pass.apply) failed: its plugin io.conveyor.test 1.0.0"
                + " went away during the run and no provider of pass.apply started within 200 ms", problems(report));
        assertEquals(List.of("CANCELLED", "FAILED", "CANCELLED"), statuses(report));
        assertEquals(List.of(0, 1), List.of(sink.commits.get(), sink.aborts.get()));
        assertEquals(List.of(1, 0, 1), v1.calls());
        assertEquals(List.of(3, 3), List.of(pipeline.leased(), pipeline.released()));
    }

    @Test
    void stoppingARunThatWaitsForANewVersionEndsItAsStopped() throws Exception {
        FeedSource source = new FeedSource(true);
        CollectingSink sink = new CollectingSink("collect.write");
        TestPipeline pipeline = new TestPipeline("p", engine).stage("src", source)
                .stage("t", new VersionedPass(), "src").stage("out", sink, "t");
        PipelineRun prepared = pipeline.prepare(executor);
        Future<RunReportDTO> run = caller.submit(prepared::execute);

        source.release(1);
        await("a batch at the sink", () -> sink.values.size() == 2);
        pipeline.withdraw("pass.apply");
        source.release(1);
        await("the transform to wait for its new version", () -> pipeline.released() == 1);
        prepared.stop();
        RunReportDTO report = run.get(WAIT_SECONDS, TimeUnit.SECONDS);

        assertEquals("p.toml: error[CANCELLED]: pipeline 'p' was stopped", problems(report));
        assertEquals(List.of(3, 3), List.of(pipeline.leased(), pipeline.released()));
    }

    @Test
    void continuousRunStopsWhenItsSinkIsReplaced() throws Exception {
        FeedSource source = new FeedSource(true);
        CollectingSink sink = new CollectingSink("collect.write");
        TestPipeline pipeline = new TestPipeline("p", engine).stage("src", source)
                .stage("t", new VersionedPass(), "src").stage("out", sink, "t");
        Future<RunReportDTO> run = caller.submit(() -> pipeline.run(executor));

        source.release(1);
        await("a batch at the sink", () -> sink.values.size() == 2);
        pipeline.upgrade(new CollectingSink("collect.write"), "io.conveyor.test 2.0.0");
        source.release(1);
        RunReportDTO report = run.get(WAIT_SECONDS, TimeUnit.SECONDS);

        assertEquals("p.toml:30:1: error[PLUGIN]: stage 'out' (collect.write) failed: its plugin io.conveyor.test"
                + " 1.0.0 went away during a continuous run, and a sink cannot move to a new version without losing"
                + " the output it has not committed; start the pipeline again to use the new version",
                problems(report));
        assertEquals(List.of(0, 1, 1), List.of(sink.commits.get(), sink.aborts.get(), sink.closed.get()));
    }

    @Test
    void continuousRunMovesASinkThatDeliversEachBatch() throws Exception {
        FeedSource source = new FeedSource(true);
        DeliveringSink v1 = new DeliveringSink();
        DeliveringSink v2 = new DeliveringSink();
        TestPipeline pipeline = new TestPipeline("p", engine).stage("src", source).stage("out", v1, "src");
        Future<RunReportDTO> run = caller.submit(() -> pipeline.run(executor));

        source.release(2);
        await("two batches at the sink", () -> v1.values.size() == 4);
        pipeline.upgrade(v2, "io.conveyor.test 2.0.0");
        source.release(2);
        source.end();
        RunReportDTO report = run.get(WAIT_SECONDS, TimeUnit.SECONDS);

        assertEquals("", problems(report));
        assertEquals(range(0, 4), v1.values);
        assertEquals(range(4, 8), v2.values);
        // the old task is committed at the batch boundary, the new one when the run ends
        assertEquals(List.of(1, 0, 1), List.of(v1.commits.get(), v1.aborts.get(), v1.closed.get()));
        assertEquals(List.of(1, 0, 1), List.of(v2.commits.get(), v2.aborts.get(), v2.closed.get()));
        assertEquals("io.conveyor.test 2.0.0", stage(report, "out").provider);
    }

    /** A sink that declares it delivers each batch as it writes it, so a continuous run may move it. */
    private static final class DeliveringSink extends CollectingSink {
        DeliveringSink() {
            super("deliver.write");
        }

        @Override
        public StageDescriptor descriptor() {
            return StageDescriptor.builder("deliver.write", StageRole.SINK).deliversEachBatch().build();
        }
    }

    @Test
    void continuousRunStopsWhenItsSourceIsReplaced() throws Exception {
        FeedSource source = new FeedSource(true);
        CollectingSink sink = new CollectingSink("collect.write");
        TestPipeline pipeline = new TestPipeline("p", engine).stage("src", source).stage("out", sink, "src");
        Future<RunReportDTO> run = caller.submit(() -> pipeline.run(executor));

        source.release(1);
        await("a batch at the sink", () -> sink.values.size() == 2);
        pipeline.upgrade(new FeedSource(true), "io.conveyor.test 2.0.0");
        RunReportDTO report = run.get(WAIT_SECONDS, TimeUnit.SECONDS);

        assertEquals("p.toml:10:1: error[PLUGIN]: stage 'src' (feed.read) failed: its plugin io.conveyor.test 1.0.0"
                + " went away during a continuous run, and a source that reports no position cannot move to a new"
                + " version without losing its place in the stream; start the pipeline again to use the new version",
                problems(report));
        assertEquals(List.of(0, 1), List.of(sink.commits.get(), sink.aborts.get()));
    }

    @Test
    void continuousRunMovesASourceThatReportsItsPositionAndTheNewTaskContinuesFromIt() throws Exception {
        PositionedSource v1 = new PositionedSource();
        PositionedSource v2 = new PositionedSource();
        CollectingSink sink = new CollectingSink("collect.write");
        TestPipeline pipeline = new TestPipeline("p", engine).stage("src", v1).stage("out", sink, "src");
        Future<RunReportDTO> run = caller.submit(() -> pipeline.run(executor));

        v1.release(3);
        await("three batches at the sink", () -> sink.values.size() == 6);
        pipeline.upgrade(v2, "io.conveyor.test 2.0.0");
        v2.release(3);
        v2.end();
        RunReportDTO report = run.get(WAIT_SECONDS, TimeUnit.SECONDS);

        assertEquals("", problems(report));
        assertEquals(range(0, 12), sink.values);
        assertEquals(List.of(Optional.empty()), v1.resumedFrom);
        assertEquals(List.of(Optional.of("3")), v2.resumedFrom);
        assertEquals(List.of(1, 1), List.of(v1.closed.get(), v2.closed.get()));
        assertEquals("io.conveyor.test 2.0.0", stage(report, "src").provider);
        assertEquals(List.of(1, 0, 1), List.of(sink.commits.get(), sink.aborts.get(), sink.closed.get()));
    }

    /**
     * An unbounded {@link PermittedSource} whose task counts the batches it emitted and reports that
     * count as its position; a task opened with a position continues from there.
     */
    private static final class PositionedSource extends PermittedSource {
        final List<Optional<String>> resumedFrom = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger closed = new AtomicInteger();

        @Override
        public StageDescriptor descriptor() {
            return StageDescriptor.builder("feed.read", StageRole.SOURCE).unbounded().build();
        }

        @Override
        public SourceTask open(StageConfig config, StageContext context) {
            Optional<String> resume = context.resumePosition();
            resumedFrom.add(resume);
            return new SourceTask() {
                private long batches = resume.map(Long::parseLong).orElse(0L);

                @Override
                public boolean produce(Emitter out) throws StageException {
                    return produceOne(out, context, () -> batches++);
                }

                @Override
                public Optional<String> position() {
                    return Optional.of(Long.toString(batches));
                }

                @Override
                public void close() {
                    closed.incrementAndGet();
                }
            };
        }
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "gave up waiting for " + what);
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    private static List<Long> range(long from, long toExclusive) {
        return LongStream.range(from, toExclusive).boxed().toList();
    }

    private static String problems(RunReportDTO report) {
        return String.join("\n", report.problems.stream().map(ProblemDTO::toString).toList());
    }

    private static List<String> statuses(RunReportDTO report) {
        return report.stages.stream().map(stage -> stage.status).toList();
    }

    private static io.conveyor.api.runtime.StageReportDTO stage(RunReportDTO report, String id) {
        return report.stages.stream().filter(s -> s.stageId.equals(id)).findFirst().orElseThrow();
    }

    /** A {@link PermittedSource} counting batches across its tasks; unbounded or not, as constructed. */
    private static final class FeedSource extends PermittedSource {
        private final boolean unbounded;
        private final AtomicInteger emitted = new AtomicInteger();

        FeedSource(boolean unbounded) {
            this.unbounded = unbounded;
        }

        @Override
        public StageDescriptor descriptor() {
            StageDescriptor.Builder builder = StageDescriptor.builder("feed.read", StageRole.SOURCE);
            return (unbounded ? builder.unbounded() : builder).build();
        }

        @Override
        public SourceTask open(StageConfig config, StageContext context) {
            return out -> produceOne(out, context, emitted::getAndIncrement);
        }
    }

    /**
     * A source that emits a batch of two numbers per {@link #release}d permit (batch {@code k}
     * holds {@code 2k, 2k+1}), and ends once told to and every released batch is out.
     */
    private abstract static class PermittedSource implements Source {
        private final Semaphore permits = new Semaphore(0);
        private volatile boolean ending;

        void release(int batches) {
            permits.release(batches);
        }

        void end() {
            ending = true;
        }

        /** Emits batch {@code nextBatch} if a permit comes within 5 ms; whether the stream goes on. */
        final boolean produceOne(Emitter out, StageContext context, LongSupplier nextBatch) throws StageException {
            try {
                if (permits.tryAcquire(5, TimeUnit.MILLISECONDS)) {
                    out.emit(MockStages.numbers(context.allocator(), 2L * nextBatch.getAsLong(), 2));
                    return true;
                }
            } catch (InterruptedException e) {
                throw StageException.cancelled();
            }
            return !(ending && permits.availablePermits() == 0);
        }
    }

    /** Forwards every batch; records the first value of each, and its tasks' open, finish and close calls. */
    private static final class VersionedPass implements Transform {
        final List<Long> firstValues = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger opened = new AtomicInteger();
        final AtomicInteger finished = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();

        List<Integer> calls() {
            return List.of(opened.get(), finished.get(), closed.get());
        }

        @Override
        public StageDescriptor descriptor() {
            return StageDescriptor.builder("pass.apply", StageRole.TRANSFORM).build();
        }

        @Override
        public TransformTask open(StageConfig config, StageContext context, List<String> inputs) {
            opened.incrementAndGet();
            return new TransformTask() {
                @Override
                public void process(String input, VectorSchemaRoot batch, Emitter out) throws StageException {
                    firstValues.add(MockStages.values(batch).get(0));
                    out.emit(batch);
                }

                @Override
                public void finish(Emitter out) {
                    finished.incrementAndGet();
                }

                @Override
                public void close() {
                    closed.incrementAndGet();
                }
            };
        }
    }
}
