package io.conveyor.plugin.parquet.internal.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class CodecsTest {

    private static byte[] sample() {
        byte[] text = "order 1234, shipped; ".repeat(2000).getBytes(StandardCharsets.UTF_8);
        byte[] noise = new byte[10_000];
        new Random(7).nextBytes(noise);
        byte[] all = new byte[text.length + noise.length];
        System.arraycopy(text, 0, all, 0, text.length);
        System.arraycopy(noise, 0, all, text.length, noise.length);
        return all;
    }

    @ParameterizedTest
    @EnumSource(value = CompressionCodecName.class, names = {"UNCOMPRESSED", "SNAPPY", "ZSTD", "GZIP"})
    void whatIsCompressedDecompressesToTheSameBytes(CompressionCodecName codec) throws Exception {
        Codecs codecs = new Codecs();
        byte[] data = sample();
        byte[] compressed = codecs.getCompressor(codec).compress(BytesInput.from(data)).toByteArray();
        if (codec != CompressionCodecName.UNCOMPRESSED) {
            assertTrue(compressed.length < data.length, codec + " made " + compressed.length + " bytes of " + data.length);
        }
        byte[] back = codecs.getDecompressor(codec).decompress(BytesInput.from(compressed), data.length).toByteArray();
        assertArrayEquals(data, back);
        assertEquals(codec, codecs.getCompressor(codec).getCodecName());
    }

    @Test
    void onlyTheCodecsWithAPureJavaDecoderAreReadable() {
        assertTrue(Codecs.canRead(CompressionCodecName.LZ4_RAW));
        assertFalse(Codecs.canRead(CompressionCodecName.LZO));
        assertFalse(Codecs.canRead(CompressionCodecName.BROTLI));
        assertFalse(Codecs.canRead(CompressionCodecName.LZ4));
    }
}
