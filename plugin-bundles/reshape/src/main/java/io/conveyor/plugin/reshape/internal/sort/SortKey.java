package io.conveyor.plugin.reshape.internal.sort;

/**
 * One column of a sort, with its values laid out in primitive arrays indexed by row number
 * (see {@link HeldBatches}), so that comparing two rows reads two array slots and nothing is
 * boxed. Nulls sort first or last whatever the direction, as in the original tool.
 */
abstract class SortKey implements IndexSort.RowComparator {

    /** Returned by {@link #compareNulls} when neither row is null. */
    static final int BOTH_SET = 2;

    /** Which rows are null, or {@code null} when none is. */
    private final boolean[] nulls;
    private final int nullFirst;
    final boolean descending;

    SortKey(boolean[] nulls, boolean descending, boolean nullsLast) {
        this.nulls = nulls;
        this.descending = descending;
        this.nullFirst = nullsLast ? 1 : -1;
    }

    /** -1, 0 or 1 when a row is null, or {@link #BOTH_SET}. */
    final int compareNulls(int a, int b) {
        if (nulls == null) {
            return BOTH_SET;
        }
        boolean nullA = nulls[a];
        boolean nullB = nulls[b];
        if (!nullA && !nullB) {
            return BOTH_SET;
        }
        return nullA == nullB ? 0 : nullA ? nullFirst : -nullFirst;
    }

    /** Keys of several columns: the first that tells two rows apart decides. */
    static IndexSort.RowComparator chain(SortKey[] keys) {
        if (keys.length == 1) {
            return keys[0];
        }
        return (a, b) -> {
            for (SortKey key : keys) {
                int c = key.compare(a, b);
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        };
    }

    /** Integers, dates, times, timestamps and durations, compared as signed 64-bit values. */
    static final class Longs extends SortKey {
        private final long[] values;

        Longs(long[] values, boolean[] nulls, boolean descending, boolean nullsLast) {
            super(nulls, descending, nullsLast);
            this.values = values;
        }

        @Override
        public int compare(int a, int b) {
            int n = compareNulls(a, b);
            if (n != BOTH_SET) {
                return n;
            }
            int c = Long.compare(values[a], values[b]);
            return descending ? -c : c;
        }
    }

    /** Floats: NaN sorts above every number, {@code -0.0} equals {@code 0.0}. */
    static final class Doubles extends SortKey {
        private final double[] values;

        Doubles(double[] values, boolean[] nulls, boolean descending, boolean nullsLast) {
            super(nulls, descending, nullsLast);
            this.values = values;
        }

        @Override
        public int compare(int a, int b) {
            int n = compareNulls(a, b);
            if (n != BOTH_SET) {
                return n;
            }
            int c = Double.compare(values[a], values[b]);
            return descending ? -c : c;
        }
    }

    /** Booleans: false before true. */
    static final class Booleans extends SortKey {
        private final byte[] values;

        Booleans(byte[] values, boolean[] nulls, boolean descending, boolean nullsLast) {
            super(nulls, descending, nullsLast);
            this.values = values;
        }

        @Override
        public int compare(int a, int b) {
            int n = compareNulls(a, b);
            if (n != BOTH_SET) {
                return n;
            }
            int c = Byte.compare(values[a], values[b]);
            return descending ? -c : c;
        }
    }
}
