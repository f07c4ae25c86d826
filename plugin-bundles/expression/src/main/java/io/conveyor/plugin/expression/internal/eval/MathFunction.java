package io.conveyor.plugin.expression.internal.eval;

import java.math.BigDecimal;
import java.math.RoundingMode;

import io.conveyor.plugin.expression.internal.lang.Type;

/**
 * The math functions. abs, round, floor and ceil keep an int64 an int64; the others compute in
 * float64. Rounding is half away from zero. Where a function has no real value (sqrt of a
 * negative, ln of zero or less) the result is null, as in SQLite, rather than NaN or an error.
 */
final class MathFunction extends Kernel {

    enum Op { ABS, ROUND, FLOOR, CEIL, SQRT, POW, LN, EXP }

    private static final long[] POWERS_OF_TEN = new long[19];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    private final Op op;
    private final Kernel[] arguments;

    MathFunction(Op op, Type type, Kernel[] arguments, int at) {
        super(type, at);
        this.op = op;
        this.arguments = arguments;
    }

    @Override
    void compute(Frame frame, Vec out) throws EvalException {
        Vec x = arguments[0].eval(frame);
        Vec y = arguments.length > 1 ? arguments[1].eval(frame) : null;
        out.nullsFrom(x, y);
        int n = out.rows;
        if (arguments[0].type == Type.INT && type == Type.INT) {
            for (int i = 0; i < n; i++) {
                if (!out.isNull(i)) {
                    out.longs[i] = integer(x.longs[i], y == null ? 0 : y.longs[i]);
                }
            }
            return;
        }
        double[] r = out.doubles;
        for (int i = 0; i < n; i++) {
            double v = x.doubles[i];
            switch (op) {
                case ABS -> r[i] = Math.abs(v);
                case ROUND -> r[i] = y == null ? roundHalfAway(v) : round(v, y.longs[i]);
                case FLOOR -> r[i] = Math.floor(v);
                case CEIL -> r[i] = Math.ceil(v);
                case SQRT -> r[i] = v < 0 ? nullAt(out, i) : Math.sqrt(v);
                case POW -> r[i] = Math.pow(v, y.doubles[i]);
                case LN -> r[i] = v <= 0 ? nullAt(out, i) : Math.log(v);
                case EXP -> r[i] = Math.exp(v);
            }
        }
    }

    private static double nullAt(Vec out, int row) {
        out.setNull(row);
        return 0;
    }

    private long integer(long v, long digits) throws EvalException {
        switch (op) {
            case ABS -> {
                if (v == Long.MIN_VALUE) {
                    throw new EvalException(at, "integer overflow: abs(" + v + ") is beyond int64");
                }
                return Math.abs(v);
            }
            case ROUND -> {
                return digits >= 0 ? v : roundInteger(v, -digits);
            }
            default -> {
                return v; // floor and ceil of an integer
            }
        }
    }

    /** {@code round(1250, -2)} = 1300: to a multiple of 10^places, half away from zero. */
    private long roundInteger(long v, long places) throws EvalException {
        if (places >= POWERS_OF_TEN.length) {
            return 0;
        }
        long unit = POWERS_OF_TEN[(int) places];
        long remainder = v % unit;
        long down = v - remainder;
        if (Math.abs(remainder) * 2 < unit) {
            return down;
        }
        long away = down + (v < 0 ? -unit : unit);
        if ((v < 0) != (away < 0) && away != 0) {
            throw new EvalException(at, "integer overflow: round(" + v + ", -" + places + ") is beyond int64");
        }
        return away;
    }

    static double roundHalfAway(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v) || Math.abs(v) >= 0x1p52) {
            return v;
        }
        double r = Math.floor(Math.abs(v) + 0.5);
        // floor(x + 0.5) rounds 0.49999999999999994 up; the true value is below one half
        if (r - Math.abs(v) > 0.5) {
            r -= 1;
        }
        return Math.copySign(r, v);
    }

    /**
     * {@code round(2.675, 2)} = 2.68: rounds the decimal the float shows (its shortest text), not
     * its binary value (2.67499999...), as people expect and PostgreSQL's numeric does. Fast
     * unless the scaled value is within a hair of one half.
     */
    static double round(double v, long digits) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return v;
        }
        if (digits > 15 || digits < -308) {
            return digits > 15 ? v : 0.0 * v;
        }
        double scale = Math.pow(10, Math.abs(digits));
        double scaled = digits >= 0 ? v * scale : v / scale;
        double fraction = Math.abs(scaled) - Math.floor(Math.abs(scaled));
        if (Math.abs(fraction - 0.5) > 1e-6 && Math.abs(scaled) < 0x1p52) {
            double r = roundHalfAway(scaled);
            return digits >= 0 ? r / scale : r * scale;
        }
        return new BigDecimal(Double.toString(v)).setScale((int) digits, RoundingMode.HALF_UP).doubleValue();
    }
}
