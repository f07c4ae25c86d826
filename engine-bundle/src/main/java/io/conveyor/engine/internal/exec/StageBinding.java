package io.conveyor.engine.internal.exec;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.conveyor.api.stage.ErrorCode;
import io.conveyor.api.stage.Stage;
import io.conveyor.api.stage.StageException;
import io.conveyor.api.stage.StageRole;
import io.conveyor.engine.internal.plan.PlannedStage;

/**
 * The service one stage of one run uses, and what happens when its bundle goes away meanwhile
 * (updated, stopped, uninstalled).
 *
 * <p>A bounded run keeps the service it started with to its end: the old revision's classes stay
 * loaded until then. A continuous run (one with an unbounded source, or of a pipeline scheduled
 * {@code continuous}) moves a stage to the function's next provider at a batch boundary, waiting up
 * to the upgrade wait for it. A source moves when its task can say where its stream stands, a sink
 * when it delivers each batch; one that cannot would lose its place in the stream or its
 * uncommitted output, so the run stops with an error naming the stage, the function and the
 * plugin instead.
 *
 * <p>In a continuous run the stage's thread is woken when the service goes away, and whoever
 * unregisters it waits until the stage has closed its task and released the service (see
 * {@link StageLease#moveOnRevoke}): the move happens while the old revision's classes can
 * still be loaded, before its bundle is refreshed.
 *
 * <p>Threading: {@link #move} runs on the stage's own thread; {@link #close} once that thread has
 * ended.
 */
final class StageBinding {

    private static final Logger LOG = LoggerFactory.getLogger(StageBinding.class);
    /** How often a stage waiting for its new provider looks whether the run was stopped meanwhile. */
    private static final long STOP_CHECK_MILLIS = 100;

    private final String pipelineName;
    private final PlannedStage stage;
    private final StageSupplier supplier;
    private final RunControl control;
    private final boolean continuous;
    private final long upgradeWaitMillis;
    private volatile StageLease lease;
    private volatile String provider;
    private volatile Runnable wakeWorker = () -> { };

    StageBinding(String pipelineName, PlannedStage stage, StageLease lease, StageSupplier supplier,
            RunControl control, boolean continuous, long upgradeWaitMillis) {
        this.pipelineName = pipelineName;
        this.stage = stage;
        this.lease = lease;
        this.provider = lease.provider();
        this.supplier = supplier;
        this.control = control;
        this.continuous = continuous;
        this.upgradeWaitMillis = upgradeWaitMillis;
        if (continuous) {
            lease.moveOnRevoke(this::wakeWorker);
        }
    }

    /** What wakes the stage's thread when it waits for input, so that it moves at once. */
    void wakeWorkerWith(Runnable wake) {
        this.wakeWorker = wake;
    }

    private void wakeWorker() {
        wakeWorker.run();
    }

    /** The service the stage's next task is opened from. */
    Stage service() {
        return lease.stage();
    }

    /** The bundle and version serving the stage now (the last one, once the run has ended). */
    String provider() {
        return provider;
    }

    /** Whether the run is continuous, so that this stage may have to move while it runs. */
    boolean continuous() {
        return continuous;
    }

    /**
     * Checked at every batch boundary: whether the run is continuous and the stage's service went
     * away, so that the stage must move before it handles anything more.
     */
    boolean mustMove() {
        StageLease current = lease;
        return continuous && current != null && current.revoked();
    }

    /**
     * What stops a continuous run whose source or sink must move: it cannot, see the class comment.
     */
    StageException cannotMove() {
        String what = stage.role() == StageRole.SOURCE
                ? "a source that reports no position cannot move to a new version without losing its place"
                        + " in the stream"
                : "a sink cannot move to a new version without losing the output it has not committed";
        return new StageException(ErrorCode.PLUGIN, "its plugin " + provider
                + " went away during a continuous run, and " + what
                + "; start the pipeline again to use the new version");
    }

    /**
     * Releases the service that went away and waits for the function's next provider; the caller
     * has closed the task opened from the old one and opens a new one from {@link #service()}.
     *
     * @throws StageException {@code PLUGIN} when no provider arrives within the upgrade wait,
     *                        cancelled when the run stops meanwhile
     */
    void move() throws StageException {
        String old = provider;
        long start = System.nanoTime();
        lease.close();
        lease = null;
        StageLease next = awaitProvider(start + TimeUnit.MILLISECONDS.toNanos(upgradeWaitMillis));
        if (next == null) {
            throw new StageException(ErrorCode.PLUGIN, "its plugin " + old + " went away during the run and no"
                    + " provider of " + stage.spec().function() + " started within " + describe(upgradeWaitMillis));
        }
        lease = next;
        provider = next.provider();
        LOG.info("Pipeline '{}': stage '{}' ({}) moved from {} to {} after {} ms", pipelineName, stage.id(),
                stage.spec().function(), old, provider, (System.nanoTime() - start) / 1_000_000);
    }

    /** The next provider's lease, not revoked when the worker's wake was attached to it. */
    private StageLease awaitProvider(long deadline) throws StageException {
        try {
            while (true) {
                if (control.isStopped()) {
                    throw StageException.cancelled();
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                Duration slice = Duration.ofNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(STOP_CHECK_MILLIS)));
                StageLease next = supplier.await(stage.spec().function(), stage.role(), slice);
                if (next != null) {
                    next.moveOnRevoke(this::wakeWorker);
                    if (!next.revoked()) {
                        return next;
                    }
                    next.close(); // going away already, as a refresh follows an update
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StageException.cancelled();
        }
    }

    private static String describe(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    /** Releases the service the stage holds, if any; called once, when the run ends. */
    void close() {
        StageLease current = lease;
        lease = null;
        if (current != null) {
            current.close();
        }
    }
}
