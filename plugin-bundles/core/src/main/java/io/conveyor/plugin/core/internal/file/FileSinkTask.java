package io.conveyor.plugin.core.internal.file;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.function.Function;

import org.apache.arrow.vector.VectorSchemaRoot;

import io.conveyor.api.stage.SinkTask;
import io.conveyor.api.stage.StageException;
import io.conveyor.plugin.core.internal.batch.BatchFormat;

/**
 * One run of a file sink: inputs written one after the other in pipeline order into a temporary
 * file, renamed onto the target on commit, deleted on abort.
 */
public final class FileSinkTask implements SinkTask {

    private final AtomicFileOutput file;
    private final BatchFormat format;
    private final InputOrder order;

    /** @param format makes the format over the temporary file's writer */
    public FileSinkTask(AtomicFileOutput file, Function<Writer, BatchFormat> format, List<String> inputs) {
        this.file = file;
        this.format = format.apply(file.writer());
        this.order = new InputOrder(inputs);
    }

    @Override
    public boolean accepts(String input) {
        return order.accepts(input);
    }

    @Override
    public void write(String input, VectorSchemaRoot batch) throws StageException {
        try {
            format.write(input, batch, batch.getRowCount());
        } catch (IOException e) {
            throw file.writeFailed(e);
        }
    }

    @Override
    public void endOfInput(String input) {
        order.end(input);
    }

    @Override
    public void commit() throws StageException {
        try {
            format.finish();
        } catch (IOException e) {
            file.abort();
            throw file.writeFailed(e);
        }
        file.commit();
    }

    @Override
    public void abort() {
        file.abort();
    }

    @Override
    public void close() {
        file.close();
    }
}
