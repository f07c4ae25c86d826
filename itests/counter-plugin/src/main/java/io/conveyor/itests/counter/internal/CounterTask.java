package io.conveyor.itests.counter.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

import io.conveyor.api.stage.Emitter;
import io.conveyor.api.stage.ErrorCode;
import io.conveyor.api.stage.StageContext;
import io.conveyor.api.stage.StageException;
import io.conveyor.api.stage.SourceTask;

/**
 * One run of {@code counter.stream}. Batch {@code k} is due {@code k * batchRows / rowsPerSecond}
 * seconds after the first; a call waits at most {@value #MAX_WAIT_MILLIS} ms for it, then returns,
 * so that the engine can stop or pause the run between calls. A source held back by downstream
 * catches up at once.
 *
 * <p>Its {@linkplain #position() position} is the number of rows emitted so far: a task opened
 * with it (after an upgrade of the plugin) goes on with the next number, at the same rate.
 */
final class CounterTask implements SourceTask {

    private static final long MAX_WAIT_MILLIS = 50;

    private final StageContext context;
    private final long rowsPerSecond;
    private final int batchRows;
    private final Path stopFile;
    private final long emittedBefore;
    private long start;
    private long emittedRows;

    /** @param stopFile the file whose existence ends the stream, or {@code null} */
    CounterTask(StageContext context, long rowsPerSecond, int batchRows, Path stopFile) throws StageException {
        this.context = context;
        this.rowsPerSecond = rowsPerSecond;
        this.batchRows = batchRows;
        this.stopFile = stopFile;
        this.emittedBefore = resumePosition(context);
        this.emittedRows = emittedBefore;
    }

    private static long resumePosition(StageContext context) throws StageException {
        String position = context.resumePosition().orElse("0");
        try {
            long rows = Long.parseLong(position);
            if (rows >= 0) {
                return rows;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new StageException(ErrorCode.PLUGIN, "cannot continue from position '" + position
                + "': expected the number of rows emitted so far");
    }

    @Override
    public Optional<String> position() {
        return Optional.of(Long.toString(emittedRows));
    }

    @Override
    public boolean produce(Emitter out) throws StageException {
        if (stopFile != null && Files.exists(stopFile)) {
            return false;
        }
        long now = System.nanoTime();
        if (emittedRows == emittedBefore) {
            start = now;
        }
        long due = start + TimeUnit.SECONDS.toNanos(emittedRows - emittedBefore) / rowsPerSecond;
        if (due > now) {
            pause(Math.min(due - now, TimeUnit.MILLISECONDS.toNanos(MAX_WAIT_MILLIS)));
            return true;
        }
        out.emit(batch(emittedRows + 1, System.nanoTime()));
        emittedRows += batchRows;
        return true;
    }

    private static void pause(long nanos) throws StageException {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StageException.cancelled();
        }
    }

    private VectorSchemaRoot batch(long first, long nanos) {
        BigIntVector numbers = new BigIntVector(CounterSource.NUMBER, context.allocator());
        BigIntVector emitted = new BigIntVector(CounterSource.EMITTED, context.allocator());
        try {
            numbers.allocateNew(batchRows);
            emitted.allocateNew(batchRows);
            for (int row = 0; row < batchRows; row++) {
                numbers.set(row, first + row);
                emitted.set(row, nanos);
            }
        } catch (RuntimeException e) {
            numbers.close();
            emitted.close();
            throw e;
        }
        numbers.setValueCount(batchRows);
        emitted.setValueCount(batchRows);
        VectorSchemaRoot batch = new VectorSchemaRoot(List.<FieldVector>of(numbers, emitted));
        batch.setRowCount(batchRows);
        return batch;
    }
}
