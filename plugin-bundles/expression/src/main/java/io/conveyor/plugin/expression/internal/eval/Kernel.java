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

    /** Whether this kernel computes the same value for every row of every batch, without input. */
    boolean isConstant() {
        return false;
    }
}
