package io.conveyor.plugin.stream.internal.sink;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.apache.arrow.vector.VectorSchemaRoot;

import io.conveyor.api.stage.SinkTask;
import io.conveyor.api.stage.StageException;

/**
 * One run of stdout.stream: prints as it is given rows. The run's stdout belongs to the engine;
 * it is written and flushed, never closed. Not thread-safe.
 */
final class StdoutStreamTask implements SinkTask {

    private final PrintStream stdout;
    private final RowFormat format;
    private final long flushEvery;
    private final StringBuilder line = new StringBuilder();
    private long unflushed;

    StdoutStreamTask(PrintStream stdout, RowFormat format, long flushEvery) {
        this.stdout = stdout;
        this.format = format;
        this.flushEvery = flushEvery;
    }

    @Override
    public void write(String input, VectorSchemaRoot batch) throws StageException {
        String header = format.header(batch.getFieldVectors());
        if (header != null) {
            print(header);
        }
        for (int r = 0; r < batch.getRowCount(); r++) {
            line.setLength(0);
            format.row(batch, r, line);
            print(line);
            if (++unflushed >= flushEvery) {
                flush();
            }
        }
        flush();
    }

    private void print(CharSequence text) {
        byte[] bytes = (text + "\n").getBytes(StandardCharsets.UTF_8);
        stdout.write(bytes, 0, bytes.length);
    }

    private void flush() throws StageException {
        unflushed = 0;
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
