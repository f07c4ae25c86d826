package io.conveyor.plugin.fields.internal.validate;

import java.util.Arrays;

/**
 * The row where each byte string (a text or binary cell) was first seen: an open-addressing
 * table that copies a key only when it is new, so looking up a seen value allocates nothing.
 * Rows count from 1 (0 marks a free slot).
 */
final class BytesFirstRows {

    private byte[][] keys = new byte[16][];
    private int[] hashes = new int[16];
    private long[] rows = new long[16];
    private int size;

    /** Records {@code row} for {@code key[0..length)} unless it was seen; returns the earlier row, or 0. */
    long putIfAbsent(byte[] key, int length, long row) {
        int hash = hash(key, length);
        int mask = keys.length - 1;
        int i = hash & mask;
        while (rows[i] != 0) {
            if (hashes[i] == hash && Arrays.equals(keys[i], 0, keys[i].length, key, 0, length)) {
                return rows[i];
            }
            i = (i + 1) & mask;
        }
        keys[i] = Arrays.copyOf(key, length);
        hashes[i] = hash;
        rows[i] = row;
        if (++size * 2 > keys.length) {
            grow();
        }
        return 0;
    }

    private static int hash(byte[] key, int length) {
        int h = 1;
        for (int i = 0; i < length; i++) {
            h = 31 * h + key[i];
        }
        return h ^ (h >>> 16) ^ (h >>> 7);
    }

    private void grow() {
        byte[][] oldKeys = keys;
        int[] oldHashes = hashes;
        long[] oldRows = rows;
        keys = new byte[oldKeys.length * 2][];
        hashes = new int[oldKeys.length * 2];
        rows = new long[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldRows[j] != 0) {
                int i = oldHashes[j] & mask;
                while (rows[i] != 0) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                hashes[i] = oldHashes[j];
                rows[i] = oldRows[j];
            }
        }
    }
}
