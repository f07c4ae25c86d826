package io.conveyor.plugin.stream.internal.aggregate;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.apache.arrow.memory.util.ArrowBufPointer;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.ElementAddressableVector;
import org.apache.arrow.vector.FieldVector;

/**
 * Numbers the groups of one batch by their key columns, in order of first appearance, and maps
 * every row to its group. Nulls are a key value like any other: rows with a null key form a
 * group of their own.
 *
 * <p>Keys are never boxed: rows are hashed column by column with Arrow's own cell hashes, and a
 * row is compared with its group's first row cell by cell, on the vectors' bytes (an open
 * addressing table of group numbers, at most half full). Equal keys thus have equal bytes: a
 * float 0.0 and -0.0 are two groups.
 */
final class Groups {

    private final int[] groupOfRow;
    private int[] firstRows = new int[16];
    private int count;

    private Groups(int rows) {
        this.groupOfRow = new int[rows];
    }

    /** One group holding every row (no key columns): the result of an empty batch is one row too. */
    static Groups all(int rows) {
        Groups groups = new Groups(rows);
        groups.addGroup(0);
        return groups;
    }

    static Groups of(List<FieldVector> keys, int rows) {
        Groups groups = new Groups(rows);
        int[] hashes = new int[rows];
        for (FieldVector key : keys) {
            for (int r = 0; r < rows; r++) {
                hashes[r] = 31 * hashes[r] + key.hashCode(r);
            }
        }
        int mask = Integer.highestOneBit(Math.max(8, rows) * 2 - 1) * 2 - 1;
        int[] slots = new int[mask + 1];
        Arrays.fill(slots, -1);
        KeyCells cells = new KeyCells(keys);
        for (int r = 0; r < rows; r++) {
            int slot = mix(hashes[r]) & mask;
            while (true) {
                int group = slots[slot];
                if (group < 0) {
                    slots[slot] = groups.count;
                    groups.groupOfRow[r] = groups.count;
                    groups.addGroup(r);
                    break;
                }
                int first = groups.firstRows[group];
                if (hashes[first] == hashes[r] && cells.sameKey(first, r)) {
                    groups.groupOfRow[r] = group;
                    break;
                }
                slot = (slot + 1) & mask;
            }
        }
        return groups;
    }

    private static int mix(int hash) {
        int h = hash * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    private void addGroup(int firstRow) {
        if (count == firstRows.length) {
            firstRows = Arrays.copyOf(firstRows, count * 2);
        }
        firstRows[count++] = firstRow;
    }

    int count() {
        return count;
    }

    int groupOf(int row) {
        return groupOfRow[row];
    }

    /** The first row of each group, for copying its key values. */
    int firstRow(int group) {
        return firstRows[group];
    }

    /** Compares the key cells of two rows. */
    private static final class KeyCells {
        private final List<FieldVector> keys;
        private final ArrowBufPointer left = new ArrowBufPointer();
        private final ArrowBufPointer right = new ArrowBufPointer();

        KeyCells(List<FieldVector> keys) {
            this.keys = keys;
        }

        boolean sameKey(int a, int b) {
            for (FieldVector key : keys) {
                if (!sameCell(key, a, b)) {
                    return false;
                }
            }
            return true;
        }

        private boolean sameCell(FieldVector vector, int a, int b) {
            boolean nullA = vector.isNull(a);
            if (nullA != vector.isNull(b)) {
                return false;
            }
            if (nullA) {
                return true;
            }
            if (vector instanceof BitVector bits) {
                return bits.get(a) == bits.get(b);
            }
            if (vector instanceof ElementAddressableVector cells) {
                return cells.getDataPointer(a, left).equals(cells.getDataPointer(b, right));
            }
            return Objects.equals(vector.getObject(a), vector.getObject(b));
        }
    }
}
