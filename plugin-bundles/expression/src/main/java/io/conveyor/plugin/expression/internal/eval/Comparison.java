package io.conveyor.plugin.expression.internal.eval;

import java.util.Arrays;

import io.conveyor.plugin.expression.internal.lang.Type;

/**
 * {@code = != < <= > >=} on two operands the compiler made comparable: both int64, dates or
 * timestamps (as longs), both float64, int64 with float64 (exactly, without rounding the
 * integer), both utf8 (by bytes, which is code point order) or both bool (false before true).
 * Float comparisons follow IEEE: NaN is unequal to everything, itself included. A null operand
 * gives null.
 */
final class Comparison extends Kernel {

    enum Op {
        EQ("="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">=");

        final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        static Op of(String symbol) {
            for (Op op : values()) {
                if (op.symbol.equals(symbol)) {
                    return op;
                }
            }
            throw new IllegalArgumentException(symbol);
        }

        /** The operator with its operands swapped: {@code a < b} is {@code b > a}. */
        Op flip() {
            return switch (this) {
                case LT -> GT;
                case LE -> GE;
                case GT -> LT;
                case GE -> LE;
                default -> this;
            };
        }

        boolean accepts(int comparison) {
            return switch (this) {
                case EQ -> comparison == 0;
                case NE -> comparison != 0;
                case LT -> comparison < 0;
                case LE -> comparison <= 0;
                case GT -> comparison > 0;
                case GE -> comparison >= 0;
            };
        }
    }

    private final Op op;
    private final Kernel left;
    private final Kernel right;

    /** @param right a constant when the comparison is with one (the compiler puts constants on the right) */
    Comparison(Op op, Kernel left, Kernel right, int at) {
        super(Type.BOOL, at);
        this.op = op;
        this.left = left;
        this.right = right;
    }

    @Override
    void compute(Frame frame, Vec out) throws EvalException {
        Vec a = left.eval(frame);
        if (right instanceof Const c && !c.isNull()) {
            out.nullsFrom(a, null);
            withConstant(a, c, out);
            return;
        }
        Vec b = right.eval(frame);
        out.nullsFrom(a, b);
        int n = out.rows;
        boolean[] r = out.bools;
        Type lt = left.type;
        Type rt = right.type;
        if (lt == Type.FLOAT && rt == Type.FLOAT) {
            doubles(a.doubles, b.doubles, r, n);
        } else if (lt == Type.FLOAT) {
            for (int i = 0; i < n; i++) {
                r[i] = exact(a.doubles[i], b.longs[i], op);
            }
        } else if (rt == Type.FLOAT) {
            Op flipped = op.flip();
            for (int i = 0; i < n; i++) {
                r[i] = exact(b.doubles[i], a.longs[i], flipped);
            }
        } else if (lt == Type.STRING) {
            for (int i = 0; i < n; i++) {
                r[i] = op.accepts(compareStrings(a, i, b.bytes, b.stringStart(i), b.stringEnd(i)));
            }
        } else if (lt == Type.BOOL) {
            for (int i = 0; i < n; i++) {
                r[i] = op.accepts(Boolean.compare(a.bools[i], b.bools[i]));
            }
        } else {
            longs(a.longs, b.longs, r, n);
        }
    }

    /** With a constant of the same numeric type: compares only the selected rows, without a bool column. */
    @Override
    int refine(Frame frame, int[] selected, int count) throws EvalException {
        if (!(right instanceof Const c) || c.isNull() || left.type != right.type
                || !(left.type == Type.FLOAT || left.type == Type.INT || left.type.isTemporal())) {
            return super.refine(frame, selected, count);
        }
        Vec a = left.eval(frame);
        if (a.hasNulls) {
            return super.refine(frame, selected, count);
        }
        return left.type == Type.FLOAT ? refineDoubles(a.doubles, c.doubleValue(), selected, count)
                : refineLongs(a.longs, c.longValue(), selected, count);
    }

