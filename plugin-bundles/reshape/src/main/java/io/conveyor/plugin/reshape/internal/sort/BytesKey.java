package io.conveyor.plugin.reshape.internal.sort;

import org.apache.arrow.memory.ArrowBuf;

/**
 * Strings and binary values, compared byte by byte as unsigned (for UTF-8 that is code point
 * order), shorter first on a common prefix. Eight bytes of each value are kept as one big-endian
 * {@code long}, so most comparisons never touch the Arrow buffers; only values that share those
 * bytes are read further, eight bytes at a time. The eight are taken after the bytes every value
 * of the column starts with ({@code customer-} in {@code customer-1042}), which cannot tell
 * values apart.
 */
final class BytesKey extends SortKey {

    private static final int PREFIX = Long.BYTES;

    private final int skip;
    private final long[] prefixes;
    private final int[] lengths;
    private final long[] starts;
    private final int[] batchOf;
    private final ArrowBuf[] data;

    /**
     * @param skip     how many leading bytes every value shares; {@code prefixes} are the eight after them
     * @param starts   where each row's value starts in its batch's data buffer
     * @param batchOf  the batch each row is in, indexing {@code data}
     */
    BytesKey(int skip, long[] prefixes, int[] lengths, long[] starts, int[] batchOf, ArrowBuf[] data,
            boolean[] nulls, boolean descending, boolean nullsLast) {
        super(nulls, descending, nullsLast);
        this.skip = skip;
        this.prefixes = prefixes;
        this.lengths = lengths;
        this.starts = starts;
        this.batchOf = batchOf;
        this.data = data;
    }

    /** The first eight bytes of a value, big-endian, zero-padded. */
    static long prefix(ArrowBuf buffer, long start, int length) {
        if (length >= PREFIX) {
            return Long.reverseBytes(buffer.getLong(start));
        }
        long prefix = 0;
        for (int i = 0; i < PREFIX; i++) {
            prefix = (prefix << 8) | (i < length ? buffer.getByte(start + i) & 0xFF : 0);
        }
        return prefix;
    }

    @Override
    public int compare(int a, int b) {
        int n = compareNulls(a, b);
        if (n != BOTH_SET) {
            return n;
        }
        int c = Long.compareUnsigned(prefixes[a], prefixes[b]);
        if (c == 0) {
            c = compareAfterPrefix(a, b);
        }
        return descending ? -c : c;
    }

    /**
     * Two values whose padded prefixes are equal. When one ends within the prefix they agree on
     * every byte both have, so the shorter is smaller; otherwise the bytes after the prefix decide.
     */
    private int compareAfterPrefix(int a, int b) {
        int lengthA = lengths[a];
        int lengthB = lengths[b];
        int common = Math.min(lengthA, lengthB);
        if (common > skip + PREFIX) {
            ArrowBuf bufferA = data[batchOf[a]];
            ArrowBuf bufferB = data[batchOf[b]];
            long startA = starts[a];
            long startB = starts[b];
            int i = skip + PREFIX;
            for (; i + Long.BYTES <= common; i += Long.BYTES) {
                long x = bufferA.getLong(startA + i);
                long y = bufferB.getLong(startB + i);
                if (x != y) {
                    return Long.compareUnsigned(Long.reverseBytes(x), Long.reverseBytes(y));
                }
            }
            for (; i < common; i++) {
                int x = bufferA.getByte(startA + i) & 0xFF;
                int y = bufferB.getByte(startB + i) & 0xFF;
                if (x != y) {
                    return x < y ? -1 : 1;
                }
            }
        }
        return Integer.compare(lengthA, lengthB);
    }
}
