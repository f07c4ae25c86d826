package io.conveyor.plugin.expression.internal.eval;

import io.conveyor.plugin.expression.internal.lang.Type;

/**
 * {@code + - * / %} on two operands of one numeric type (the compiler widens an int operand of
 * a float operation first). Integers overflow into an error, not around; division and
 * remainder by zero give null, as in DuckDB.
 */
final class Arithmetic extends Kernel {

    enum Op { ADD, SUBTRACT, MULTIPLY, DIVIDE, REMAINDER }

    private final Op op;
    private final Kernel left;
    private final Kernel right;

    Arithmetic(Op op, Kernel left, Kernel right, int at) {
        super(left.type, at);
        this.op = op;
        this.left = left;
        this.right = right;
    }

    @Override
    void compute(Frame frame, Vec out) throws EvalException {
        Vec a = left.eval(frame);
        Vec b = right.eval(frame);
        out.nullsFrom(a, b);
        if (type == Type.INT) {
            integers(a.longs, b.longs, out);
        } else {
            floats(a.doubles, b.doubles, out);
        }
    }

    private void integers(long[] a, long[] b, Vec out) throws EvalException {
        long[] r = out.longs;
        int n = out.rows;
        switch (op) {
            case ADD -> {
                for (int i = 0; i < n; i++) {
                    long x = a[i];
                    long y = b[i];
                    long s = x + y;
                    if (((x ^ s) & (y ^ s)) < 0 && !out.isNull(i)) {
                        throw overflow(x, "+", y);
                    }
                    r[i] = s;
                }
            }
            case SUBTRACT -> {
                for (int i = 0; i < n; i++) {
                    long x = a[i];
                    long y = b[i];
                    long s = x - y;
                    if (((x ^ y) & (x ^ s)) < 0 && !out.isNull(i)) {
                        throw overflow(x, "-", y);
                    }
                    r[i] = s;
                }
            }
            case MULTIPLY -> {
                for (int i = 0; i < n; i++) {
                    long x = a[i];
                    long y = b[i];
                    long p = x * y;
                    if (Math.multiplyHigh(x, y) != (p >> 63) && !out.isNull(i)) {
                        throw overflow(x, "*", y);
                    }
                    r[i] = p;
                }
            }
            case REMAINDER -> {
                for (int i = 0; i < n; i++) {
                    long y = b[i];
                    if (y == 0) {
                        out.setNull(i);
                        r[i] = 0;
                    } else {
                        r[i] = y == -1 ? 0 : a[i] % y;
                    }
                }
            }
            case DIVIDE -> throw new IllegalStateException("integer division is compiled as float division");
        }
    }

    private EvalException overflow(long x, String operator, long y) {
        return new EvalException(at, "integer overflow: " + x + " " + operator + " " + y
                + " is beyond int64 (cast an operand to double to compute in float64)");
    }

    private void floats(double[] a, double[] b, Vec out) {
        double[] r = out.doubles;
        int n = out.rows;
        switch (op) {
            case ADD -> {
                for (int i = 0; i < n; i++) {
                    r[i] = a[i] + b[i];
                }
            }
            case SUBTRACT -> {
                for (int i = 0; i < n; i++) {
                    r[i] = a[i] - b[i];
                }
            }
            case MULTIPLY -> {
                for (int i = 0; i < n; i++) {
                    r[i] = a[i] * b[i];
                }
            }
            case DIVIDE -> {
                for (int i = 0; i < n; i++) {
                    double y = b[i];
                    if (y == 0) {
                        out.setNull(i);
                    }
                    r[i] = a[i] / y;
                }
            }
            case REMAINDER -> {
                for (int i = 0; i < n; i++) {
                    double y = b[i];
                    if (y == 0) {
                        out.setNull(i);
                    }
                    r[i] = a[i] % y;
                }
            }
        }
    }

    /** {@code -x}; {@code -(-9223372036854775808)} is an overflow. */
    static final class Negate extends Kernel {
        private final Kernel operand;

        Negate(Kernel operand, int at) {
            super(operand.type, at);
            this.operand = operand;
        }

        @Override
        void compute(Frame frame, Vec out) throws EvalException {
            Vec a = operand.eval(frame);
            out.nullsFrom(a, null);
            int n = out.rows;
            if (type == Type.INT) {
                for (int i = 0; i < n; i++) {
                    long x = a.longs[i];
                    if (x == Long.MIN_VALUE && !out.isNull(i)) {
                        throw new EvalException(at, "integer overflow: -(" + x + ") is beyond int64");
                    }
                    out.longs[i] = -x;
                }
            } else {
                for (int i = 0; i < n; i++) {
                    out.doubles[i] = -a.doubles[i];
                }
            }
        }
    }

    /** An int64 operand of a float64 operation. */
    static final class ToFloat extends Kernel {
        private final Kernel operand;

        ToFloat(Kernel operand) {
            super(Type.FLOAT, operand.at);
            this.operand = operand;
        }

        @Override
        void compute(Frame frame, Vec out) throws EvalException {
            Vec a = operand.eval(frame);
            out.nullsFrom(a, null);
            long[] x = a.longs;
            double[] r = out.doubles;
            for (int i = 0; i < out.rows; i++) {
                r[i] = x[i];
            }
        }
    }
}
