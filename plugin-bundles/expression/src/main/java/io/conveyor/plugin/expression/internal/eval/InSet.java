package io.conveyor.plugin.expression.internal.eval;

import java.util.Arrays;

import io.conveyor.plugin.expression.internal.lang.Type;

/**
 * {@code x [not] in (constants...)}: membership in a set built once. Longs (ints, dates,
 * timestamps) and doubles are searched in a sorted array, strings compared as bytes: a few by
 * length and content, more through an open-addressing hash table of the byte keys. As in SQL,
 * a value not found is null rather than false when the list holds a null, and a null value is null.
 */
final class InSet extends Kernel {

    private static final int LINEAR_LIMIT = 8;

    private final Kernel value;
    private final boolean negated;
    private final boolean listHasNull;
    private final long[] longs;
    private final double[] doubles;
    private final boolean[] boolsPresent;
    private final byte[][] strings;
    private final byte[][] table;
    private final int mask;

    private InSet(Kernel value, boolean negated, boolean listHasNull, long[] longs, double[] doubles,
            boolean[] boolsPresent, byte[][] strings, int at) {
        super(Type.BOOL, at);
        this.value = value;
        this.negated = negated;
        this.listHasNull = listHasNull;
        this.longs = longs;
        this.doubles = doubles;
        this.boolsPresent = boolsPresent;
        this.strings = strings;
        if (strings != null && strings.length > LINEAR_LIMIT) {
            int size = Integer.highestOneBit(strings.length * 4 - 1) << 1;
            table = new byte[size][];
            mask = size - 1;
            for (byte[] s : strings) {
                int slot = hash(s, 0, s.length) & mask;
                while (table[slot] != null && !Arrays.equals(table[slot], s)) {
                    slot = (slot + 1) & mask;
                }
                table[slot] = s;
            }
        } else {
            table = null;
            mask = 0;
        }
    }

    static InSet ofLongs(Kernel value, long[] set, boolean negated, boolean listHasNull, int at) {
        long[] sorted = set.clone();
        Arrays.sort(sorted);
        return new InSet(value, negated, listHasNull, sorted, null, null, null, at);
    }

    static InSet ofDoubles(Kernel value, double[] set, boolean negated, boolean listHasNull, int at) {
        double[] sorted = Arrays.stream(set).filter(d -> !Double.isNaN(d)).sorted().toArray();
        return new InSet(value, negated, listHasNull, null, sorted, null, null, at);
    }

    static InSet ofBools(Kernel value, boolean[] present, boolean negated, boolean listHasNull, int at) {
        return new InSet(value, negated, listHasNull, null, null, present, null, at);
    }

    static InSet ofStrings(Kernel value, byte[][] set, boolean negated, boolean listHasNull, int at) {
        return new InSet(value, negated, listHasNull, null, null, null, set, at);
    }

    @Override
    void compute(Frame frame, Vec out) throws EvalException {
        Vec a = value.eval(frame);
        int n = out.rows;
        boolean[] r = out.bools;
        if (longs != null) {
            long[] x = a.longs;
            for (int i = 0; i < n; i++) {
                r[i] = contains(x[i]);
            }
        } else if (doubles != null) {
            double[] x = a.doubles;
            for (int i = 0; i < n; i++) {
                r[i] = Arrays.binarySearch(doubles, x[i]) >= 0 || (x[i] == 0 && containsZero());
            }
        } else if (boolsPresent != null) {
            boolean[] x = a.bools;
            for (int i = 0; i < n; i++) {
                r[i] = boolsPresent[x[i] ? 1 : 0];
            }
        } else if (table == null) {
            for (int i = 0; i < n; i++) {
                r[i] = containsLinear(a.bytes, a.stringStart(i), a.stringEnd(i));
            }
        } else {
            for (int i = 0; i < n; i++) {
                r[i] = containsHashed(a.bytes, a.stringStart(i), a.stringEnd(i));
            }
        }
        finish(a, out);
    }

    /** Applies null semantics and negation to the raw "found" flags. */
    private void finish(Vec a, Vec out) {
        int n = out.rows;
        boolean[] r = out.bools;
        out.nullsFrom(a, null);
        if (listHasNull) {
            out.trackNulls();
            for (int i = 0; i < n; i++) {
                if (!r[i]) {
                    out.nulls[i] = true;
                }
            }
        }
        if (negated) {
            for (int i = 0; i < n; i++) {
                r[i] = !r[i];
            }
        }
    }

    private boolean contains(long v) {
        long[] set = longs;
        if (set.length <= LINEAR_LIMIT) {
            for (long k : set) {
                if (k == v) {
                    return true;
                }
            }
            return false;
        }
        return Arrays.binarySearch(set, v) >= 0;
    }

    /** -0.0 and 0.0 are equal, but sort apart. */
    private boolean containsZero() {
        return Arrays.binarySearch(doubles, 0.0) >= 0 || Arrays.binarySearch(doubles, -0.0) >= 0;
    }

    private boolean containsLinear(byte[] bytes, int start, int end) {
        int length = end - start;
        for (byte[] s : strings) {
            if (s.length == length && Arrays.equals(bytes, start, end, s, 0, length)) {
                return true;
            }
        }
        return false;
    }

    private boolean containsHashed(byte[] bytes, int start, int end) {
        int length = end - start;
        int slot = hash(bytes, start, end) & mask;
        byte[] candidate;
        while ((candidate = table[slot]) != null) {
            if (candidate.length == length && Arrays.equals(bytes, start, end, candidate, 0, length)) {
                return true;
            }
            slot = (slot + 1) & mask;
        }
        return false;
    }

    private static int hash(byte[] bytes, int start, int end) {
        int h = 0x9E3779B9;
        for (int i = start; i < end; i++) {
            h = (h ^ bytes[i]) * 0x01000193;
        }
        return h ^ (h >>> 16);
    }
}
