package io.conveyor.plugin.crypto.internal;

import java.util.Arrays;

/**
 * Standard base64 (RFC 4648 alphabet, {@code =} padding) over array ranges, without allocating.
 * Decoding is as strict as the original tool's (Rust {@code base64::STANDARD}): the padding is
 * required, and characters outside the alphabet, line breaks, and unused bits that are not zero
 * make the text invalid. {@link java.util.Base64} would accept text without padding and has no
 * range API.
 */
final class Base64Codec {

    private static final byte[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".getBytes(
                    java.nio.charset.StandardCharsets.US_ASCII);
    private static final int[] VALUES = new int[256];

    static {
        Arrays.fill(VALUES, -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            VALUES[ALPHABET[i]] = i;
        }
    }

    private Base64Codec() {
    }

    /** The length of the text encoding {@code bytes} bytes. */
    static int encodedLength(int bytes) {
        return (bytes + 2) / 3 * 4;
    }

    /** The most bytes text of {@code chars} characters can decode to. */
    static int maxDecodedLength(int chars) {
        return chars / 4 * 3;
    }

    /** Encodes {@code src[from..from+length)} into {@code dst} from index 0; returns the text length. */
    static int encode(byte[] src, int from, int length, byte[] dst) {
        int d = 0;
        int end = from + length;
        int i = from;
        for (; i + 3 <= end; i += 3) {
            int bits = (src[i] & 0xff) << 16 | (src[i + 1] & 0xff) << 8 | (src[i + 2] & 0xff);
            dst[d++] = ALPHABET[bits >>> 18];
            dst[d++] = ALPHABET[bits >>> 12 & 0x3f];
            dst[d++] = ALPHABET[bits >>> 6 & 0x3f];
            dst[d++] = ALPHABET[bits & 0x3f];
        }
        int left = end - i;
        if (left > 0) {
            int bits = (src[i] & 0xff) << 16 | (left == 2 ? (src[i + 1] & 0xff) << 8 : 0);
            dst[d++] = ALPHABET[bits >>> 18];
            dst[d++] = ALPHABET[bits >>> 12 & 0x3f];
            dst[d++] = left == 2 ? ALPHABET[bits >>> 6 & 0x3f] : (byte) '=';
            dst[d++] = '=';
        }
        return d;
    }

    /**
     * Decodes the text {@code src[0..length)} into {@code dst} from index 0.
     *
     * @return the number of bytes, or -1 when the text is not canonical padded base64
     */
    static int decode(byte[] src, int length, byte[] dst) {
        if (length % 4 != 0) {
            return -1;
        }
        int d = 0;
        for (int i = 0; i < length; i += 4) {
            boolean last = i + 4 == length;
            int padding = last ? padding(src, i) : 0;
            int bits = 0;
            for (int k = 0; k < 4 - padding; k++) {
                int value = VALUES[src[i + k] & 0xff];
                if (value < 0) {
                    return -1;
                }
                bits |= value << (18 - 6 * k);
            }
            if (padding == 2 && (bits & 0xffff) != 0 || padding == 1 && (bits & 0xff) != 0) {
                return -1; // bits beyond the last byte must be zero
            }
            dst[d++] = (byte) (bits >>> 16);
            if (padding < 2) {
                dst[d++] = (byte) (bits >>> 8);
            }
            if (padding < 1) {
                dst[d++] = (byte) bits;
            }
        }
        return d;
    }

    /** How many {@code =} end the last quantum at {@code at}: 0, 1 or 2 (3 or 4 are invalid: none then). */
    private static int padding(byte[] src, int at) {
        if (src[at + 3] != '=') {
            return 0;
        }
        return src[at + 2] == '=' ? 2 : 1;
    }
}
