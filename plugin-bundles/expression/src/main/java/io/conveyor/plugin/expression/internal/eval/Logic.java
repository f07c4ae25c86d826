package io.conveyor.plugin.expression.internal.eval;

import io.conveyor.plugin.expression.internal.lang.Type;

/**
 * {@code and}, {@code or} with SQL's three-valued logic: false and null is false, true or null
 * is true, and otherwise a null operand gives null.
 */
final class Logic extends Kernel {

    private final boolean and;
    private final Kernel left;
    private final Kernel right;

    Logic(boolean and, Kernel left, Kernel right, int at) {
        super(Type.BOOL, at);
        this.and = and;
        this.left = left;
        this.right = right;
    }

    @Override
    void compute(Frame frame, Vec out) throws EvalException {
        Vec a = left.eval(frame);
        Vec b = right.eval(frame);
        int n = out.rows;
        boolean[] x = a.bools;
        boolean[] y = b.bools;
        boolean[] r = out.bools;
        if (!a.hasNulls && !b.hasNulls) {
            out.hasNulls = false;
            if (and) {
                for (int i = 0; i < n; i++) {
                    r[i] = x[i] & y[i];
                }
            } else {
                for (int i = 0; i < n; i++) {
                    r[i] = x[i] | y[i];
                }
            }
            return;
        }
        out.trackNulls();
        boolean[] nulls = out.nulls;
        // the value that decides alone: false for and, true for or
        boolean decisive = !and;
        for (int i = 0; i < n; i++) {
            boolean an = a.isNull(i);
            boolean bn = b.isNull(i);
            if ((!an && x[i] == decisive) || (!bn && y[i] == decisive)) {
                r[i] = decisive;
                nulls[i] = false;
            } else if (an || bn) {
                nulls[i] = true;
            } else {
                r[i] = !decisive;
                nulls[i] = false;
            }
        }
    }

    /** For {@code a and b}: the rows where {@code a} holds, then of those the rows where {@code b} holds. */
    @Override
    int refine(Frame frame, int[] selected, int count) throws EvalException {
        if (!and) {
            return super.refine(frame, selected, count);
        }
        int kept = left.refine(frame, selected, count);
        return kept == 0 ? 0 : right.refine(frame, selected, kept);
    }

    /** {@code not x}: null stays null. */
    static final class Not extends Kernel {
        private final Kernel operand;

        Not(Kernel operand, int at) {
            super(Type.BOOL, at);
            this.operand = operand;
        }

        @Override
        void compute(Frame frame, Vec out) throws EvalException {
            Vec a = operand.eval(frame);
            out.nullsFrom(a, null);
            boolean[] x = a.bools;
            boolean[] r = out.bools;
            for (int i = 0; i < out.rows; i++) {
                r[i] = !x[i];
            }
        }
    }

    /** {@code x is [not] null}: never null itself. */
    static final class IsNull extends Kernel {
        private final Kernel operand;
        private final boolean negated;

        IsNull(Kernel operand, boolean negated, int at) {
            super(Type.BOOL, at);
            this.operand = operand;
            this.negated = negated;
        }

        @Override
        void compute(Frame frame, Vec out) throws EvalException {
            Vec a = operand.eval(frame);
            boolean[] r = out.bools;
            for (int i = 0; i < out.rows; i++) {
                r[i] = a.isNull(i) != negated;
            }
        }
    }
}
