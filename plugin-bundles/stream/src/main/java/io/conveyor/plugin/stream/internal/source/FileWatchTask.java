package io.conveyor.plugin.stream.internal.source;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.conveyor.api.stage.Emitter;
import io.conveyor.api.stage.ErrorCode;
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
    /** The line number the replaced task had reached, restored once reading resumes; -1 when not resuming. */
    private long resumeLine = -1;

    FileWatchTask(FileTail tail, LineFormat format, StageContext context, Pause pause, long pollMillis,
            String name) {
        this.tail = tail;
        this.format = format;
        this.context = context;
        this.pause = pause;
        this.pollMillis = pollMillis;
        this.name = name;
    }

    /** Continues from the position of the task this one replaces: see {@link #position()}. */
    FileWatchTask resumingFrom(String position) throws StageException {
        Map<String, String> parts = new HashMap<>();
        for (String part : position.split(";")) {
            int equals = part.indexOf('=');
            if (equals > 0) {
                parts.put(part.substring(0, equals), part.substring(equals + 1));
            }
        }
        try {
            long offset = Long.parseLong(parts.getOrDefault("offset", ""));
            resumeLine = Long.parseLong(parts.getOrDefault("line", ""));
            if (!parts.containsKey("file") || offset < 0 || resumeLine < 0) {
                throw new NumberFormatException();
            }
            tail.resumingAt(new FileTail.Mark(parts.get("file"), offset));
            return this;
        } catch (NumberFormatException e) {
            throw new StageException(ErrorCode.PLUGIN, "cannot continue from position '" + position
                    + "': expected file=<key>;offset=<bytes>;line=<number>");
        }
    }

    /**
     * The file, the byte offset after the last line passed on, and that line's number; none while
     * a CSV record spanning lines is still open, since a new task could not take it over.
     */
    @Override
    public Optional<String> position() {
        if (format.holdsPartialRecord()) {
            return Optional.empty();
        }
        FileTail.Mark mark = tail.mark();
        return Optional.of("file=" + mark.fileKey() + ";offset=" + mark.offset() + ";line=" + lineNumber);
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

                @Override
                public void resumed() {
                    lineNumber = resumeLine;
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
