package io.conveyor.engine.internal.exec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.arrow.memory.BufferAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.conveyor.api.runtime.RunReportDTO;
import io.conveyor.api.runtime.RunningPipelineDTO;
import io.conveyor.api.runtime.StageActivityDTO;
import io.conveyor.api.runtime.StageReportDTO;
import io.conveyor.api.runtime.TapDTO;
import io.conveyor.api.stage.StageException;
import io.conveyor.engine.internal.model.Problem;
import io.conveyor.engine.internal.model.StageSpec;
import io.conveyor.engine.internal.plan.Plan;
import io.conveyor.engine.internal.plan.PlannedStage;

/**
 * One execution of a {@link Plan}: every stage a task on its own thread, bounded queues between
 * them, an Arrow allocator of its own (a child of the engine's) with a child per stage, and a
 * report at the end.
 *
 * <p>Use: construct, call {@link #execute()} once (it blocks until the run has ended); any thread
 * may call {@link #stop()} meanwhile. Stage threads come from the given executor, which the
 * caller owns.
 *
 * <p>Ending: once the run fails, is stopped or times out, its stages get one stop grace period to
 * end, are then interrupted, and get one more; a stage still running after that is reported
 * {@code STUCK}, and the run's memory and services are released when it finally returns.
 */
public final class PipelineRun {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineRun.class);
    /** What {@link #awaitEnd} returns when every stage ended. */
    private static final long ALL_ENDED = -1;

    private final Plan plan;
    private final StageSupplier supplier;
    private final ExecutorService executor;
    private final BufferAllocator engineAllocator;
    private final ExecutionSettings settings;
    private final RunIO io;
    private final RunControl control;
    private final Map<String, Inbox> inboxes = new ConcurrentHashMap<>();
    private final Map<String, StageStats> stats = new LinkedHashMap<>();
    private final Map<String, String> providers = new HashMap<>();
    private final Map<String, StageTaps> taps = new HashMap<>();
    private final long startedAt = System.currentTimeMillis();
    /** Set once the stages' allocators exist; read by {@link #activity()} from any thread. */
    private volatile RunMemory memory;

    /**
     * @param engineAllocator the engine's allocator; the run takes a child of it, capped at
     *                        {@link ExecutionSettings#memoryLimitBytes()}, and closes it when done
     */
    public PipelineRun(Plan plan, StageSupplier supplier, ExecutorService executor, BufferAllocator engineAllocator,
            ExecutionSettings settings, RunIO io) {
        this.plan = plan;
        this.supplier = supplier;
        this.executor = executor;
        this.engineAllocator = engineAllocator;
        this.settings = settings;
        this.io = io;
        this.control = new RunControl(plan.stages().stream().map(PlannedStage::id).toList(),
                stall -> Failures.stalled(plan.spec(), stall));
        plan.stages().forEach(stage -> stats.put(stage.id(), new StageStats()));
        plan.stages().forEach(stage -> taps.put(stage.id(), new StageTaps()));
    }

    public String pipelineName() {
        return plan.spec().name();
    }

    /** Stops the run: every stage stops at its next batch boundary; the run fails as stopped. */
    public void stop() {
        control.fail(Failures.stopped(plan.spec()));
    }

    /** Runs the plan to its end, failure, timeout or stop, and reports what happened. */
    public RunReportDTO execute() {
        long start = System.nanoTime();
        List<Problem> problems = new ArrayList<>();
        List<StageLease> leases = new ArrayList<>();
        boolean settled = true;
        try {
            if (!control.isStopped() && acquireAll(leases)) {
                settled = runStages(leases, problems);
            }
        } finally {
            if (settled) {
                leases.forEach(StageLease::close);
            }
        }
        taps.values().forEach(StageTaps::endRun);
        if (control.failure() != null) {
            problems.add(0, control.failure());
        }
        return report(problems, (System.nanoTime() - start) / 1_000_000);
    }

    /** The most batches the edge from {@code input} to {@code consumer} ever queued at once. */
    public int highWaterMark(String consumer, String input) {
        return inboxes.get(consumer).highWaterMark(input);
    }

    /** What every stage has done so far; any thread may ask, while the run goes on. */
    public RunningPipelineDTO activity() {
        RunningPipelineDTO dto = new RunningPipelineDTO();
        dto.pipelineName = plan.spec().name();
        dto.startedAt = startedAt;
        dto.millis = System.currentTimeMillis() - startedAt;
        for (PlannedStage stage : inFileOrder()) {
            dto.stages.add(stageActivity(stage));
        }
        return dto;
    }

    /** The ids of the run's stages, in file order. */
    public List<String> stageIds() {
        return inFileOrder().stream().map(PlannedStage::id).toList();
    }

    /**
     * Samples up to {@code limit} rows the stage emits from now on; see
     * {@link io.conveyor.api.runtime.ConveyorRuntime#tap}. The tap is detached when this returns.
     *
     * @throws IllegalArgumentException for a stage the run does not have
     */
    public TapDTO tap(String stageId, int limit, long timeoutNanos) {
        StageTaps stageTaps = taps.get(stageId);
        if (stageTaps == null) {
            throw new IllegalArgumentException("no stage '" + stageId + "' in " + plan.spec().name());
        }
        StageTap tap = new StageTap(limit);
        TapDTO dto = new TapDTO();
        dto.pipelineName = plan.spec().name();
        dto.stageId = stageId;
        dto.stageIds = stageIds();
        stageTaps.attach(tap);
        try {
            dto.outcome = tap.await(timeoutNanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            dto.outcome = TapDTO.TIMEOUT;
        } finally {
            stageTaps.detach(tap);
        }
        tap.sample(dto);
        return dto;
    }

    private StageActivityDTO stageActivity(PlannedStage stage) {
        StageStats stageStats = stats.get(stage.id());
        StageActivityDTO dto = new StageActivityDTO();
        dto.stageId = stage.id();
        dto.function = stage.spec().function();
        dto.role = stage.role().id();
        dto.status = stageStats.liveStatus();
        dto.rowsIn = stageStats.rowsIn();
        dto.rowsOut = stageStats.rowsOut();
        dto.millis = stageStats.elapsedMillis();
        long counted = stage.role().id().equals("sink") ? dto.rowsIn : dto.rowsOut;
        dto.rowsPerSecond = dto.millis == 0 ? 0 : counted * 1000.0 / dto.millis;
        Inbox inbox = inboxes.get(stage.id());
        dto.batchesQueued = inbox == null ? 0 : inbox.queued();
        RunMemory held = memory;
        dto.memoryBytes = held == null ? 0 : held.heldBy(stage.id());
        dto.taps = taps.get(stage.id()).attached();
        return dto;
    }

    /** How many stages wait on a queue right now. */
    int queueWaits() {
        return control.queueWaits();
    }

    private boolean acquireAll(List<StageLease> leases) {
        for (PlannedStage stage : plan.stages()) {
            try {
                StageLease lease = supplier.acquire(stage.spec().function(), stage.role());
                leases.add(lease);
                providers.put(stage.id(), lease.provider());
            } catch (StageException e) {
                control.fail(Failures.unavailable(stage, e));
                return false;
            }
        }
        return true;
    }

    /**
     * Runs every stage; adds the leaks found when the allocators are closed, or the stages that
     * did not stop.
     *
     * @return whether every stage ended; if not, releasing the leases is left to the last one
     */
    private boolean runStages(List<StageLease> leases, List<Problem> problems) {
        int capacity = plan.spec().global().channelBufferSize();
        for (PlannedStage stage : plan.stages()) {
            if (!stage.inputs().isEmpty()) {
                Inbox inbox = new Inbox(stage.id(), new LinkedHashSet<>(stage.inputs()), capacity, control);
                inboxes.put(stage.id(), inbox);
                control.register(inbox);
            }
        }
        RunMemory memory = new RunMemory(engineAllocator, plan.spec().name(), settings.memoryLimitBytes());
        this.memory = memory;
        List<StageWorker> workers = new ArrayList<>();
        long waitedMillis;
        try {
            for (int i = 0; i < plan.stages().size(); i++) {
                PlannedStage stage = plan.stages().get(i);
                workers.add(worker(stage, leases.get(i), memory.forStage(stage.id())));
            }
            workers.forEach(this::submit);
            waitedMillis = awaitEnd(workers);
        } finally {
            inboxes.values().forEach(Inbox::drain);
        }
        if (waitedMillis == ALL_ENDED) {
            memory.close().forEach((stageId, bytes) -> problems.add(Failures.leaked(stage(stageId), bytes)));
            return true;
        }
        for (PlannedStage stage : plan.stages()) {
            if (stats.get(stage.id()).stuck()) {
                problems.add(Failures.stuck(stage, providers.get(stage.id()), waitedMillis));
            }
        }
        control.afterLastStageEnded(() -> releaseLate(memory, leases));
        return false;
    }

    /** What a run whose stages did not all stop in time releases once the last of them returns. */
    private void releaseLate(RunMemory memory, List<StageLease> leases) {
        inboxes.values().forEach(Inbox::drain);
        memory.close().forEach((stageId, bytes) -> LOG.warn("Pipeline '{}': stage '{}' leaked {} bytes of Arrow"
                + " memory", plan.spec().name(), stageId, bytes));
        leases.forEach(StageLease::close);
    }

    private StageWorker worker(PlannedStage stage, StageLease lease, BufferAllocator allocator) {
        List<Inbox> consumers = new ArrayList<>();
        for (PlannedStage other : plan.stages()) {
            if (other.inputs().contains(stage.id())) {
                consumers.add(inboxes.get(other.id()));
            }
        }
        StageStats stageStats = stats.get(stage.id());
        RunStageContext context = new RunStageContext(plan.spec().name(), stage.id(), allocator, control,
                settings.batchSize(), plan.spec().global().maxParallelTasks(), io.stdin(), io.stdout());
        return new StageWorker(stage, lease.stage(), lease.provider(), context, inboxes.get(stage.id()),
                new StageEmitter(stage.id(), consumers, control, stageStats, taps.get(stage.id())), control, stageStats);
    }

    private void submit(StageWorker worker) {
        try {
            executor.execute(worker);
        } catch (RejectedExecutionException e) {
            control.fail(Failures.internal(plan.spec(), "the engine is shutting down"));
            worker.skip();
        }
    }

    /**
     * Waits for every stage, enforcing {@code timeout_seconds}. Once the run is stopping (failed,
     * stopped or timed out), waits one stop grace period, interrupts what is left, and waits one
     * more.
     *
     * @return {@link #ALL_ENDED}, or how long it waited after the run stopped when some stage did not end
     */
    private long awaitEnd(List<StageWorker> workers) {
        long grace = TimeUnit.MILLISECONDS.toNanos(settings.stopGraceMillis());
        try {
            if (control.awaitEndedOrStopped(TimeUnit.SECONDS.toNanos(plan.spec().global().timeoutSeconds()))) {
                return ALL_ENDED;
            }
            control.fail(Failures.timedOut(plan.spec())); // unless it was stopping already
            if (control.awaitEnded(grace)) {
                return ALL_ENDED;
            }
            workers.forEach(StageWorker::interrupt);
            return control.awaitEnded(grace) ? ALL_ENDED : 2 * settings.stopGraceMillis();
        } catch (InterruptedException e) {
            // The caller gives up on the run: stop it and give the stages one grace period.
            control.fail(Failures.stopped(plan.spec()));
            workers.forEach(StageWorker::interrupt);
            return control.awaitEndedUninterruptibly(grace) ? ALL_ENDED : settings.stopGraceMillis();
        }
    }

    private PlannedStage stage(String stageId) {
        return plan.stages().stream().filter(stage -> stage.id().equals(stageId)).findFirst().orElseThrow();
    }

    private RunReportDTO report(List<Problem> problems, long millis) {
        RunReportDTO report = new RunReportDTO();
        report.pipelineName = plan.spec().name();
        report.outcome = problems.isEmpty() ? "SUCCEEDED" : "FAILED";
        report.millis = millis;
        inFileOrder().forEach(stage -> report.stages.add(stageReport(stage)));
        problems.forEach(problem -> report.problems.add(problem.toDTO()));
        return report;
    }

    private List<PlannedStage> inFileOrder() {
        Map<String, PlannedStage> planned = new HashMap<>();
        plan.stages().forEach(stage -> planned.put(stage.id(), stage));
        List<PlannedStage> ordered = new ArrayList<>();
        for (StageSpec spec : plan.spec().stages()) {
            PlannedStage stage = planned.get(spec.id());
            if (stage != null) {
                ordered.add(stage);
            }
        }
        return ordered;
    }

    private StageReportDTO stageReport(PlannedStage stage) {
        StageStats stageStats = stats.get(stage.id());
        StageReportDTO dto = new StageReportDTO();
        dto.stageId = stage.id();
        dto.function = stage.spec().function();
        dto.role = stage.role().id();
        dto.provider = providers.get(stage.id());
        dto.rowsIn = stageStats.rowsIn();
        dto.rowsOut = stageStats.rowsOut();
        dto.batchesIn = stageStats.batchesIn();
        dto.batchesOut = stageStats.batchesOut();
        dto.millis = stageStats.millis();
        dto.status = stageStats.status().name();
        return dto;
    }
}
