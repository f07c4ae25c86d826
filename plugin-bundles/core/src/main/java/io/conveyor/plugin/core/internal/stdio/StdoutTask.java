package io.conveyor.plugin.core.internal.stdio;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

import io.conveyor.api.stage.SinkTask;
import io.conveyor.api.stage.StageException;
import io.conveyor.plugin.kit.column.BatchFormat;
import io.conveyor.plugin.kit.file.IoReasons;

/**
 * One run of stdout.write. Every input is accepted at all times, so inputs fed by one upstream
 * stage never wait on each other (holding one back would stall that stage and, through it, the
 * input being printed). The output is still the inputs one after the other, in input order: the
 * current input (the first that has not ended) is printed as its batches come, flushed after
 * each; every later input waits in a {@link BatchSpool} until it becomes the current one, is
 * printed from there, and then streams too. The text is thus exactly what printing the inputs one
 * after the other would give, limit included. Not thread-safe.
 */
final class StdoutTask implements SinkTask {

    private final Writer writer;
    private final BatchFormat format;
    private final List<String> inputs;
    private final BufferAllocator allocator;
    private final Path spoolFolder;
    private final long spoolRows;
    private final Set<String> ended = new HashSet<>();
    private final Map<String, BatchSpool> spools = new HashMap<>();
    private long remaining;
    private int current;

    /**
     * @param limit       the most rows to print, or a negative number for all (a format that
     *                    applies the limit itself gets -1)
     * @param allocator   for the batches read back from spools
     * @param spoolFolder where later inputs wait
     */
    StdoutTask(Writer writer, BatchFormat format, long limit, List<String> inputs, BufferAllocator allocator,
            Path spoolFolder) {
        this.writer = writer;
        this.format = format;
        this.inputs = List.copyOf(inputs);
        this.allocator = allocator;
        this.spoolFolder = spoolFolder;
        this.remaining = limit < 0 ? Long.MAX_VALUE : limit;
        // rows past the limit are never printed, so no spool needs more
        this.spoolRows = remaining;
    }

    @Override
    public void write(String input, VectorSchemaRoot batch) throws StageException {
        if (current < inputs.size() && inputs.get(current).equals(input)) {
            print(input, batch);
            return;
        }
        try {
            BatchSpool spool = spools.get(input);
            if (spool == null) {
                spool = BatchSpool.create(spoolFolder, spoolRows);
                spools.put(input, spool);
            }
            spool.add(batch);
        } catch (IOException e) {
            throw StageException.io("cannot keep input '" + input + "' in a temporary file in " + spoolFolder
                    + " until its turn: " + IoReasons.of(e), e);
        }
    }

    private void print(String input, VectorSchemaRoot batch) throws StageException {
        int rows = (int) Math.min(batch.getRowCount(), remaining);
        if (rows == 0 && batch.getRowCount() > 0) {
            return; // the limit is reached; a batch without rows still brings the columns
        }
        remaining -= rows;
        try {
            format.write(input, batch, rows);
            writer.flush();
        } catch (IOException e) {
            throw writeFailed(e);
        }
    }

    /** Ends {@code input}; when it was the current one, prints what the next inputs have kept so far. */
    @Override
    public void endOfInput(String input) throws StageException {
        ended.add(input);
        while (current < inputs.size() && ended.contains(inputs.get(current))) {
            current++;
            if (current < inputs.size()) {
                printKept(inputs.get(current));
            }
        }
    }

    private void printKept(String input) throws StageException {
        BatchSpool spool = spools.remove(input);
        if (spool == null) {
            return;
        }
        try (spool) {
            spool.replay(allocator, batch -> print(input, batch));
        } catch (IOException e) {
            throw StageException.io("cannot read input '" + input + "' back from its temporary file in "
                    + spoolFolder + ": " + IoReasons.of(e), e);
        }
    }

    @Override
    public void commit() throws StageException {
        try {
            format.finish();
        } catch (IOException e) {
            throw writeFailed(e);
        }
    }

    private static StageException writeFailed(IOException e) {
        return StageException.io("cannot write to standard output: " + IoReasons.of(e), e);
    }

    @Override
    public void abort() {
        deleteSpools();
    }

    @Override
    public void close() {
        deleteSpools();
    }

    private void deleteSpools() {
        spools.values().forEach(BatchSpool::close);
        spools.clear();
    }
}
