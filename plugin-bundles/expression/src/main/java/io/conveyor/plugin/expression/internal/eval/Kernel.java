package io.conveyor.plugin.expression.internal.eval;

import io.conveyor.plugin.expression.internal.lang.Type;

/**
 * One operation of a compiled expression, computed for a whole batch at a time into a
 * {@link Vec} it owns and reuses. A kernel used twice in one tree (a column, the value of a
 * {@code between}) is computed once per batch.
 */
abstract class Kernel {

    final Type type;
    /** Where in the expression the operation is, for errors while computing it. */
    final int at;
    final Vec out;
    private long epoch = -1;

    Kernel(Type type, int at) {
        this.type = type;
        this.at = at;
        this.out = new Vec(type);
    }

    final Vec eval(Frame frame) throws EvalException {
        if (frame.epoch != epoch) {
            prepare(frame.rows);
            compute(frame, out);
            epoch = frame.epoch;
        }
        return out;
    }

    /** Sizes {@link #out} for the batch; constants keep what they filled. */
    void prepare(int rows) {
        out.reset(rows);
    }

    /** Fills {@code out} (already reset to {@code frame.rows} rows) for the batch. */
    abstract void compute(Frame frame, Vec out) throws EvalException;

    /**
     * For a bool kernel: keeps of the rows {@code selected[0, count)} those where this is true
     * (not false, not null), in order, and returns how many. Kernels that can test only the given
     * rows override this, so that a filter's later conditions ({@code a and b}) are computed only
     * where the earlier ones held.
     */
    int refine(Frame frame, int[] selected, int count) throws EvalException {
        Vec v = eval(frame);
        boolean[] values = v.bools;
        int kept = 0;
        if (type == Type.NULL) {
            return 0;
        }
        // branch-free: the row is written either way and kept by advancing past it
        if (v.hasNulls) {
            boolean[] nulls = v.nulls;
            for (int j = 0; j < count; j++) {
                int i = selected[j];
                selected[kept] = i;
                kept += values[i] & !nulls[i] ? 1 : 0;
            }
        } else {
            for (int j = 0; j < count; j++) {
                int i = selected[j];
                selected[kept] = i;
                kept += values[i] ? 1 : 0;
            }
        }
        return kept;
    }

    /** Whether this kernel computes the same value for every row of every batch, without input. */
    boolean isConstant() {
        return false;
    }
}
