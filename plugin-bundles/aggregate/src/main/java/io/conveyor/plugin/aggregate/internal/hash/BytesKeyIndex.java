package io.conveyor.plugin.aggregate.internal.hash;

import java.util.Arrays;

import org.apache.arrow.vector.FieldVector;

/**
 * Keys as byte strings ({@link ByteKeys}): one text or binary column, several columns, or a
 * fixed-width column wider than 8 bytes. Distinct keys are appended to one byte arena; the table
 * keeps each slot's hash so that most probes compare no bytes at all.
 */
final class BytesKeyIndex extends KeyIndex {

    private final boolean singleColumn;
    private final ByteKeys batch = new ByteKeys();

    private int[] slotIds; // id + 1; 0 marks an empty slot
    private int[] slotHashes;
    private int mask;

    private byte[] arena = new byte[4096];
    private int arenaSize;
    private int[] idStarts = new int[17]; // key id's bytes are arena[idStarts[id], idStarts[id + 1])
    private int[] idHashes = new int[16];
    private int size;
    private int nullId = -1;

    BytesKeyIndex(boolean singleColumn) {
        this.singleColumn = singleColumn;
        int capacity = capacityFor(0);
        slotIds = new int[capacity];
        slotHashes = new int[capacity];
        mask = capacity - 1;
    }

    @Override
    public void prepare(FieldVector[] columns, int rows) {
        if (singleColumn && !(columns[0] instanceof org.apache.arrow.vector.BaseFixedWidthVector)) {
            batch.encodeSingle(columns[0], rows);
        } else {
            batch.encodeColumns(columns, rows);
        }
    }

    /** Whether the row's key stands apart from the table: a null single-column key. */
    private boolean isNullSingle(int row) {
        return singleColumn && batch.anyNull && batch.nulls[row];
    }

    @Override
    public void insert(int rows, int[] ids, boolean nullsAreKeys) {
        byte[] data = batch.data;
        int[] starts = batch.starts;
        for (int r = 0; r < rows; r++) {
            if (batch.anyNull && batch.nulls[r]) {
                if (!nullsAreKeys) {
                    ids[r] = -1;
                    continue;
                }
                if (isNullSingle(r)) {
                    if (nullId < 0) {
                        nullId = newId(data, 0, 0, 0);
                    }
                    ids[r] = nullId;
                    continue;
                }
            }
            int from = starts[r];
            int to = starts[r + 1];
            int hash = Hashing.hashBytes(data, from, to);
            int slot = hash & mask;
            while (true) {
                int stored = slotIds[slot];
                if (stored == 0) {
                    int id = newId(data, from, to, hash);
                    slotIds[slot] = id + 1;
                    slotHashes[slot] = hash;
                    ids[r] = id;
                    if (size * 2 > slotIds.length) {
                        grow();
                    }
                    break;
                }
                if (slotHashes[slot] == hash && sameBytes(stored - 1, data, from, to)) {
                    ids[r] = stored - 1;
                    break;
                }
                slot = (slot + 1) & mask;
            }
        }
    }

    @Override
    public void lookup(int rows, int[] ids) {
        byte[] data = batch.data;
        int[] starts = batch.starts;
        for (int r = 0; r < rows; r++) {
            if (batch.anyNull && batch.nulls[r]) {
                ids[r] = -1;
                continue;
            }
            int from = starts[r];
            int to = starts[r + 1];
            int hash = Hashing.hashBytes(data, from, to);
            int slot = hash & mask;
            while (true) {
                int stored = slotIds[slot];
                if (stored == 0) {
                    ids[r] = -1;
                    break;
                }
                if (slotHashes[slot] == hash && sameBytes(stored - 1, data, from, to)) {
                    ids[r] = stored - 1;
                    break;
                }
                slot = (slot + 1) & mask;
            }
        }
    }

    private boolean sameBytes(int id, byte[] data, int from, int to) {
        int start = idStarts[id];
        int length = to - from;
        return idStarts[id + 1] - start == length && Hashing.sameBytes(arena, start, data, from, length);
    }

    private int newId(byte[] data, int from, int to, int hash) {
        int length = to - from;
        long needed = arenaSize + (long) length + Hashing.SLACK;
        if (needed > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("the distinct keys take more than 2 GB");
        }
        if (needed > arena.length) {
            arena = Arrays.copyOf(arena, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(needed, (long) arena.length * 2)));
        }
        System.arraycopy(data, from, arena, arenaSize, length);
        if (size + 1 == idHashes.length) {
            idHashes = Arrays.copyOf(idHashes, idHashes.length * 2);
            idStarts = Arrays.copyOf(idStarts, idHashes.length + 1);
        }
        idStarts[size] = arenaSize;
        arenaSize += length;
        idStarts[size + 1] = arenaSize;
        idHashes[size] = hash;
        return size++;
    }

    private void grow() {
        int capacity = slotIds.length * 2;
        slotIds = new int[capacity];
        slotHashes = new int[capacity];
        mask = capacity - 1;
        for (int id = 0; id < size; id++) {
            if (id == nullId) {
                continue;
            }
            int slot = idHashes[id] & mask;
            while (slotIds[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slotIds[slot] = id + 1;
            slotHashes[slot] = idHashes[id];
        }
    }

    @Override
    public int size() {
        return size;
    }
}
