package io.conveyor.plugin.core.internal.stdio;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.conveyor.api.stage.Emitter;
import io.conveyor.api.stage.SourceTask;
import io.conveyor.api.stage.StageContext;
import io.conveyor.api.stage.StageException;
import io.conveyor.plugin.kit.column.BatchWriter;
import io.conveyor.plugin.kit.column.ColumnType;
import io.conveyor.plugin.kit.file.IoReasons;

/**
 * Streams text as one utf8 column {@code line}, one row per line, without its line ending
 * ({@code \n}, {@code \r\n} or {@code \r}); empty lines are empty strings. Empty text gives one
 * batch without rows, which still has the {@code line} column.
 */
final class RawLineReader implements SourceTask {

    private static final List<String> NAMES = List.of("line");
    private static final List<ColumnType> TYPES = List.of(ColumnType.UTF8);

    private final BufferedReader reader;
    private final StageContext context;
    private boolean emitted;

    /** @param in closed by {@link #close()}: wrap a stream you must keep open */
    RawLineReader(InputStream in, StageContext context) {
        this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.context = context;
    }

    @Override
    public boolean produce(Emitter out) throws StageException {
        int batchSize = context.batchSize();
        try (BatchWriter batch = new BatchWriter(NAMES, TYPES, context.allocator(), batchSize)) {
            String line;
            while (batch.row() < batchSize && (line = reader.readLine()) != null) {
                batch.setString(0, line);
                batch.endRow();
            }
            if (batch.row() == 0 && emitted) {
                return false;
            }
            boolean full = batch.row() == batchSize;
            emitted = true;
            out.emit(batch.finish());
            return full;
        } catch (IOException e) {
            throw StageException.io("cannot read <stdin>: " + IoReasons.of(e), e);
        }
    }

    @Override
    public void close() throws StageException {
        try {
            reader.close();
        } catch (IOException e) {
            throw StageException.io("cannot close <stdin>: " + IoReasons.of(e), e);
        }
    }
}
