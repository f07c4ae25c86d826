package io.conveyor.plugin.core.internal.csv;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Tells the line of a byte offset of a file by counting the line ends before it again, so that
 * parsing never counts lines: only an error needs a line number.
 */
final class LineCounter {

    private static final int BLOCK = 1 << 20;

    private LineCounter() {
    }

    /**
     * The line, from 1, holding the byte at {@code offset}: one more than the {@code \n}, and the
     * {@code \r} not followed by a {@code \n}, before it.
     */
    static long lineAt(FileChannel channel, long offset) throws IOException {
        byte[] block = new byte[(int) Math.min(BLOCK, Math.max(1, offset))];
        long lines = 1;
        byte previous = 0;
        for (long at = 0; at < offset; ) {
            int n = channel.read(ByteBuffer.wrap(block, 0, (int) Math.min(block.length, offset - at)), at);
            if (n < 0) {
                break;
            }
            for (int i = 0; i < n; i++) {
                byte c = block[i];
                if (c == '\n') {
                    lines++;
                } else if (previous == '\r') {
                    lines++;
                }
                previous = c;
            }
            at += n;
        }
        return previous == '\r' ? lines + 1 : lines;
    }
}
