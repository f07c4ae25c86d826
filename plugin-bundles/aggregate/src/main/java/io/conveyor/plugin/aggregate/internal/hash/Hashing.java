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

    static int hashBytes(byte[] bytes, int from, int to) {
        long h = 0x9E3779B97F4A7C15L ^ (to - from);
        int i = from;
        for (; i + 8 <= to; i += 8) {
            h = Long.rotateLeft((h ^ (long) LONGS.get(bytes, i)) * M1, 31);
        }
        long tail = 0;
        for (int shift = 0; i < to; i++, shift += 8) {
            tail |= (bytes[i] & 0xFFL) << shift;
        }
        return hashLong(h ^ tail);
    }
}
