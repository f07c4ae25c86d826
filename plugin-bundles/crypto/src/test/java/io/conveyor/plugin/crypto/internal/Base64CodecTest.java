package io.conveyor.plugin.crypto.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;

import org.junit.jupiter.api.Test;

class Base64CodecTest {

    private static int decode(String text) {
        byte[] src = text.getBytes(StandardCharsets.US_ASCII);
        return Base64Codec.decode(src, src.length, new byte[src.length]);
    }

    @Test
    void encodingAndDecodingAgreeWithTheJdkForEveryLengthAndOffset() {
        Random random = new Random(42);
        for (int length = 0; length < 100; length++) {
            byte[] data = new byte[length + 3];
            random.nextBytes(data);
            byte[] text = new byte[Base64Codec.encodedLength(length)];
            int written = Base64Codec.encode(data, 3, length, text);
            String expected = Base64.getEncoder().encodeToString(Arrays.copyOfRange(data, 3, 3 + length));
            assertEquals(expected, new String(text, 0, written, StandardCharsets.US_ASCII));

            byte[] decoded = new byte[Base64Codec.maxDecodedLength(written)];
            int read = Base64Codec.decode(text, written, decoded);
            assertArrayEquals(Arrays.copyOfRange(data, 3, 3 + length), Arrays.copyOf(decoded, read));
        }
    }

    @Test
    void decodingIsStrictAboutPaddingAlphabetAndUnusedBits() {
        assertEquals(2, decode("AAA="));
        assertEquals(1, decode("AA=="));
        assertEquals(-1, decode("AAA"), "padding is required");
        assertEquals(-1, decode("AA"), "padding is required");
        assertEquals(-1, decode("A==="));
        assertEquals(-1, decode("===="));
        assertEquals(-1, decode("AA==AAAA"), "padding only at the end");
        assertEquals(-1, decode("AB=="), "unused bits must be zero");
        assertEquals(-1, decode("AAB="), "unused bits must be zero");
        assertEquals(-1, decode("AA-_"), "not the URL-safe alphabet");
        assertEquals(-1, decode("AAAA\nAAAA"));
        assertEquals(-1, decode("AAAA AAA"));
        assertEquals(0, decode(""));
    }
}
