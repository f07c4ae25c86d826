package io.conveyor.plugin.stream.internal.source;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.apache.arrow.vector.VectorSchemaRoot;

import io.conveyor.api.stage.Emitter;
import io.conveyor.api.stage.SourceTask;
import io.conveyor.api.stage.StageContext;
import io.conveyor.api.stage.StageException;

/**
 * stdin.stream's task: lines from a {@link LineFeed} become rows, passed on in a batch as soon as
 * it holds the run's batch size, or {@code flush} after its first line arrived, whichever comes
 * first, so no row waits longer than that whether the producer pauses or trickles; and at the end
 * of the input. With a flush of 0 a batch takes the lines already there and goes. Waiting is cut
 * into short slices so that a stopping run is noticed promptly. Not thread-safe.
 */
final class LineStreamTask implements SourceTask {

    /** The longest single wait, so that a run stopping is noticed within it. */
    static final long WAIT_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final LineFeed feed;
    private final LineFormat format;
    private final RecordTable table = new RecordTable();
    private final long flushNanos;
    private final StageContext context;
    private final LongSupplier nanoClock;
    private final String source;
    private long lines;
    private boolean emitted;
    private boolean done;

    /**
     * @param feed      closed by {@link #close()}
     * @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime})
     * @param source    how messages name the input
     */
    LineStreamTask(LineFeed feed, LineFormat format, long flushNanos, StageContext context, LongSupplier nanoClock,
            String source) {
        this.feed = feed;
        this.format = format;
        this.flushNanos = flushNanos;
        this.context = context;
        this.nanoClock = nanoClock;
        this.source = source;
    }

    @Override
    public boolean produce(Emitter out) throws StageException {
        if (done) {
            return false;
        }
        String line = poll(WAIT_SLICE_NANOS);
        if (line == null) {
            return feed.ended() ? endOfInput(out) : true;
        }
        accept(line);
        long deadline = nanoClock.getAsLong() + flushNanos;
        while (table.rowCount() < context.batchSize()) {
            long left = deadline - nanoClock.getAsLong();
            line = poll(Math.min(left, WAIT_SLICE_NANOS));
            if (line != null) {
                accept(line);
            } else if (feed.ended()) {
                return endOfInput(out);
            } else if (left <= 0 || context.isStopped()) {
                break;
            }
        }
        emitRows(out);
        return true;
    }

    private String poll(long nanos) throws StageException {
        try {
            return feed.poll(nanos);
        } catch (IOException e) {
            throw StageException.io("cannot read " + source + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StageException.cancelled();
        }
    }

    private void accept(String line) throws StageException {
        format.line(line, ++lines, table);
    }

    private boolean endOfInput(Emitter out) throws StageException {
        done = true;
        format.end();
        if (table.rowCount() > 0) {
            emitRows(out);
        } else if (!emitted && format.fixedSchema() != null) {
            // an empty input still has the format's columns
            emit(VectorSchemaRoot.create(format.fixedSchema(), context.allocator()), out);
        }
        return false;
    }

    private void emitRows(Emitter out) throws StageException {
        if (table.rowCount() > 0) {
            emit(table.flush(context.allocator()), out);
        }
    }

    private void emit(VectorSchemaRoot batch, Emitter out) throws StageException {
        emitted = true;
        out.emit(batch);
    }

    @Override
    public void close() {
        feed.close();
    }
}
