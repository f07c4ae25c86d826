package io.conveyor.engine.internal.nested;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

import org.apache.arrow.vector.VectorSchemaRoot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.conveyor.api.runtime.ProblemDTO;
import io.conveyor.api.runtime.RunReportDTO;
import io.conveyor.api.stage.Emitter;
import io.conveyor.api.stage.ErrorCode;
import io.conveyor.api.stage.Stage;
import io.conveyor.api.stage.StageContext;
import io.conveyor.api.stage.StageException;
import io.conveyor.api.stage.StageRole;
import io.conveyor.engine.internal.exec.ExecutionSettings;
import io.conveyor.engine.internal.exec.PipelineRun;
import io.conveyor.engine.internal.exec.RunIO;
import io.conveyor.engine.internal.exec.StageLease;
import io.conveyor.engine.internal.exec.StageSupplier;

/**
 * One run of a sub-pipeline, seen from the {@code stage.pipeline} task that owns it. The run
 * is a {@link PipelineRun} of its own, on the engine's threads, whose memory is a child of the
 * task's allocator. It starts at the task's first call after {@code open}, once the calling
 * pipeline has opened every stage, so that a calling run failing at its start leaves nothing
 * behind from the sub-pipeline either. The task feeds it through {@link #offer} and {@link #endInput}, and emits what
 * it returns from its own thread while it waits, in {@link #offer}, {@link #finish} and
 * {@link #pump}: a full input channel never blocks the task while the sub-pipeline waits for it
 * to take its output.
 *
 * <p>Threading: every method but the run's own end is called by the task's thread.
 */
final class NestedRun {

    private static final Logger LOG = LoggerFactory.getLogger(NestedRun.class);
    private static final String PROVIDER = "io.conveyor.engine";

    private final SubPipeline sub;
    private final StageContext parent;
    private final Exchange exchange;
    private final PipelineRun run;
    private final ExecutorService executor;
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile RunReportDTO report;
    private boolean started;

    private NestedRun(SubPipeline sub, StageContext parent, Exchange exchange, PipelineRun run,
            ExecutorService executor) {
        this.sub = sub;
        this.parent = parent;
        this.exchange = exchange;
        this.run = run;
        this.executor = executor;
    }

    /** Prepares the run; it starts on one of the executor's threads at the task's first call. */
    static NestedRun prepare(SubPipeline sub, StageContext parent, StageSupplier supplier, ExecutorService executor,
            ExecutionSettings settings) {
        Exchange exchange = new Exchange(sub.inputOfStage(), sub.plan().spec().global().channelBufferSize());
        StageSupplier stages = new NestedSupplier(supplier,
                new NestedInput(ParentInputs.UNKNOWN, exchange), new OutputCapture(exchange, parent.allocator()));
        PipelineRun run = new PipelineRun(sub.plan(), stages, executor, parent.allocator(), settings,
                new RunIO(parent.stdin(), parent.stdout()));
        return new NestedRun(sub, parent, exchange, run, executor);
    }

    private void startOnce() throws StageException {
        if (started) {
            return;
        }
        started = true;
        try {
            executor.execute(this::execute);
        } catch (RejectedExecutionException e) {
            ended.countDown();
            throw new StageException(ErrorCode.STAGE, "cannot start sub-pipeline '" + sub.name()
                    + "': the engine is shutting down");
        }
    }

    private void execute() {
        try {
            report = run.execute();
        } catch (RuntimeException | Error e) {
            LOG.warn("Sub-pipeline '{}' ended abnormally", sub.name(), e);
            report = abnormalEnd(e);
        } finally {
            exchange.runEnded();
            ended.countDown();
        }
    }

    /** Whether the sub-pipeline returns no stage's output: the calling stage passes its first input through. */
    boolean returnsNothing() {
        return sub.output() == null;
    }

    /** Whether any {@code pipeline.input} stage receives {@code input}. */
    boolean reads(String input) {
        return !exchange.readersOf(input).isEmpty();
    }

    /**
     * Hands a batch of a parent input to each {@code pipeline.input} stage receiving it, without
     * copying it, waiting while a channel is full; emits what the sub-pipeline returns meanwhile.
     * The caller keeps its batch.
     */
    void offer(String input, VectorSchemaRoot batch, Emitter out) throws StageException {
        startOnce();
        for (String stageId : exchange.readersOf(input)) {
            deliver(stageId, BatchShare.share(batch, parent.allocator()), out);
        }
        emitReturned(out);
        throwIfFailed();
    }

    private void deliver(String stageId, VectorSchemaRoot batch, Emitter out) throws StageException {
        try {
            while (true) {
                long seen = exchange.version();
                if (exchange.tryPut(stageId, batch)) {
                    return;
                }
                if (!emitReturned(out)) {
                    awaitChange(seen);
                }
            }
        } catch (StageException | RuntimeException e) {
            batch.close(); // still ours: the exchange never took it
            throw e;
        }
    }

