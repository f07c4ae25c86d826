package io.conveyor.plugin.parquet.internal.read;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;

import io.conveyor.api.stage.ErrorCode;
import io.conveyor.api.stage.StageException;
import io.conveyor.plugin.kit.file.InputFiles;
import io.conveyor.plugin.kit.file.IoReasons;

/**
 * A Parquet file open for reading: its channel and its footer (schema, row groups, column
 * chunks). Closing it closes the channel.
 */
final class ParquetFile implements AutoCloseable {

    private static final String MAGIC = "PAR1";
    private static final String ENCRYPTED_MAGIC = "PARE";
    private static final int TAIL = 8;

    private final FileChannel channel;
    private final String shown;
    private final ParquetMetadata footer;

    private ParquetFile(FileChannel channel, String shown, ParquetMetadata footer) {
        this.channel = channel;
        this.shown = shown;
        this.footer = footer;
    }

    /**
     * Opens {@code path} and reads its footer.
     *
     * @throws StageException IO when the file cannot be opened ({@code cannot read x.parquet: no such
     *                        file}); DATA on key {@code path} when it is not a readable Parquet file
     */
    static ParquetFile open(Path path, String key, String shown) throws StageException {
        FileChannel channel = InputFiles.openChannel(path, key, shown);
        try {
            return new ParquetFile(channel, shown, footer(channel, key, shown));
        } catch (StageException | RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /** Whether {@code path} names no file (so that validation can leave the schema unknown). */
    static boolean isMissing(Path path) {
        return !Files.exists(path);
    }

    ParquetMetadata footer() {
        return footer;
    }

    String shown() {
        return shown;
    }

    /** Reads {@code length} bytes at {@code position}. */
    byte[] read(long position, int length) throws IOException {
        return read(channel, position, length);
    }

    private static byte[] read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new EOFException("the file ends at byte " + (position + buffer.position()) + ", before the "
                        + length + " bytes at " + position);
            }
        }
        return buffer.array();
    }

    private static ParquetMetadata footer(FileChannel channel, String key, String shown) throws StageException {
        try {
            long size = channel.size();
            if (size < MAGIC.length() + TAIL) {
                throw notParquet(key, shown, "it is " + size + " bytes long, too short for a Parquet file", null);
            }
            ByteBuffer tail = ByteBuffer.wrap(read(channel, size - TAIL, TAIL)).order(ByteOrder.LITTLE_ENDIAN);
            String magic = new String(tail.array(), 4, 4, StandardCharsets.ISO_8859_1);
            if (magic.equals(ENCRYPTED_MAGIC)) {
                throw notParquet(key, shown, "it is an encrypted Parquet file, which parquet.read cannot read", null);
            }
            if (!magic.equals(MAGIC)) {
                throw notParquet(key, shown, "it is not a Parquet file (it does not end with " + MAGIC + ")", null);
            }
            int length = tail.getInt(0);
            if (length <= 0 || length > size - TAIL - MAGIC.length()) {
                throw notParquet(key, shown, "its footer length " + Integer.toUnsignedString(length)
                        + " does not fit in its " + size + " bytes", null);
            }
            byte[] bytes = read(channel, size - TAIL - length, length);
            return new ParquetMetadataConverter().readParquetMetadata(new ByteArrayInputStream(bytes),
                    ParquetMetadataConverter.NO_FILTER);
        } catch (IOException e) {
            throw notParquet(key, shown, "its footer cannot be decoded (" + IoReasons.of(e) + ")", e);
        } catch (RuntimeException e) {
            throw notParquet(key, shown, "its footer cannot be decoded (" + e.getMessage() + ")", e);
        }
    }

    private static StageException notParquet(String key, String shown, String reason, Exception cause) {
        return new StageException(ErrorCode.DATA, key, "cannot read " + shown + ": " + reason, cause);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing was read; the open failure is what matters
        }
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }
}
