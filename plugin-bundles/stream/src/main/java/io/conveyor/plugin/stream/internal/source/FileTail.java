package io.conveyor.plugin.stream.internal.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.conveyor.api.stage.StageException;

/**
 * Follows a file as {@code tail -F} does: reads what is appended, by byte offset, so nothing is
 * read twice; a line is passed on once its {@code \n} has been written. The file is kept open:
 * <ul>
 * <li>when it shrinks below what was read (truncated, as by {@code logrotate copytruncate}), it
 * is read again from its start; an unfinished line read before is dropped;</li>
 * <li>when the path names another file (the old one was moved away and a new one created), the
 * old file is read to its end, its unfinished last line passed on as it is, and the new file is
 * read from its start;</li>
 * <li>when the path is missing, it is waited for; a file deleted while followed is read to the
 * end of what was written to it meanwhile, then the path is waited for again.</li>
 * </ul>
 * A truncation followed by enough writes to reach the old length before the next poll cannot be
 * told from appends (tail -F has the same blind spot). Not thread-safe.
 */
final class FileTail implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FileTail.class);
    private static final int CHUNK = 64 * 1024;

    /** Where the lines go. */
    interface Lines {
        /** A new file begins: the one at the start, after a rotation or after a truncation. */
        void newFile() throws StageException;

        void line(String line) throws StageException;

        /** Reading goes on where the replaced task of {@link #resumingAt} stopped (after its CSV header, if any). */
        default void resumed() {
        }
    }

    /**
     * Where a tail stands: the file (its key as text, empty while the file is awaited) and the
     * offset just after the last line passed on.
     */
    record Mark(String fileKey, long offset) {
    }

    private final Path path;
    private final String name;
    private final boolean fromBeginning;
    private final boolean firstLineAlways;
    private final ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
    private final LineSplitter splitter = new LineSplitter();
    private FileChannel channel;
    private Object fileKey;
    private long position;
    private boolean started;
    private Mark resume;
    private boolean waitLogged;

    /**
     * @param name            how messages name the file (the path as configured)
     * @param fromBeginning   whether a file already there at the start is read from its start, or
     *                        only from the end of its last complete line
     * @param firstLineAlways whether a file's first line is passed on even when reading starts
     *                        later in it (a CSV header)
     */
    FileTail(Path path, String name, boolean fromBeginning, boolean firstLineAlways) {
        this.path = path;
        this.name = name;
        this.fromBeginning = fromBeginning;
        this.firstLineAlways = firstLineAlways;
    }

    /** Makes the first look continue from {@code mark}, as a task that replaces another does. */
    FileTail resumingAt(Mark mark) {
        this.resume = mark;
        return this;
    }

    /** Where this tail stands now, between two calls of {@link #read}. */
    Mark mark() {
        return channel == null ? new Mark("", 0) : new Mark(String.valueOf(fileKey), position - splitter.pendingBytes());
    }

    /**
     * Passes on the complete lines appended since the last call, at most {@code maxLines} of them
     * (the rest wait for the next call).
     *
     * @return how many lines were passed on
     */
    int read(int maxLines, Lines lines) throws IOException, StageException {
        if (channel == null && !open(lines)) {
            return 0;
        }
        int count = 0;
        while (true) {
            String line;
            while (count < maxLines && (line = splitter.next()) != null) {
                lines.line(line);
                count++;
            }
            if (count >= maxLines || readMore()) {
                if (count >= maxLines) {
                    return count;
                }
                continue;
            }
            if (channel.size() < position) {
                truncated(lines);
            } else if (replaced()) {
                count += switchFiles(lines);
            } else {
                return count;
            }
        }
    }

    private boolean readMore() throws IOException {
        buffer.clear();
        int n = channel.read(buffer, position);
        if (n <= 0) {
            return false;
        }
        position += n;
        buffer.flip();
        splitter.append(buffer);
        return true;
    }

    private boolean open(Lines lines) throws IOException, StageException {
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            if (!waitLogged) {
                LOG.info("file.watch: waiting for {} to be created", name);
                waitLogged = true;
            }
            started = true;
            return false;
        }
        waitLogged = false;
        fileKey = keyOf(path);
        position = 0;
        splitter.clear();
        lines.newFile();
        if (resume != null) {
            resumeFrom(resume, lines);
            return true;
        }
        if (!started && !fromBeginning) {
            long end = afterLastLine();
            if (end > 0 && firstLineAlways) {
                String first = firstLine();
                if (first != null) {
                    lines.line(first);
                }
            }
            position = end;
        }
        started = true;
        return true;
    }

    /**
     * Continues where the mark says when it names this file and the file still holds that much;
     * otherwise (the file was rotated or truncated meanwhile) reads the file from its start.
     */
    private void resumeFrom(Mark mark, Lines lines) throws IOException, StageException {
        resume = null;
        started = true;
        if (mark.fileKey().isEmpty()) {
            return; // the replaced task was waiting for the file: read all of it
        }
        if (!mark.fileKey().equals(String.valueOf(fileKey)) || channel.size() < mark.offset()) {
            LOG.info("file.watch: {} changed while its task was replaced; reading it from its start", name);
            return;
        }
        if (mark.offset() > 0 && firstLineAlways) {
            String first = firstLine();
            if (first != null) {
                lines.line(first);
            }
        }
        position = mark.offset();
        lines.resumed();
    }

    /** The offset just after the file's last {@code \n}, or 0 when it has none. */
    private long afterLastLine() throws IOException {
        long end = channel.size();
        ByteBuffer back = ByteBuffer.allocate(8192);
        while (end > 0) {
            long from = Math.max(0, end - back.capacity());
            back.clear().limit((int) (end - from));
            channel.read(back, from);
            for (int i = back.position() - 1; i >= 0; i--) {
                if (back.get(i) == '\n') {
                    return from + i + 1;
                }
            }
            end = from;
        }
        return 0;
    }

    /** The file's first line, read apart from the others; null if it has no complete line. */
    private String firstLine() throws IOException {
        LineSplitter first = new LineSplitter();
        long at = 0;
        String line = null;
        while (line == null) {
            buffer.clear();
            int n = channel.read(buffer, at);
            if (n <= 0) {
                return null;
            }
            at += n;
            buffer.flip();
            first.append(buffer);
            line = first.next();
        }
        return line;
    }

    private void truncated(Lines lines) throws StageException {
        LOG.info("file.watch: {} was truncated; reading it again from its start{}", name,
                splitter.hasPartial() ? " (an unfinished line read before is dropped)" : "");
        splitter.clear();
        position = 0;
        lines.newFile();
    }

    private boolean replaced() {
        Object current = keyOf(path);
        return current != null && fileKey != null && !current.equals(fileKey);
    }

    /** Reads the old file to its end, then opens the new one; how many lines the old file's end gave. */
    private int switchFiles(Lines lines) throws IOException, StageException {
        int count = 0;
        while (readMore()) {
            String line;
            while ((line = splitter.next()) != null) {
                lines.line(line);
                count++;
            }
        }
        String rest = splitter.takePartial();
        if (rest != null) {
            lines.line(rest);
            count++;
        }
        channel.close();
        channel = null;
        LOG.info("file.watch: {} was replaced by a new file; reading the new one from its start", name);
        open(lines);
        return count;
    }

    private static Object keyOf(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }
}
