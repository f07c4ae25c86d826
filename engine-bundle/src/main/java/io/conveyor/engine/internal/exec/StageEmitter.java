package io.conveyor.engine.internal.exec;

import java.util.List;

import org.apache.arrow.vector.VectorSchemaRoot;

import io.conveyor.api.stage.Emitter;
import io.conveyor.api.stage.StageException;

/**
 * The output of one stage: hands every emitted batch to each consumer's {@link Inbox} as one
 * {@link SharedBatch}, so fan-out never copies. A transform emitting the batch it is processing
 * forwards it: the batch gains references instead of being copied. A batch with no rows is
 * delivered only as the first batch of the output (it carries the schema of an empty result);
 * later ones are dropped and released.
 *
 * <p>Threading: used only by the stage's own thread.
 */
final class StageEmitter implements Emitter {

    private final String output;
    private final List<Inbox> consumers;
    private final RunControl control;
    private final StageStats stats;
    private final StageTaps taps;
    private SharedBatch processing;
    private boolean emittedBefore;

    /**
     * @param output    the name consumers know this stream by: the producing stage's id
     * @param consumers the inbox of every stage listing this one as input, each once
     */
    StageEmitter(String output, List<Inbox> consumers, RunControl control, StageStats stats, StageTaps taps) {
        this.output = output;
        this.consumers = List.copyOf(consumers);
        this.control = control;
        this.stats = stats;
        this.taps = taps;
    }

    /** Sets the batch a transform is processing, or {@code null} between batches. */
    void processing(SharedBatch batch) {
        this.processing = batch;
    }

    @Override
    public void emit(VectorSchemaRoot batch) throws StageException {
        boolean forwarded = processing != null && processing.root() == batch;
        if (control.isStopped()) {
            if (!forwarded) {
                batch.close();
            }
            throw StageException.cancelled();
        }
        taps.offer(batch); // before a consumer may release it
        boolean first = !emittedBefore;
        emittedBefore = true;
        // A zero-row batch carries only the schema: consumers need it once, when nothing else comes first.
        if ((batch.getRowCount() == 0 && !first) || consumers.isEmpty()) {
            if (batch.getRowCount() > 0) {
                stats.emitted(batch.getRowCount());
            }
            if (!forwarded) {
                batch.close();
            }
            return;
        }
        SharedBatch shared;
        if (forwarded) {
            processing.retain(consumers.size());
            shared = processing;
        } else {
            shared = new SharedBatch(batch, consumers.size());
        }
        stats.emitted(batch.getRowCount());
        for (int i = 0; i < consumers.size(); i++) {
            try {
                consumers.get(i).put(output, shared);
            } catch (StageException | RuntimeException e) {
                for (int undelivered = i; undelivered < consumers.size(); undelivered++) {
                    shared.release();
                }
                throw e;
            }
        }
    }

    /** Tells every consumer that this stage's output has ended. */
    void endOfOutput() {
        consumers.forEach(inbox -> inbox.end(output));
    }
}
