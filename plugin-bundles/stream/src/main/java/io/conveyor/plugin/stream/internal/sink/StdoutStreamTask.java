package io.conveyor.plugin.stream.internal.sink;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.apache.arrow.vector.VectorSchemaRoot;

import io.conveyor.api.stage.SinkTask;
import io.conveyor.api.stage.StageException;

/**
 * One run of stdout.stream: lines are collected and written out in one write, then flushed,
 * every {@code flushEvery} rows and at the end of every batch. The run's stdout belongs to the
 * engine: it is written and flushed, never closed. Not thread-safe.
 */
final class StdoutStreamTask implements SinkTask {

    private final PrintStream stdout;
    private final RowFormat format;
    private final long flushEvery;
    private final StringBuilder pending = new StringBuilder();
    private long pendingRows;

    StdoutStreamTask(PrintStream stdout, RowFormat format, long flushEvery) {
        this.stdout = stdout;
        this.format = format;
        this.flushEvery = flushEvery;
    }

    @Override
    public void write(String input, VectorSchemaRoot batch) throws StageException {
        String header = format.header(batch.getFieldVectors());
        if (header != null) {
            pending.append(header).append('\n');
        }
        for (int r = 0; r < batch.getRowCount(); r++) {
            format.row(batch, r, pending);
            pending.append('\n');
            if (++pendingRows >= flushEvery) {
                flush();
            }
        }
        flush();
    }

    private void flush() throws StageException {
        pendingRows = 0;
        if (pending.length() == 0) {
            return;
        }
        byte[] bytes = pending.toString().getBytes(StandardCharsets.UTF_8);
        pending.setLength(0);
        stdout.write(bytes, 0, bytes.length);
        stdout.flush();
        if (stdout.checkError()) {
            throw StageException.io("cannot write to standard output (it was closed, or the program reading it "
                    + "ended)", null);
        }
    }

    @Override
    public void commit() throws StageException {
        flush();
    }
}
