package io.conveyor.plugin.stream.internal.source;

import java.io.IOException;

import io.conveyor.api.stage.Emitter;
import io.conveyor.api.stage.SourceTask;
import io.conveyor.api.stage.StageContext;
import io.conveyor.api.stage.StageException;

/**
 * file.watch's task: each call passes on the rows of the lines appended since the last one (up to
 * the run's batch size), and, once it has caught up with the file, waits one poll interval.
 * It never ends by itself: the run's stop or timeout ends it. Not thread-safe.
 */
final class FileWatchTask implements SourceTask {

    private final FileTail tail;
    private final LineFormat format;
    private final RecordTable table = new RecordTable();
    private final StageContext context;
    private final Pause pause;
    private final long pollMillis;
    private final String name;
    private long lineNumber;

    FileWatchTask(FileTail tail, LineFormat format, StageContext context, Pause pause, long pollMillis,
            String name) {
        this.tail = tail;
        this.format = format;
        this.context = context;
        this.pause = pause;
        this.pollMillis = pollMillis;
        this.name = name;
    }

    @Override
    public boolean produce(Emitter out) throws StageException {
        int batchSize = context.batchSize();
        int lines;
        try {
            lines = tail.read(batchSize, new FileTail.Lines() {
                @Override
                public void newFile() {
                    lineNumber = 0;
                    format.startFile();
                }

                @Override
                public void line(String line) throws StageException {
                    format.line(line, ++lineNumber, table);
                }
            });
        } catch (IOException e) {
            throw StageException.io("cannot read " + name + ": " + e.getMessage(), e);
        }
        if (table.rowCount() > 0) {
            out.emit(table.flush(context.allocator()));
        }
        if (lines < batchSize) {
            pause.sleep(pollMillis);
        }
        return true;
    }

    @Override
    public void close() throws StageException {
        try {
            tail.close();
        } catch (IOException e) {
            throw StageException.io("cannot close " + name + ": " + e.getMessage(), e);
        }
    }
}
