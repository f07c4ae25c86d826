package io.conveyor.plugin.reshape.internal.sort;

/**
 * A stable sort of row indices by a comparator over rows, without boxing: a bottom-up merge sort
 * on {@code int[]} with insertion-sorted runs. Merges whose halves are already in order are
 * skipped, so sorted or nearly sorted input costs little more than one pass.
 */
final class IndexSort {

    /** Compares two rows by their indices; equal rows keep their input order. */
    interface RowComparator {
        int compare(int a, int b);
    }

    private static final int RUN = 32;

    private IndexSort() {
    }

    /** The indices {@code 0..rows-1} in sorted order. */
    static int[] sort(int rows, RowComparator comparator) {
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        if (isSorted(order, comparator)) {
            return order;
        }
        for (int from = 0; from < rows; from += RUN) {
            insertionSort(order, from, Math.min(from + RUN, rows), comparator);
        }
        int[] from = order;
        int[] to = new int[rows];
        for (int width = RUN; width < rows; width *= 2) {
            for (int lo = 0; lo < rows; lo += 2 * width) {
                int mid = Math.min(lo + width, rows);
                int hi = Math.min(lo + 2 * width, rows);
                merge(from, to, lo, mid, hi, comparator);
            }
            int[] swap = from;
            from = to;
            to = swap;
        }
        return from;
    }

    /** Whether every row is in order already; checking first makes sorted input cost one pass. */
    private static boolean isSorted(int[] order, RowComparator comparator) {
        for (int i = 1; i < order.length; i++) {
            if (comparator.compare(order[i - 1], order[i]) > 0) {
                return false;
            }
        }
        return true;
    }

    private static void insertionSort(int[] a, int from, int to, RowComparator comparator) {
        for (int i = from + 1; i < to; i++) {
            int row = a[i];
            int j = i - 1;
            while (j >= from && comparator.compare(a[j], row) > 0) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = row;
        }
    }

    private static void merge(int[] from, int[] to, int lo, int mid, int hi, RowComparator comparator) {
        if (mid >= hi || comparator.compare(from[mid - 1], from[mid]) <= 0) {
            System.arraycopy(from, lo, to, lo, hi - lo);
            return;
        }
        int i = lo;
        int j = mid;
        for (int k = lo; k < hi; k++) {
            // ties take the left run first: that is what makes the sort stable
            if (j >= hi || (i < mid && comparator.compare(from[i], from[j]) <= 0)) {
                to[k] = from[i++];
            } else {
                to[k] = from[j++];
            }
        }
    }
}
