package io.conveyor.plugin.parquet.internal.codec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

import io.airlift.compress.Compressor;
import io.airlift.compress.Decompressor;
import io.airlift.compress.lz4.Lz4Decompressor;
import io.airlift.compress.snappy.SnappyCompressor;
import io.airlift.compress.snappy.SnappyDecompressor;
import io.airlift.compress.zstd.ZstdCompressor;
import io.airlift.compress.zstd.ZstdDecompressor;

/**
 * Parquet's page codecs in pure Java, in place of parquet-hadoop's {@code CodecFactory}, which
 * needs Hadoop: Snappy and Zstandard from aircompressor, gzip from the JDK, and LZ4_RAW for
 * reading. One instance per file; not thread-safe (it reuses its buffers).
 */
public final class Codecs implements CompressionCodecFactory {

    /** The codecs {@link #getDecompressor} can read, for messages. */
    public static final String READABLE = "snappy, zstd, gzip, lz4_raw and uncompressed";

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return switch (codec) {
            case UNCOMPRESSED -> new PageCompressor(codec, null);
            case SNAPPY -> new PageCompressor(codec, new SnappyCompressor());
            case ZSTD -> new PageCompressor(codec, new ZstdCompressor());
            case GZIP -> new PageCompressor(codec, new GzipCompressor());
            default -> throw new IllegalArgumentException("no compressor for " + codec);
        };
    }

    /** Whether pages compressed with {@code codec} can be read. */
    public static boolean canRead(CompressionCodecName codec) {
        return switch (codec) {
            case UNCOMPRESSED, SNAPPY, ZSTD, GZIP, LZ4_RAW -> true;
            default -> false;
        };
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        return switch (codec) {
            case UNCOMPRESSED -> new PageDecompressor(null);
            case SNAPPY -> new PageDecompressor(new SnappyDecompressor());
            case ZSTD -> new PageDecompressor(new ZstdDecompressor());
            case GZIP -> new PageDecompressor(new GzipDecompressor());
            case LZ4_RAW -> new PageDecompressor(new Lz4Decompressor());
            default -> throw new IllegalArgumentException("no decompressor for " + codec);
        };
    }

    @Override
    public void release() {
        // nothing pooled
    }

    /**
     * Compresses a page into a buffer it reuses: the page writer copies the result before it asks
     * for the next page (parquet-java's ColumnChunkPageWriteStore collects every page into its own
     * buffers), so handing out a view of that buffer is safe.
     */
    private static final class PageCompressor implements BytesInputCompressor {
        private final CompressionCodecName codec;
        private final Compressor compressor;
        private byte[] out = new byte[0];

        PageCompressor(CompressionCodecName codec, Compressor compressor) {
            this.codec = codec;
            this.compressor = compressor;
        }

        @Override
        public BytesInput compress(BytesInput bytes) throws IOException {
            if (compressor == null) {
                return bytes;
            }
            byte[] in = bytes.toByteArray();
            int max = compressor.maxCompressedLength(in.length);
            if (out.length < max) {
                out = new byte[Math.max(max, out.length + (out.length >> 1))];
            }
            int length = compressor.compress(in, 0, in.length, out, 0, out.length);
            return BytesInput.from(out, 0, length);
        }

        @Override
        public CompressionCodecName getCodecName() {
            return codec;
        }

        @Override
        public void release() {
            out = new byte[0];
        }
    }

    private static final class PageDecompressor implements BytesInputDecompressor {
        private final Decompressor decompressor;

        PageDecompressor(Decompressor decompressor) {
            this.decompressor = decompressor;
        }

        @Override
        public BytesInput decompress(BytesInput bytes, int decompressedSize) throws IOException {
            if (decompressor == null) {
                return bytes;
            }
            byte[] in = bytes.toByteArray();
            byte[] out = new byte[decompressedSize];
            int length = decompressor.decompress(in, 0, in.length, out, 0, decompressedSize);
            if (length != decompressedSize) {
                throw new IOException("a page decompressed to " + length + " bytes, its header says "
                        + decompressedSize);
            }
            return BytesInput.from(out);
        }

        @Override
        public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int decompressedSize)
                throws IOException {
            byte[] in = new byte[compressedSize];
            input.get(in);
            output.put(decompress(BytesInput.from(in), decompressedSize).toByteBuffer());
        }

        @Override
        public void release() {
            // nothing held
        }
    }

    /** gzip (RFC 1952) through the JDK, at zlib's default level, as Parquet's GZIP codec means. */
    private static final class GzipCompressor implements Compressor {
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        @Override
        public int maxCompressedLength(int uncompressedSize) {
            // deflate's worst case (5 bytes per 16 KiB block) plus gzip's header and trailer
            return uncompressedSize + (uncompressedSize >> 12) + 64;
        }

        @Override
        public int compress(byte[] input, int inputOffset, int inputLength, byte[] output, int outputOffset,
                int maxOutputLength) {
            buffer.reset();
            try (GZIPOutputStream gzip = new GZIPOutputStream(buffer, 1 << 16)) {
                gzip.write(input, inputOffset, inputLength);
            } catch (IOException e) {
                throw new IllegalStateException("gzip to memory failed", e);
            }
            if (buffer.size() > maxOutputLength) {
                throw new IllegalStateException("gzip output of " + buffer.size() + " bytes exceeds its bound");
            }
            byte[] bytes = buffer.toByteArray();
            System.arraycopy(bytes, 0, output, outputOffset, bytes.length);
            return bytes.length;
        }

        @Override
        public void compress(ByteBuffer input, ByteBuffer output) {
            throw new UnsupportedOperationException("byte arrays only");
        }
    }

    private static final class GzipDecompressor implements Decompressor {
        @Override
        public int decompress(byte[] input, int inputOffset, int inputLength, byte[] output, int outputOffset,
                int maxOutputLength) {
            try (InputStream gzip = new GZIPInputStream(new ByteArrayInputStream(input, inputOffset, inputLength))) {
                return gzip.readNBytes(output, outputOffset, maxOutputLength);
            } catch (IOException e) {
                throw new IllegalStateException("corrupt gzip data: " + e.getMessage(), e);
            }
        }

        @Override
        public void decompress(ByteBuffer input, ByteBuffer output) {
            throw new UnsupportedOperationException("byte arrays only");
        }
    }
}
