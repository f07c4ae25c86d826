package io.conveyor.plugin.aggregate.internal.hash;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Hash functions for the key tables: a 64-bit finaliser for numbers, a word-at-a-time hash for bytes. */
final class Hashing {

    static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private static final long M1 = 0xff51afd7ed558ccdL;
    private static final long M2 = 0xc4ceb9fe1a85ec53L;

    private Hashing() {
    }

    /** MurmurHash3's 64-bit finaliser: every input bit affects every output bit. */
    static int hashLong(long key) {
        long h = key;
        h ^= h >>> 33;
        h *= M1;
        h ^= h >>> 33;
        h *= M2;
        h ^= h >>> 33;
        return (int) h;
    }

    /**
     * A hash of {@code bytes[from, to)}, read 8 bytes at a time. The array must have {@link #SLACK}
     * readable bytes after {@code to}: the last word is read whole and masked.
     */
    static int hashBytes(byte[] bytes, int from, int to) {
        long h = 0x9E3779B97F4A7C15L ^ (to - from);
        int i = from;
        for (; i + 8 <= to; i += 8) {
            h = Long.rotateLeft((h ^ (long) LONGS.get(bytes, i)) * M1, 31);
        }
        if (i < to) {
            h ^= (long) LONGS.get(bytes, i) & tailMask(to - i);
        }
        return hashLong(h);
    }

    /** Bytes every key array keeps readable past its last key, for the whole-word reads. */
    static final int SLACK = 8;

    private static long tailMask(int bytes) {
        return -1L >>> ((8 - bytes) << 3);
    }

    /**
     * Whether {@code a[aFrom, aFrom + length)} equals {@code b[bFrom, bFrom + length)}, compared a
     * word at a time (faster than {@link java.util.Arrays#equals} for the short ranges keys are).
     * Both arrays must have {@link #SLACK} readable bytes after the range.
     */
    static boolean sameBytes(byte[] a, int aFrom, byte[] b, int bFrom, int length) {
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            if ((long) LONGS.get(a, aFrom + i) != (long) LONGS.get(b, bFrom + i)) {
                return false;
            }
        }
        return i == length
                || (((long) LONGS.get(a, aFrom + i) ^ (long) LONGS.get(b, bFrom + i)) & tailMask(length - i)) == 0;
    }
}
