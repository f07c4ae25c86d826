package io.conveyor.plugin.stream.internal.source;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Cuts bytes into lines as they arrive: a line ends at {@code \n} (a {@code \r} before it is
 * dropped), and bytes after the last {@code \n} wait for the rest of their line. Lines are
 * decoded as UTF-8 only once complete, so a character split between two reads is whole.
 */
final class LineSplitter {

    private byte[] bytes = new byte[8192];
    private int start;
    private int end;
    private int scanned;

    void append(ByteBuffer chunk) {
        int n = chunk.remaining();
        if (end + n > bytes.length) {
            int kept = end - start;
            if (kept + n > bytes.length) {
                bytes = Arrays.copyOf(Arrays.copyOfRange(bytes, start, end), Math.max(bytes.length * 2, kept + n));
            } else {
                System.arraycopy(bytes, start, bytes, 0, kept);
            }
            scanned -= start;
            start = 0;
            end = kept;
        }
        chunk.get(bytes, end, n);
        end += n;
    }

    /** The next complete line, or {@code null} when the bytes left do not end one. */
    String next() {
        for (int i = scanned; i < end; i++) {
            if (bytes[i] == '\n') {
                int length = i - start;
                if (length > 0 && bytes[i - 1] == '\r') {
                    length--;
                }
                String line = new String(bytes, start, length, StandardCharsets.UTF_8);
                start = i + 1;
                scanned = start;
                return line;
            }
        }
        scanned = end;
        return null;
    }

    /** How many bytes were appended and not yet passed on as a line: the lines waiting, and the unfinished one. */
    int pendingBytes() {
        return end - start;
    }

    /** Whether bytes of an unfinished line are waiting. */
    boolean hasPartial() {
        return end > start;
    }

    /** The unfinished line, as it is, or {@code null}; forgets it. */
    String takePartial() {
        String partial = hasPartial() ? new String(bytes, start, end - start, StandardCharsets.UTF_8) : null;
        clear();
        return partial;
    }

    void clear() {
        start = 0;
        end = 0;
        scanned = 0;
    }
}
