package io.conveyor.plugin.core.internal.csv;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Bytes read one after the other, from a stream or from a position of a file. */
interface ByteSource {

    /** Reads up to {@code length} bytes into {@code buffer} at {@code offset}; -1 at the end. */
    int read(byte[] buffer, int offset, int length) throws IOException;

    /** The bytes of {@code in}, from where it is. */
    static ByteSource of(InputStream in) {
        return in::read;
    }

    /**
     * The bytes of a file from {@code position} on, read with positional reads, so that several
     * threads read one channel at once.
     */
    static ByteSource of(FileChannel channel, long position) {
        return new ByteSource() {
            private long next = position;

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = channel.read(ByteBuffer.wrap(buffer, offset, length), next);
                if (n > 0) {
                    next += n;
                }
                return n;
            }
        };
    }
}
