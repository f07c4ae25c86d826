package io.conveyor.engine.internal.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.util.Text;

import io.conveyor.api.runtime.TapDTO;

/**
 * One tap on a stage's output: the schema and the first {@code limit} rows the stage emits while
 * it is attached, copied to the heap as plain values. It holds no Arrow memory, so the batches it
 * saw are released as if it were not there, and a stage never waits for it: copying is bounded by
 * the limit, and the reader holds the lock only between waits.
 *
 * <p>Threading: the stage's thread calls {@link #offer}; the run's thread {@link #end}; the
 * caller of {@code tap} {@link #await} and {@link #sample}.
 */
final class StageTap {

    private final int limit;
    private final List<String> fields = new ArrayList<>();
    private final List<List<Object>> rows = new ArrayList<>();
    private boolean runEnded;
    private boolean schemaChanged;

    StageTap(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("a tap samples at least one row");
        }
        this.limit = limit;
    }

    /**
     * Copies the batch's schema and rows until the limit; the batch stays the caller's. Sampling
     * ends early when a batch comes with another schema than the rows sampled so far.
     */
    synchronized void offer(VectorSchemaRoot batch) {
        if (isDone()) {
            return;
        }
        List<String> schema = batch.getSchema().getFields().stream().map(Object::toString).toList();
        if (!schema.equals(fields)) {
            if (!rows.isEmpty()) {
                schemaChanged = true;
                notifyAll();
                return;
            }
            fields.clear();
            fields.addAll(schema);
        }
        int count = Math.min(batch.getRowCount(), limit - rows.size());
        for (int row = 0; row < count; row++) {
            List<Object> values = new ArrayList<>(batch.getFieldVectors().size());
            for (FieldVector vector : batch.getFieldVectors()) {
                values.add(plain(vector.getObject(row)));
            }
            rows.add(values);
        }
        if (isDone()) {
            notifyAll();
        }
    }

    /** The run has ended: nothing more will come. */
    synchronized void end() {
        runEnded = true;
        notifyAll();
    }

    /**
     * Waits until the limit is reached, the schema changes, the run ends or {@code timeoutNanos} pass.
     *
     * @return {@link TapDTO#LIMIT}, {@link TapDTO#SCHEMA_CHANGED}, {@link TapDTO#RUN_ENDED} or {@link TapDTO#TIMEOUT}
     * @throws InterruptedException when the waiting thread is interrupted
     */
    synchronized String await(long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        long remaining = timeoutNanos;
        while (!isDone() && !runEnded && remaining > 0) {
            TimeUnit.NANOSECONDS.timedWait(this, remaining);
            remaining = deadline - System.nanoTime();
        }
        if (isDone()) {
            return schemaChanged ? TapDTO.SCHEMA_CHANGED : TapDTO.LIMIT;
        }
        return runEnded ? TapDTO.RUN_ENDED : TapDTO.TIMEOUT;
    }

    /** Puts what it sampled so far into {@code dto}. */
    synchronized void sample(TapDTO dto) {
        dto.limit = limit;
        dto.fields = new ArrayList<>(fields);
        dto.rows = new ArrayList<>(rows);
    }

    private boolean isDone() {
        return rows.size() >= limit || schemaChanged;
    }

    /** Numbers, booleans and nulls as they are; Arrow's text and anything else as a string. */
    private static Object plain(Object value) {
        if (value == null || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        return value instanceof Text text ? text.toString() : String.valueOf(value);
    }
}
