package io.conveyor.plugin.parquet.internal.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * Parquet's view of a file being written through a channel that someone else owns (the sink's
 * temporary file): the stream buffers, counts its position, and flushes but never closes the
 * channel.
 */
public final class ChannelOutputFile implements OutputFile {

    private static final int BUFFER = 1 << 16;

    private final FileChannel channel;
    private final String shown;

    public ChannelOutputFile(FileChannel channel, String shown) {
        this.channel = channel;
        this.shown = shown;
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) {
        return new Stream(channel);
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) {
        return new Stream(channel);
    }

    @Override
    public boolean supportsBlockSize() {
        return false;
    }

    @Override
    public long defaultBlockSize() {
        return 0;
    }

    @Override
    public String getPath() {
        return shown;
    }

    private static final class Stream extends PositionOutputStream {
        private final FileChannel channel;
        private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        private long position;

        Stream(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public long getPos() {
            return position;
        }

        @Override
        public void write(int b) throws IOException {
            if (!buffer.hasRemaining()) {
                drain();
            }
            buffer.put((byte) b);
            position++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (length > buffer.remaining()) {
                drain();
            }
            if (length >= BUFFER) {
                writeFully(ByteBuffer.wrap(bytes, offset, length));
            } else {
                buffer.put(bytes, offset, length);
            }
            position += length;
        }

        @Override
        public void flush() throws IOException {
            drain();
        }

        /** Flushes; the channel stays open for its owner to force and close. */
        @Override
        public void close() throws IOException {
            drain();
        }

        private void drain() throws IOException {
            buffer.flip();
            writeFully(buffer);
            buffer.clear();
        }

        private void writeFully(ByteBuffer bytes) throws IOException {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        }
    }
}
