package io.conveyor.engine.internal.exec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.conveyor.api.runtime.RunReportDTO;
import io.conveyor.api.runtime.StageReportDTO;
import io.conveyor.api.stage.StageException;
import io.conveyor.engine.internal.model.Problem;
import io.conveyor.engine.internal.model.StageSpec;
import io.conveyor.engine.internal.plan.Plan;
import io.conveyor.engine.internal.plan.PlannedStage;

/**
 * One execution of a {@link Plan}: every stage a task on its own thread, bounded queues between
 * them, one Arrow root allocator with a child per stage, and a report at the end.
 *
 * <p>Use: construct, call {@link #execute()} once (it blocks until the run has ended); any thread
 * may call {@link #stop()} meanwhile. Stage threads come from the given executor, which the
 * caller owns.
 */
public final class PipelineRun {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineRun.class);

    private final Plan plan;
    private final StageSupplier supplier;
    private final ExecutorService executor;
    private final ExecutionSettings settings;
    private final RunIO io;
    private final RunControl control;
    private final Map<String, Inbox> inboxes = new HashMap<>();
    private final Map<String, StageStats> stats = new LinkedHashMap<>();
    private final Map<String, String> providers = new HashMap<>();

    public PipelineRun(Plan plan, StageSupplier supplier, ExecutorService executor, ExecutionSettings settings,
            RunIO io) {
        this.plan = plan;
        this.supplier = supplier;
        this.executor = executor;
        this.settings = settings;
        this.io = io;
        this.control = new RunControl(plan.stages().size());
        plan.stages().forEach(stage -> stats.put(stage.id(), new StageStats()));
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
        try {
            if (acquireAll(leases)) {
                problems.addAll(runStages(leases));
            }
        } finally {
            leases.forEach(StageLease::close);
        }
        if (control.failure() != null) {
            problems.add(0, control.failure());
        }
        return report(problems, (System.nanoTime() - start) / 1_000_000);
    }

    /** The most batches the edge from {@code input} to {@code consumer} ever queued at once. */
    public int highWaterMark(String consumer, String input) {
        return inboxes.get(consumer).highWaterMark(input);
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

    /** Runs every stage; returns the leaks found when the allocators are closed. */
    private List<Problem> runStages(List<StageLease> leases) {
        int capacity = plan.spec().global().channelBufferSize();
        for (PlannedStage stage : plan.stages()) {
            if (!stage.inputs().isEmpty()) {
                Inbox inbox = new Inbox(new LinkedHashSet<>(stage.inputs()), capacity, control);
                inboxes.put(stage.id(), inbox);
                control.register(inbox);
            }
        }
        RootAllocator root = new RootAllocator(settings.memoryLimitBytes());
        Map<String, BufferAllocator> allocators = new LinkedHashMap<>();
        CountDownLatch finished = new CountDownLatch(plan.stages().size());
        List<Future<?>> futures = new ArrayList<>();
        boolean settled = false;
        try {
            List<StageWorker> workers = new ArrayList<>();
            for (int i = 0; i < plan.stages().size(); i++) {
                PlannedStage stage = plan.stages().get(i);
                BufferAllocator allocator = root.newChildAllocator("stage " + stage.id(), 0,
                        settings.memoryLimitBytes());
                allocators.put(stage.id(), allocator);
                workers.add(worker(stage, leases.get(i), allocator, finished));
            }
            for (StageWorker worker : workers) {
                submit(worker, futures);
            }
            settled = awaitEnd(finished, futures);
        } finally {
            inboxes.values().forEach(Inbox::drain);
        }
        if (!settled) {
            LOG.warn("Pipeline '{}': some stages did not stop; their Arrow memory is not released",
                    plan.spec().name());
            return List.of();
        }
        return closeAllocators(root, allocators);
    }

    private StageWorker worker(PlannedStage stage, StageLease lease, BufferAllocator allocator,
            CountDownLatch finished) {
        List<Inbox> consumers = new ArrayList<>();
        for (PlannedStage other : plan.stages()) {
            if (other.inputs().contains(stage.id())) {
                consumers.add(inboxes.get(other.id()));
            }
        }
        StageStats stageStats = stats.get(stage.id());
        RunStageContext context = new RunStageContext(plan.spec().name(), stage.id(), allocator, control,
                settings.batchSize(), plan.spec().global().maxParallelTasks(), io.stdin(), io.stdout());
        return new StageWorker(stage, lease.stage(), context, inboxes.get(stage.id()),
                new StageEmitter(stage.id(), consumers, control, stageStats), control, stageStats, finished);
    }

    private void submit(StageWorker worker, List<Future<?>> futures) {
        try {
            futures.add(executor.submit(worker));
        } catch (RejectedExecutionException e) {
            control.fail(Failures.internal(plan.spec(), "the engine is shutting down"));
            worker.skip();
        }
    }

    /**
     * Waits for every stage, enforcing {@code timeout_seconds}; once the run is stopping, waits a
     * grace period, interrupts what is left, and waits one more grace period.
     *
     * @return whether every stage finished
     */
    private boolean awaitEnd(CountDownLatch finished, List<Future<?>> futures) {
        try {
            if (!finished.await(plan.spec().global().timeoutSeconds(), TimeUnit.SECONDS)) {
                control.fail(Failures.timedOut(plan.spec()));
            }
            if (finished.await(settings.stopGraceMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
            futures.forEach(future -> future.cancel(true));
            return finished.await(settings.stopGraceMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            control.fail(Failures.stopped(plan.spec()));
            futures.forEach(future -> future.cancel(true));
            return false;
        }
    }

    private List<Problem> closeAllocators(RootAllocator root, Map<String, BufferAllocator> allocators) {
        List<Problem> leaks = new ArrayList<>();
        for (PlannedStage stage : plan.stages()) {
            BufferAllocator allocator = allocators.get(stage.id());
            long leaked = allocator.getAllocatedMemory();
            if (leaked > 0) {
                leaks.add(Failures.leaked(stage, leaked));
                continue; // closing it would throw; the leaked memory stays with the plugin's buffers
            }
            allocator.close();
        }
        if (leaks.isEmpty()) {
            root.close();
        }
        return leaks;
    }

    private RunReportDTO report(List<Problem> problems, long millis) {
        RunReportDTO report = new RunReportDTO();
        report.pipelineName = plan.spec().name();
        report.outcome = problems.isEmpty() ? "SUCCEEDED" : "FAILED";
        report.millis = millis;
        Map<String, PlannedStage> planned = new HashMap<>();
        plan.stages().forEach(stage -> planned.put(stage.id(), stage));
        for (StageSpec spec : plan.spec().stages()) {
            PlannedStage stage = planned.get(spec.id());
            if (stage != null) {
                report.stages.add(stageReport(stage));
            }
        }
        problems.forEach(problem -> report.problems.add(problem.toDTO()));
        return report;
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