    private int refineDoubles(double[] a, double k, int[] selected, int count) {
        int kept = 0;
        switch (op) {
            case EQ -> { for (int j = 0; j < count; j++) { int i = selected[j]; selected[kept] = i; kept += a[i] == k ? 1 : 0; } }
            case NE -> { for (int j = 0; j < count; j++) { int i = selected[j]; selected[kept] = i; kept += a[i] != k ? 1 : 0; } }
            case LT -> { for (int j = 0; j < count; j++) { int i = selected[j]; selected[kept] = i; kept += a[i] < k ? 1 : 0; } }
            case LE -> { for (int j = 0; j < count; j++) { int i = selected[j]; selected[kept] = i; kept += a[i] <= k ? 1 : 0; } }
            case GT -> { for (int j = 0; j < count; j++) { int i = selected[j]; selected[kept] = i; kept += a[i] > k ? 1 : 0; } }
            case GE -> { for (int j = 0; j < count; j++) { int i = selected[j]; selected[kept] = i; kept += a[i] >= k ? 1 : 0; } }
        }
        return kept;
    }

    private int refineLongs(long[] a, long k, int[] selected, int count) {
        int kept = 0;
        switch (op) {
            case EQ -> { for (int j = 0; j < count; j++) { int i = selected[j]; selected[kept] = i; kept += a[i] == k ? 1 : 0; } }
            case NE -> { for (int j = 0; j < count; j++) { int i = selected[j]; selected[kept] = i; kept += a[i] != k ? 1 : 0; } }
            case LT -> { for (int j = 0; j < count; j++) { int i = selected[j]; selected[kept] = i; kept += a[i] < k ? 1 : 0; } }
            case LE -> { for (int j = 0; j < count; j++) { int i = selected[j]; selected[kept] = i; kept += a[i] <= k ? 1 : 0; } }
            case GT -> { for (int j = 0; j < count; j++) { int i = selected[j]; selected[kept] = i; kept += a[i] > k ? 1 : 0; } }
            case GE -> { for (int j = 0; j < count; j++) { int i = selected[j]; selected[kept] = i; kept += a[i] >= k ? 1 : 0; } }
        }
        return kept;
    }

    private void withConstant(Vec a, Const c, Vec out) {
        int n = out.rows;
        boolean[] r = out.bools;
        Type lt = left.type;
        Type rt = right.type;
        if (lt == Type.FLOAT && rt == Type.FLOAT) {
            doubles(a.doubles, c.doubleValue(), r, n);
        } else if (lt == Type.FLOAT) {
            long k = c.longValue();
            for (int i = 0; i < n; i++) {
                r[i] = exact(a.doubles[i], k, op);
            }
        } else if (rt == Type.FLOAT) {
            double k = c.doubleValue();
            Op flipped = op.flip();
            for (int i = 0; i < n; i++) {
                r[i] = exact(k, a.longs[i], flipped);
            }
        } else if (lt == Type.STRING) {
            byte[] k = c.stringValue();
            if ((op == Op.EQ || op == Op.NE) && k.length <= 16) {
                boolean eq = op == Op.EQ;
                byte[] padded = Arrays.copyOf(k, k.length + Bytes.PADDING);
                long head = Bytes.head(padded, 0, k.length);
                long tail = Bytes.tail(padded, k.length, k.length);
                byte[] bytes = a.bytes;
                int[] offsets = a.offsets;
                for (int i = 0; i < n; i++) {
                    int start = offsets[i];
                    int end = offsets[i + 1];
                    int length = end - start;
                    r[i] = ((length == k.length) & (Bytes.head(bytes, start, length) == head)
                            & (Bytes.tail(bytes, end, length) == tail)) == eq;
                }
            } else if (op == Op.EQ || op == Op.NE) {
                boolean eq = op == Op.EQ;
                for (int i = 0; i < n; i++) {
                    int start = a.stringStart(i);
                    int end = a.stringEnd(i);
                    r[i] = (end - start == k.length && Bytes.equal(a.bytes, start, k, 0, k.length)) == eq;
                }
            } else {
                for (int i = 0; i < n; i++) {
                    r[i] = op.accepts(compareStrings(a, i, k, 0, k.length));
                }
            }
        } else if (lt == Type.BOOL) {
            boolean k = c.boolValue();
            for (int i = 0; i < n; i++) {
                r[i] = op.accepts(Boolean.compare(a.bools[i], k));
            }
        } else {
            longs(a.longs, c.longValue(), r, n);
        }
    }