    /** The parent input has ended: so do the channels of the stages receiving it. */
    void endInput(String input, Emitter out) throws StageException {
        startOnce();
        exchange.endInput(input);
        emitReturned(out);
        throwIfFailed();
    }

    /** Ends every input, then emits what the sub-pipeline returns until it has ended; throws its failure. */
    void finish(Emitter out) throws StageException {
        startOnce();
        exchange.endAllInputs();
        while (true) {
            long seen = exchange.version();
            emitReturned(out);
            if (exchange.isDrained()) {
                break;
            }
            awaitChange(seen);
        }
        throwIfFailed();
    }

    /**
     * Emits what the sub-pipeline returned, waiting a bounded time for something when nothing is
     * there yet (for {@code stage.pipeline} as a source).
     *
     * @return {@code false} once the sub-pipeline has ended and everything it returned was emitted
     */
    boolean pump(Emitter out) throws StageException {
        startOnce();
        long seen = exchange.version();
        if (emitReturned(out)) {
            return true;
        }
        if (exchange.isDrained()) {
            throwIfFailed();
            return false;
        }
        awaitChange(seen);
        return true;
    }

    /**
     * Stops the run unless it has ended, releases what is still queued, and waits for the run to
     * end. An interrupt ends the wait early; the run then releases its memory when it ends.
     */
    void close() {
        if (started && ended.getCount() > 0) {
            run.stop(); // first: a run that saw its inputs end now could still complete and commit
        }
        exchange.close();
        if (!started) {
            return;
        }
        try {
            ended.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.debug("Stopped waiting for sub-pipeline '{}' to end", sub.name());
        }
    }

    /** Emits every batch the sub-pipeline returned so far; whether there was any. */
    private boolean emitReturned(Emitter out) throws StageException {
        boolean any = false;
        VectorSchemaRoot batch;
        while ((batch = exchange.pollOutput()) != null) {
            any = true;
            out.emit(batch);
        }
        return any;
    }

    /** Waits a bounded time for the exchange to change after {@code seen}; stops the run if the caller's is stopping. */
    private void awaitChange(long seen) throws StageException {
        if (parent.isStopped()) {
            run.stop();
            throw StageException.cancelled();
        }
        try {
            exchange.awaitChange(seen, SubPipelines.POLL_NANOS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.stop();
            throw StageException.cancelled();
        }
    }

    /**
     * Once the run has ended without succeeding: its first problem, whole, with the sub-pipeline's
     * name, as this stage's failure with that problem's code.
     */
    private void throwIfFailed() throws StageException {
        RunReportDTO ending = exchange.isRunEnded() ? report : null;
        if (ending == null || "SUCCEEDED".equals(ending.outcome)) {
            return;
        }
        ProblemDTO first = ending.problems.isEmpty() ? null : ending.problems.get(0);
        ErrorCode code = first == null ? ErrorCode.STAGE : ErrorCode.valueOf(first.code);
        if (code == ErrorCode.CANCELLED && parent.isStopped()) {
            throw StageException.cancelled();
        }
        List<String> problems = ending.problems.stream().map(ProblemDTO::toString).toList();
        throw new StageException(code, "sub-pipeline '" + sub.name() + "' failed: "
                + (problems.isEmpty() ? ending.outcome : String.join("; ", problems)));
    }

    private RunReportDTO abnormalEnd(Throwable e) {
        RunReportDTO failed = new RunReportDTO();
        failed.pipelineName = sub.name();
        failed.outcome = "FAILED";
        ProblemDTO problem = new ProblemDTO();
        problem.code = ErrorCode.STAGE.name();
        problem.message = "pipeline '" + sub.name() + "' ended abnormally: " + e;
        problem.file = sub.plan().spec().file();
        failed.problems.add(problem);
        return failed;
    }

    /** The registry's stages, and this run's own {@code pipeline.input} and capture sink. */
    private record NestedSupplier(StageSupplier base, Stage input, Stage capture) implements StageSupplier {

        @Override
        public StageLease acquire(String function, StageRole role) throws StageException {
            if (Descriptors.PIPELINE_INPUT.equals(function) && role == StageRole.SOURCE) {
                return lease(input);
            }
            if (Descriptors.PIPELINE_OUTPUT.equals(function) && role == StageRole.SINK) {
                return lease(capture);
            }
            return base.acquire(function, role);
        }

        @Override
        public StageLease await(String function, StageRole role, Duration maxWait) throws InterruptedException {
            return base.await(function, role, maxWait);
        }

        private static StageLease lease(Stage stage) {
            return new StageLease() {
                @Override
                public Stage stage() {
                    return stage;
                }

                @Override
                public String provider() {
                    return PROVIDER;
                }

                @Override
                public void close() {
                    // the engine's own stage: nothing to give back
                }
            };
        }
    }
}
