package io.conveyor.engine.internal.exec;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.conveyor.api.stage.ErrorCode;
import io.conveyor.api.stage.Sink;
import io.conveyor.api.stage.SinkTask;
import io.conveyor.api.stage.Source;
import io.conveyor.api.stage.SourceTask;
import io.conveyor.api.stage.Stage;
import io.conveyor.api.stage.StageException;
import io.conveyor.api.stage.Transform;
import io.conveyor.api.stage.TransformTask;
import io.conveyor.engine.internal.exec.StageStats.Status;
import io.conveyor.engine.internal.plan.PlannedStage;

/**
 * Runs one stage of one run on its own thread: open, wait until every stage of the run is open,
 * drive (produce, process or write), then for sinks commit or abort once the whole run is
 * settled, then close. Any {@link Throwable} a stage throws stops at this boundary and fails the
 * run.
 *
 * <p>A transform or sink that accepts none of its open inputs is done reading: a transform gets
 * {@code finish} at once, a sink goes on as if every input had ended, and its inbox discards what
 * still arrives.
 *
 * <p>At every batch boundary of a continuous run, a stage whose bundle went away moves to the new
 * version ({@link StageBinding}): a transform's task is closed without {@code finish}, a new one is
 * opened from the new provider and gets the batches that follow, which wait in the inbox meanwhile;
 * a source's new task continues from the position its old one reported; a sink that delivers each
 * batch is committed and reopened. A source that reports no position, or a sink holding
 * uncommitted output, stops the run instead. A transform or sink waiting for input is woken to move
 * at once, so that the old version is released before its bundle is refreshed.
 *
 * <p>Guarantees: {@link RunControl#workFinished()} is called exactly once (for a sink before it
 * waits to commit, for other stages after they are closed), and {@link RunControl#stageEnded()}
 * exactly once, last, whether the worker ran, was skipped or was abandoned before it started; a
 * task that was opened is closed exactly once; a sink gets exactly one of commit or abort; every
 * batch taken from the inbox is released.
 */
