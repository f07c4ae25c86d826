package io.conveyor.plugin.expression.internal.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
    /** Keys of at most 16 bytes, compared without branches as length, head and tail longs. */
    private final int[] shortLengths;
    private final long[] shortHeads;
    private final long[] shortTails;

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
        boolean allShort = strings != null && strings.length <= LINEAR_LIMIT
                && Arrays.stream(strings).allMatch(k -> k.length <= 16);
        if (allShort) {
            shortLengths = new int[strings.length];
            shortHeads = new long[strings.length];
            shortTails = new long[strings.length];
            for (int k = 0; k < strings.length; k++) {
                byte[] padded = Arrays.copyOf(strings[k], strings[k].length + Bytes.PADDING);
                shortLengths[k] = strings[k].length;
                shortHeads[k] = Bytes.head(padded, 0, strings[k].length);
                shortTails[k] = Bytes.tail(padded, strings[k].length, strings[k].length);
            }
        } else {
            shortLengths = null;
            shortHeads = null;
            shortTails = null;
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

    /** The set kernel for a value and constant items already checked comparable with it, or null to use equalities. */
    static Kernel of(Kernel value, List<Kernel> items, boolean negated, int at) {
        boolean hasNull = false;
        List<Const> constants = new ArrayList<>();
        for (Kernel item : items) {
            Const c = (Const) item;
            if (c.isNull()) {
                hasNull = true;
            } else {
                constants.add(c);
            }
        }
        switch (value.type) {
            case INT, DATE, TIMESTAMP -> {
                List<Long> longs = new ArrayList<>();
                for (Const c : constants) {
                    if (c.type == Type.FLOAT) {
                        double d = c.doubleValue();
                        if (d == Math.rint(d) && d >= -0x1p63 && d < 0x1p63) {
                            longs.add((long) d);
                        }
                    } else if (c.type == value.type) {
                        longs.add(c.longValue());
                    } else {
                        return null; // a date among timestamps: compared by equalities
                    }
                }
                return InSet.ofLongs(value, longs.stream().mapToLong(Long::longValue).toArray(), negated, hasNull, at);
            }
            case FLOAT -> {
                List<Double> doubles = new ArrayList<>();
                for (Const c : constants) {
                    if (c.type == Type.INT) {
                        long k = c.longValue();
                        if ((long) (double) k == k && k != Long.MAX_VALUE) {
                            doubles.add((double) k);
                        }
                    } else {
                        doubles.add(c.doubleValue());
                    }
                }
                return InSet.ofDoubles(value, doubles.stream().mapToDouble(Double::doubleValue).toArray(), negated,
                        hasNull, at);
            }
            case STRING -> {
                return InSet.ofStrings(value, constants.stream().map(Const::stringValue).toArray(byte[][]::new),
                        negated, hasNull, at);
            }
            case BOOL -> {
                boolean[] present = new boolean[2];
                constants.forEach(c -> present[c.boolValue() ? 1 : 0] = true);
                return InSet.ofBools(value, present, negated, hasNull, at);
            }
            default -> {
                return null;
            }
        }
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
        } else if (shortLengths != null) {
            byte[] bytes = a.bytes;
            int[] offsets = a.offsets;
            for (int i = 0; i < n; i++) {
                int start = offsets[i];
                int end = offsets[i + 1];
                int length = end - start;
                long head = Bytes.head(bytes, start, length);
                long tail = Bytes.tail(bytes, end, length);
                boolean found = false;
                for (int k = 0; k < shortLengths.length; k++) {
                    found |= (length == shortLengths[k]) & (head == shortHeads[k]) & (tail == shortTails[k]);
                }
                r[i] = found;
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

    /** Tests only the selected rows; a row stays when the result is true: found (or not, negated) and not null. */
    @Override
    int refine(Frame frame, int[] selected, int count) throws EvalException {
        if (strings == null || negated) {
            return super.refine(frame, selected, count);
        }
        Vec a = value.eval(frame);
        int kept = 0;
        byte[] bytes = a.bytes;
        int[] offsets = a.offsets;
        for (int j = 0; j < count; j++) {
            int i = selected[j];
            selected[kept] = i;
            kept += !a.isNull(i) & contains(bytes, offsets[i], offsets[i + 1]) ? 1 : 0;
        }
        return kept;
    }

    private boolean contains(byte[] bytes, int start, int end) {
        if (shortLengths != null) {
            int length = end - start;
            long head = Bytes.head(bytes, start, length);
            long tail = Bytes.tail(bytes, end, length);
            boolean found = false;
            for (int k = 0; k < shortLengths.length; k++) {
                found |= (length == shortLengths[k]) & (head == shortHeads[k]) & (tail == shortTails[k]);
            }
            return found;
        }
        return table == null ? containsLinear(bytes, start, end) : containsHashed(bytes, start, end);
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
            if (s.length == length && Bytes.equal(bytes, start, s, 0, length)) {
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
            if (candidate.length == length && Bytes.equal(bytes, start, candidate, 0, length)) {
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