    private static int compareStrings(Vec a, int row, byte[] b, int bStart, int bEnd) {
        return Arrays.compareUnsigned(a.bytes, a.stringStart(row), a.stringEnd(row), b, bStart, bEnd);
    }

    private void longs(long[] a, long[] b, boolean[] r, int n) {
        switch (op) {
            case EQ -> { for (int i = 0; i < n; i++) { r[i] = a[i] == b[i]; } }
            case NE -> { for (int i = 0; i < n; i++) { r[i] = a[i] != b[i]; } }
            case LT -> { for (int i = 0; i < n; i++) { r[i] = a[i] < b[i]; } }
            case LE -> { for (int i = 0; i < n; i++) { r[i] = a[i] <= b[i]; } }
            case GT -> { for (int i = 0; i < n; i++) { r[i] = a[i] > b[i]; } }
            case GE -> { for (int i = 0; i < n; i++) { r[i] = a[i] >= b[i]; } }
        }
    }

    private void longs(long[] a, long k, boolean[] r, int n) {
        switch (op) {
            case EQ -> { for (int i = 0; i < n; i++) { r[i] = a[i] == k; } }
            case NE -> { for (int i = 0; i < n; i++) { r[i] = a[i] != k; } }
            case LT -> { for (int i = 0; i < n; i++) { r[i] = a[i] < k; } }
            case LE -> { for (int i = 0; i < n; i++) { r[i] = a[i] <= k; } }
            case GT -> { for (int i = 0; i < n; i++) { r[i] = a[i] > k; } }
            case GE -> { for (int i = 0; i < n; i++) { r[i] = a[i] >= k; } }
        }
    }

    private void doubles(double[] a, double[] b, boolean[] r, int n) {
        switch (op) {
            case EQ -> { for (int i = 0; i < n; i++) { r[i] = a[i] == b[i]; } }
            case NE -> { for (int i = 0; i < n; i++) { r[i] = a[i] != b[i]; } }
            case LT -> { for (int i = 0; i < n; i++) { r[i] = a[i] < b[i]; } }
            case LE -> { for (int i = 0; i < n; i++) { r[i] = a[i] <= b[i]; } }
            case GT -> { for (int i = 0; i < n; i++) { r[i] = a[i] > b[i]; } }
            case GE -> { for (int i = 0; i < n; i++) { r[i] = a[i] >= b[i]; } }
        }
    }

    private void doubles(double[] a, double k, boolean[] r, int n) {
        switch (op) {
            case EQ -> { for (int i = 0; i < n; i++) { r[i] = a[i] == k; } }
            case NE -> { for (int i = 0; i < n; i++) { r[i] = a[i] != k; } }
            case LT -> { for (int i = 0; i < n; i++) { r[i] = a[i] < k; } }
            case LE -> { for (int i = 0; i < n; i++) { r[i] = a[i] <= k; } }
            case GT -> { for (int i = 0; i < n; i++) { r[i] = a[i] > k; } }
            case GE -> { for (int i = 0; i < n; i++) { r[i] = a[i] >= k; } }
        }
    }

    /** {@code v op k} for a double and a long, exactly; NaN satisfies only {@code !=}. */
    static boolean exact(double v, long k, Op op) {
        if (Double.isNaN(v)) {
            return op == Op.NE;
        }
        return op.accepts(compareExact(v, k));
    }

    /** Compares a double that is not NaN with a long exactly: negative, zero or positive. */
    static int compareExact(double v, long k) {
        if (v >= 0x1p63) {
            return 1;
        }
        if (v < -0x1p63) {
            return -1;
        }
        long truncated = (long) v; // exact: |v - truncated| < 1, and truncated and k are integers
        if (truncated != k) {
            return Long.compare(truncated, k);
        }
        return v == truncated ? 0 : (v > truncated ? 1 : -1);
    }
}