final class StageWorker implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(StageWorker.class);

    private final PlannedStage stage;
    private final StageBinding binding;
    private final RunStageContext context;
    private final Inbox inbox;
    private final StageEmitter emitter;
    private final RunControl control;
    private final StageStats stats;
    private final Object threadLock = new Object();
    private boolean claimed;
    private Thread thread;
    /** The task now open, if any; used only by the stage's own thread. */
    private AutoCloseable task;

    /** @param inbox the stage's inputs, or {@code null} for a source */
    StageWorker(PlannedStage stage, StageBinding binding, RunStageContext context, Inbox inbox, StageEmitter emitter,
            RunControl control, StageStats stats) {
        this.stage = stage;
        this.binding = binding;
        this.context = context;
        this.inbox = inbox;
        this.emitter = emitter;
        this.control = control;
        this.stats = stats;
        if (inbox != null) {
            binding.wakeWorkerWith(inbox::wakeUp);
        }
    }

    /** Called instead of {@link #run} when the worker could not be started at all. */
    void skip() {
        if (claim(null)) {
            endUnstarted();
        }
    }

    /**
     * Interrupts the stage's thread, for a stage that does not stop when asked; a worker whose
     * thread has not started yet never will, and ends as cancelled.
     */
    void interrupt() {
        synchronized (threadLock) {
            if (thread != null) {
                thread.interrupt();
            }
        }
        skip();
    }

    /** Takes the worker for {@code runner} (or for nobody); only the first claim succeeds. */
    private boolean claim(Thread runner) {
        synchronized (threadLock) {
            if (claimed) {
                return false;
            }
            claimed = true;
            thread = runner;
            return true;
        }
    }

    private void endUnstarted() {
        control.opened();
        emitter.endOfOutput();
        control.workFinished();
        stats.ended(Status.CANCELLED);
        control.stageEnded();
    }

    @Override
    public void run() {
        Thread current = Thread.currentThread();
        if (!claim(current)) {
            return;
        }
        String previousName = current.getName();
        current.setName("conveyor-" + context.pipelineName() + "-" + stage.id());
        stats.started();
        Status status = Status.NOT_STARTED;
        try {
            if (control.isStopped()) {
                // The run failed before this stage's thread got going: it was cancelled like the
                // stages that had already opened, whichever thread happened to start first.
                status = Status.CANCELLED;
                control.opened();
                emitter.endOfOutput();
                control.workFinished();
            } else {
                status = work();
            }
        } finally {
            synchronized (threadLock) {
                thread = null;
            }
            Thread.interrupted(); // an interrupt meant for this stage must not reach the pool's next task
            stats.ended(status);
            current.setName(previousName);
            control.stageEnded();
        }
    }

    private Status work() {
        Status status;
        boolean opened = false;
        try {
            task = open();
            control.opened();
            opened = true;
            control.awaitAllOpened();
            // No local variable may hold the task: a move replaces a transform's task, and no frame
            // on this thread's stack may keep the old one, or its class loader, alive.
            switch (stage.role()) {
                case SOURCE -> produceAll();
                case TRANSFORM -> transformAll();
                case SINK -> writeAll((SinkTask) task);
            }
            status = Status.SUCCEEDED;
        } catch (Throwable failure) {
            status = failed(failure);
            if (!opened) {
                control.opened(); // only now: the failure is recorded, so no other stage starts
            }
        }
        emitter.endOfOutput();
        if (task instanceof SinkTask sink) {
            control.workFinished();
            status = close(sink, settle(sink, status));
        } else {
            // Sinks commit only after this: a stage failing in close() still fails the run in time.
            if (task != null) {
                status = close(task, status);
            }
            control.workFinished();
        }
        return status;
    }

    private AutoCloseable open() throws StageException {
        Stage service = binding.service();
        AutoCloseable opened = switch (stage.role()) {
            case SOURCE -> ((Source) service).open(stage.config(), context);
            case TRANSFORM -> ((Transform) service).open(stage.config(), context, stage.inputs());
            case SINK -> ((Sink) service).open(stage.config(), context, stage.inputs());
        };
        if (opened == null) {
            throw new StageException(ErrorCode.PLUGIN, "open() returned no task");
        }
        return opened;
    }

    /** Drives the source task in {@link #task}, which {@link #moveIfDue} may replace. */
    private void produceAll() throws StageException {
        SourceTask source = (SourceTask) task;
        if (binding.continuous()) {
            // Asked once now, while the plugin's bundle is live: the position is next asked after the
            // bundle went away, when its class loader may refuse classes it has not loaded yet.
            source.position();
        }
        while (true) {
            if (control.isStopped()) {
                throw StageException.cancelled();
            }
            source = moveIfDue(source);
            if (!source.produce(emitter)) {
                return;
            }
        }
    }

    /** Drives the transform task in {@link #task}, which {@link #moveIfDue} may replace. */
    private void transformAll() throws StageException {
        TransformTask transform = (TransformTask) task;
        Set<String> open = new LinkedHashSet<>(stage.inputs());
        while (!open.isEmpty()) {
            List<String> accepted = accepted(open, transform::accepts);
            if (accepted.isEmpty()) {
                inbox.stopReading();
                break;
            }
            Inbox.Item item = inbox.take(accepted, binding::mustMove);
            if (item == null) {
                transform = moveIfDue(transform);
                continue;
            }
            try {
                transform = moveIfDue(transform);
            } catch (Throwable e) {
                item.release();
                throw e;
            }
            if (item.isEnd()) {
                open.remove(item.input());
                transform.endOfInput(item.input(), emitter);
                continue;
            }
            SharedBatch batch = item.batch();
            stats.received(batch.rowCount());
            emitter.processing(batch);
            try {
                transform.process(item.input(), batch.root(), emitter);
            } finally {
                emitter.processing(null);
                batch.release();
            }
        }
        transform.finish(emitter);
    }

    private void writeAll(SinkTask sink) throws StageException {
        Set<String> open = new LinkedHashSet<>(stage.inputs());
        while (!open.isEmpty()) {
            List<String> accepted = accepted(open, sink::accepts);
            if (accepted.isEmpty()) {
                inbox.stopReading();
                break;
            }
            Inbox.Item item = inbox.take(accepted, binding::mustMove);
            if (item == null) {
                sink = moveIfDue(sink);
                continue;
            }
            try {
                sink = moveIfDue(sink);
            } catch (Throwable e) {
                item.release();
                throw e;
            }
            if (item.isEnd()) {
                open.remove(item.input());
                sink.endOfInput(item.input());
                continue;
            }
            SharedBatch batch = item.batch();
            stats.received(batch.rowCount());
            try {
                sink.write(item.input(), batch.root());
            } finally {
                batch.release();
            }
        }
    }

    /**
     * The source to ask for the next batches: the same one, or, when the stage must move and the
     * task can say where its stream stands, a new task opened from the new provider that continues
     * from there. A source that cannot say where it stands cannot move: the run stops.
     */
    private SourceTask moveIfDue(SourceTask source) throws StageException {
        if (!binding.mustMove()) {
            return source;
        }
        Optional<String> position = source.position();
        if (position == null || position.isEmpty()) {
            throw binding.cannotMove();
        }
        task = null; // closed here, whatever happens next
        source.close();
        binding.move();
        context.resumeFrom(position.get());
        SourceTask next = (SourceTask) open();
        task = next;
        return next;
    }

    /**
     * The task to hand the next item to: the same one, or, when the stage must move to a new
     * version first, a new task opened from the new provider (the item waits meanwhile, and so do
     * the batches queued behind it).
     */
    private TransformTask moveIfDue(TransformTask transform) throws StageException {
        if (!binding.mustMove()) {
            return transform;
        }
        task = null; // closed here, whatever happens next
        transform.close();
        binding.move();
        TransformTask next = (TransformTask) open();
        task = next;
        return next;
    }

    /**
     * The sink to hand the next item to: the same one, or, when the stage must move and the sink
     * delivers each batch, a new task opened from the new provider once the old one is committed
     * and closed. A sink holding uncommitted output cannot move: the run stops.
     */
    private SinkTask moveIfDue(SinkTask sink) throws StageException {
        if (!binding.mustMove()) {
            return sink;
        }
        if (!binding.service().descriptor().deliversEachBatch()) {
            throw binding.cannotMove();
        }
        task = null; // closed here, whatever happens next
        try {
            sink.commit();
        } finally {
            sink.close();
        }
        binding.move();
        SinkTask next = (SinkTask) open();
        task = next;
        return next;
    }

    /** The open inputs the task accepts now; none means the task is done reading. */
    private static List<String> accepted(Set<String> open, Predicate<String> accepts) {
        List<String> accepted = new ArrayList<>();
        for (String input : open) {
            if (accepts.test(input)) {
                accepted.add(input);
            }
        }
        return accepted;
    }

    /** Commits once every stage has finished its work and nothing failed; aborts otherwise. */
    private Status settle(SinkTask sink, Status status) {
        if (status == Status.SUCCEEDED) {
            boolean commit;
            try {
                commit = control.awaitAllWorkDone();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                commit = false;
            }
            if (commit) {
                try {
                    sink.commit();
                    return Status.SUCCEEDED;
                } catch (Throwable failure) {
                    return failed(failure);
                }
            }
            status = Status.CANCELLED;
        }
        try {
            sink.abort();
        } catch (Throwable failure) {
            LOG.warn("Stage '{}' ({}) threw from abort(), which must not throw: {}", stage.id(),
                    stage.spec().function(), failure.toString());
        }
        return status;
    }

    private Status close(AutoCloseable task, Status status) {
        try {
            task.close();
            return status;
        } catch (Throwable failure) {
            Status closeStatus = failed(failure);
            return status == Status.SUCCEEDED ? closeStatus : status;
        }
    }

    /** Records the failure (the first one of the run wins) and says how this stage ended. */
    private Status failed(Throwable failure) {
        boolean cancellation = failure instanceof StageException e && e.code() == ErrorCode.CANCELLED;
        if (cancellation && control.isStopped()) {
            return Status.CANCELLED;
        }
        if (control.fail(Failures.stageFailed(stage, binding.provider(), failure))) {
            LOG.debug("Stage '{}' failed", stage.id(), failure);
            return Status.FAILED;
        }
        LOG.debug("Stage '{}' failed after the run had stopped", stage.id(), failure);
        return Status.CANCELLED;
    }
}
