package io.conveyor.plugin.expression.internal.eval;

import java.util.List;

import io.conveyor.plugin.expression.internal.lang.Type;

/**
 * Kernels that pick, row by row, one of several values of the same type: {@code case},
 * {@code coalesce} and {@code nullif}. Every value is computed for the whole batch, then each
 * row takes its chosen one (or null).
 */
abstract class Choice extends Kernel {

    private static final int NONE = -1;

    final Kernel[] values;
    private int[] choice = new int[0];
    private final Vec[] evaluated;

    Choice(Type type, List<Kernel> values, int at) {
        super(type, at);
        this.values = values.toArray(new Kernel[0]);
        this.evaluated = new Vec[this.values.length];
    }

    /** Sets {@code choice[i]} to the index of the value row {@code i} takes, or {@link #NONE} for null. */
    abstract void choose(Frame frame, Vec[] values, int[] choice) throws EvalException;

    @Override
    void compute(Frame frame, Vec out) throws EvalException {
        int n = out.rows;
        if (choice.length < n) {
            choice = new int[n];
        }
        for (int k = 0; k < values.length; k++) {
            evaluated[k] = values[k].eval(frame);
        }
        choose(frame, evaluated, choice);
        int position = 0;
        for (int i = 0; i < n; i++) {
            int c = choice[i];
            Vec from = c == NONE ? null : evaluated[c];
            if (from == null || from.isNull(i)) {
                out.setNull(i);
                if (type == Type.STRING) {
                    out.endString(i, position);
                }
                continue;
            }
            switch (type) {
                case INT, DATE, TIMESTAMP -> out.longs[i] = from.longs[i];
                case FLOAT -> out.doubles[i] = from.doubles[i];
                case BOOL -> out.bools[i] = from.bools[i];
                case STRING -> {
                    position = out.append(position, from.bytes, from.stringStart(i), from.stringEnd(i));
                    out.endString(i, position);
                }
                case NULL -> out.setNull(i);
            }
        }
    }

    /** {@code case when c1 then v1 ... [else e] end}: the first condition that is true (not null) chooses. */
    static final class Case extends Choice {
        private final Kernel[] conditions;
        private final boolean hasElse;

        /** @param values the results of the conditions, in order, then the else value if there is one */
        Case(Type type, List<Kernel> conditions, List<Kernel> values, boolean hasElse, int at) {
            super(type, values, at);
            this.conditions = conditions.toArray(new Kernel[0]);
            this.hasElse = hasElse;
        }

        @Override
        void choose(Frame frame, Vec[] values, int[] choice) throws EvalException {
            int n = frame.rows;
            int otherwise = hasElse ? conditions.length : NONE;
            java.util.Arrays.fill(choice, 0, n, otherwise);
            for (int k = conditions.length - 1; k >= 0; k--) {
                Vec condition = conditions[k].eval(frame);
                for (int i = 0; i < n; i++) {
                    if (condition.bools[i] && !condition.isNull(i)) {
                        choice[i] = k;
                    }
                }
            }
        }
    }

    /** {@code coalesce(a, b, ...)}: the first value that is not null. */
    static final class Coalesce extends Choice {
        Coalesce(Type type, List<Kernel> values, int at) {
            super(type, values, at);
        }

        @Override
        void choose(Frame frame, Vec[] values, int[] choice) {
            int n = frame.rows;
            for (int i = 0; i < n; i++) {
                int c = NONE;
                for (int k = 0; k < values.length; k++) {
                    if (!values[k].isNull(i)) {
                        c = k;
                        break;
                    }
                }
                choice[i] = c;
            }
        }
    }

    /** {@code nullif(a, b)}: null where {@code a = b} is true, else {@code a}. */
    static final class NullIf extends Choice {
        private final Kernel equal;

        NullIf(Kernel value, Kernel equal, int at) {
            super(value.type, List.of(value), at);
            this.equal = equal;
        }

        @Override
        void choose(Frame frame, Vec[] values, int[] choice) throws EvalException {
            Vec eq = equal.eval(frame);
            for (int i = 0; i < frame.rows; i++) {
                choice[i] = eq.bools[i] && !eq.isNull(i) ? NONE : 0;
            }
        }
    }
}
