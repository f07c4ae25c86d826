package io.conveyor.plugin.expression.internal.eval;

/** Character-level work on UTF-8 bytes in place: counting, stepping and case mapping by code point. */
final class Utf8 {

    private Utf8() {
    }

    /** The index after the code point that starts at {@code i} (a malformed byte counts as one). */
    static int next(byte[] bytes, int i, int end) {
        int lead = bytes[i] & 0xFF;
        int length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        return Math.min(i + length, end);
    }

    /** The number of code points in {@code bytes[start, end)}. */
    static int length(byte[] bytes, int start, int end) {
        int count = 0;
        for (int i = start; i < end; i++) {
            if ((bytes[i] & 0xC0) != 0x80) {
                count++;
            }
        }
        return count;
    }

    /** The byte index of code point {@code n} (0-based) from {@code start}, or {@code end} when there are fewer. */
    static int skip(byte[] bytes, int start, int end, long n) {
        int i = start;
        for (long k = 0; k < n && i < end; k++) {
            i = next(bytes, i, end);
        }
        return i;
    }

    static boolean isAscii(byte[] bytes, int start, int end) {
        for (int i = start; i < end; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /** Appends {@code bytes[start, end)} case-mapped to {@code out} at {@code position}; returns the new end. */
    static int appendCased(byte[] bytes, int start, int end, boolean upper, Vec out, int position) {
        // a code point's case mapping takes at most 3 UTF-8 bytes per byte (in the worst case, U+0250 range)
        out.reserveBytes(position, (end - start) * 3);
        byte[] to = out.bytes;
        int p = position;
        int i = start;
        while (i < end) {
            int b = bytes[i];
            if (b >= 0) {
                to[p++] = (byte) (upper ? (b >= 'a' && b <= 'z' ? b - 32 : b) : (b >= 'A' && b <= 'Z' ? b + 32 : b));
                i++;
                continue;
            }
            int j = next(bytes, i, end);
            int codePoint = decode(bytes, i, j);
            int mapped = codePoint < 0 ? codePoint
                    : upper ? Character.toUpperCase(codePoint) : Character.toLowerCase(codePoint);
            if (mapped < 0) {
                for (int k = i; k < j; k++) {
                    to[p++] = bytes[k];
                }
            } else {
                p = encode(mapped, to, p);
            }
            i = j;
        }
        return p;
    }

    /** The code point of the bytes {@code [i, j)}, or -1 when malformed. */
    static int decode(byte[] bytes, int i, int j) {
        int lead = bytes[i] & 0xFF;
        int length = j - i;
        if (length == 2 && lead >= 0xC0) {
            return (lead & 0x1F) << 6 | (bytes[i + 1] & 0x3F);
        }
        if (length == 3 && lead >= 0xE0) {
            return (lead & 0x0F) << 12 | (bytes[i + 1] & 0x3F) << 6 | (bytes[i + 2] & 0x3F);
        }
        if (length == 4 && lead >= 0xF0) {
            return (lead & 0x07) << 18 | (bytes[i + 1] & 0x3F) << 12 | (bytes[i + 2] & 0x3F) << 6 | (bytes[i + 3] & 0x3F);
        }
        return -1;
    }

    static int encode(int codePoint, byte[] to, int p) {
        if (codePoint < 0x80) {
            to[p++] = (byte) codePoint;
        } else if (codePoint < 0x800) {
            to[p++] = (byte) (0xC0 | codePoint >> 6);
            to[p++] = (byte) (0x80 | codePoint & 0x3F);
        } else if (codePoint < 0x10000) {
            to[p++] = (byte) (0xE0 | codePoint >> 12);
            to[p++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
            to[p++] = (byte) (0x80 | codePoint & 0x3F);
        } else {
            to[p++] = (byte) (0xF0 | codePoint >> 18);
            to[p++] = (byte) (0x80 | codePoint >> 12 & 0x3F);
            to[p++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
            to[p++] = (byte) (0x80 | codePoint & 0x3F);
        }
        return p;
    }

    /** Whether {@code needle} occurs in {@code bytes[start, end)}. */
    static boolean contains(byte[] bytes, int start, int end, byte[] needle, int nStart, int nEnd) {
        return indexOf(bytes, start, end, needle, nStart, nEnd) >= 0;
    }

    /** The first index of {@code needle} in {@code bytes[start, end)}, or -1. */
    static int indexOf(byte[] bytes, int start, int end, byte[] needle, int nStart, int nEnd) {
        int length = nEnd - nStart;
        if (length == 0) {
            return start;
        }
        byte first = needle[nStart];
        int last = end - length;
        outer:
        for (int i = start; i <= last; i++) {
            if (bytes[i] != first) {
                continue;
            }
            for (int k = 1; k < length; k++) {
                if (bytes[i + k] != needle[nStart + k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == 0x0B;
    }
}
