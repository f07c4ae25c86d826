package io.conveyor.plugin.expression.internal.filter;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.function.LongPredicate;

/**
 * The values of an integer column that one comparison with a number selects, as one inclusive
 * range of the column's domain (signed or unsigned 64-bit), computed exactly once so that rows
 * compare as plain longs: {@code > 2.5} is {@code [3, max]}, {@code == 2.5} is empty,
 * {@code < 1e300} is the whole domain.
 *
 * @param lo the least value selected
 * @param hi the greatest value selected; {@code lo > hi} when none is
 */
record IntegerRange(BigInteger lo, BigInteger hi, boolean unsigned) {

    private static final BigInteger SIGNED_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger SIGNED_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger UNSIGNED_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    /**
     * The range {@code column <operator> value} selects.
     *
     * @param operator one of {@code ==, >, >=, <, <=}
     * @param value    a Long or a Double
     */
    static IntegerRange of(FilterOperator operator, Object value, boolean unsigned) {
        BigInteger min = unsigned ? BigInteger.ZERO : SIGNED_MIN;
        BigInteger max = unsigned ? UNSIGNED_MAX : SIGNED_MAX;
        if (value instanceof Double d && !Double.isFinite(d)) {
            boolean above = d == Double.POSITIVE_INFINITY;
            boolean all = switch (operator) {
                case GT, GE -> !above && !d.isNaN();
                case LT, LE -> above;
                default -> false;
            };
            return all ? new IntegerRange(min, max, unsigned) : none(unsigned);
        }
        BigDecimal exact = value instanceof Long l ? BigDecimal.valueOf(l) : new BigDecimal((Double) value);
        BigInteger floor = exact.setScale(0, RoundingMode.FLOOR).toBigIntegerExact();
        BigInteger ceiling = exact.setScale(0, RoundingMode.CEILING).toBigIntegerExact();
        IntegerRange range = switch (operator) {
            case EQ -> floor.equals(ceiling) ? new IntegerRange(floor, floor, unsigned) : none(unsigned);
            case GT -> new IntegerRange(floor.add(BigInteger.ONE), max, unsigned);
            case GE -> new IntegerRange(ceiling, max, unsigned);
            case LT -> new IntegerRange(min, ceiling.subtract(BigInteger.ONE), unsigned);
            case LE -> new IntegerRange(min, floor, unsigned);
            default -> throw new IllegalStateException(operator + " is not a range");
        };
        return new IntegerRange(range.lo.max(min), range.hi.min(max), unsigned);
    }

    private static IntegerRange none(boolean unsigned) {
        return new IntegerRange(BigInteger.ONE, BigInteger.ZERO, unsigned);
    }

    /**
     * A test of a column value as the column's vector reads it ({@code getValueAsLong}: a uint64
     * as its raw bits, which unsigned comparison orders correctly).
     */
    LongPredicate test() {
        if (lo.compareTo(hi) > 0) {
            return v -> false;
        }
        long low = lo.longValue(); // two's complement: the raw bits of an unsigned value
        long high = hi.longValue();
        if (unsigned) {
            return v -> Long.compareUnsigned(v, low) >= 0 && Long.compareUnsigned(v, high) <= 0;
        }
        return v -> v >= low && v <= high;
    }
}
