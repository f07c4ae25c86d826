package io.conveyor.plugin.fields.internal.validate;

/**
 * The row where each 64-bit key was first seen: an open-addressing table of primitive arrays,
 * about 32 to 64 bytes per key, no object per key. Rows count from 1 (0 marks a free slot).
 */
final class LongFirstRows {

    private long[] keys = new long[16];
    private long[] rows = new long[16];
    private int size;

    /** Records {@code row} for {@code key} unless the key was seen; returns the earlier row, or 0. */
    long putIfAbsent(long key, long row) {
        int mask = keys.length - 1;
        int i = slot(key, mask);
        while (rows[i] != 0) {
            if (keys[i] == key) {
                return rows[i];
            }
            i = (i + 1) & mask;
        }
        keys[i] = key;
        rows[i] = row;
        if (++size * 2 > keys.length) {
            grow();
        }
        return 0;
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldRows = rows;
        keys = new long[oldKeys.length * 2];
        rows = new long[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldRows[j] != 0) {
                int i = slot(oldKeys[j], mask);
                while (rows[i] != 0) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                rows[i] = oldRows[j];
            }
        }
    }
}
