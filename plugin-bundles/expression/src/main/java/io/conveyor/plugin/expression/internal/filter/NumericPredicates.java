package io.conveyor.plugin.expression.internal.filter;

import java.util.List;
import java.util.function.DoublePredicate;
import java.util.function.LongPredicate;

import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.FloatingPointVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Predicates over integer and floating-point columns, exact whatever the operand: an integer
 * column compares with a float by the integers the comparison selects ({@code > 2.5} is
 * {@code >= 3}), never by rounding its values to doubles, which loses precision above 2^53;
 * unsigned columns (uint64 included) compare as unsigned. A float column compares with a float
 * as IEEE does (NaN matches only {@code !=}) and with an integer exactly.
 */
final class NumericPredicates {

    private NumericPredicates() {
    }

    /**
     * @param type   the column's type: an {@link ArrowType.Int} or {@link ArrowType.FloatingPoint}
     * @param values the operand(s): one Long/Double, or several for {@code in}
     */
    static RowPredicate of(ArrowType type, FilterOperator operator, List<Object> values) {
        if (type instanceof ArrowType.Int integer) {
            return integers(integerTest(!integer.getIsSigned(), operator, values));
        }
        return floats(floatTest(operator, values));
    }

    private static LongPredicate integerTest(boolean unsigned, FilterOperator operator, List<Object> values) {
        if (operator == FilterOperator.IN) {
            LongPredicate any = v -> false;
            for (Object value : values) {
                any = any.or(IntegerRange.of(FilterOperator.EQ, value, unsigned).test());
            }
            return any;
        }
        if (operator == FilterOperator.NE) {
            return IntegerRange.of(FilterOperator.EQ, values.get(0), unsigned).test().negate();
        }
        return IntegerRange.of(operator, values.get(0), unsigned).test();
    }

    private static RowPredicate integers(LongPredicate test) {
        return (vector, rows, selected) -> {
            int n = 0;
            if (vector instanceof BigIntVector v) {
                for (int i = 0; i < rows; i++) {
                    if (!v.isNull(i) && test.test(v.get(i))) {
                        selected[n++] = i;
                    }
                }
            } else {
                // uint64 reads as its raw bits; the unsigned range test expects exactly that
                BaseIntVector v = (BaseIntVector) vector;
                for (int i = 0; i < rows; i++) {
                    if (!vector.isNull(i) && test.test(v.getValueAsLong(i))) {
                        selected[n++] = i;
                    }
                }
            }
            return n;
        };
    }

    private static DoublePredicate floatTest(FilterOperator operator, List<Object> values) {
        if (operator == FilterOperator.IN) {
            DoublePredicate any = v -> false;
            for (Object value : values) {
                any = any.or(floatTest(FilterOperator.EQ, value));
            }
            return any;
        }
        return floatTest(operator, values.get(0));
    }

    private static DoublePredicate floatTest(FilterOperator operator, Object value) {
        if (value instanceof Long k) {
            // exact: a long above 2^53 has no double of its own to compare with
            return switch (operator) {
                case EQ -> v -> !Double.isNaN(v) && compare(v, k) == 0;
                case NE -> v -> Double.isNaN(v) || compare(v, k) != 0;
                case GT -> v -> !Double.isNaN(v) && compare(v, k) > 0;
                case GE -> v -> !Double.isNaN(v) && compare(v, k) >= 0;
                case LT -> v -> !Double.isNaN(v) && compare(v, k) < 0;
                case LE -> v -> !Double.isNaN(v) && compare(v, k) <= 0;
                case IN, CONTAINS -> throw new IllegalStateException(operator + " is not a comparison");
            };
        }
        double k = (Double) value;
        return switch (operator) {
            case EQ -> v -> v == k;
            case NE -> v -> v != k;
            case GT -> v -> v > k;
            case GE -> v -> v >= k;
            case LT -> v -> v < k;
            case LE -> v -> v <= k;
            case IN, CONTAINS -> throw new IllegalStateException(operator + " is not a comparison");
        };
    }

    /** Compares a double that is not NaN with a long exactly: negative, zero or positive. */
    static int compare(double v, long k) {
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
        return v == truncated ? 0 : (v > truncated ? 1 : -1); // truncated is a double exactly
    }

    private static RowPredicate floats(DoublePredicate test) {
        return (vector, rows, selected) -> {
            int n = 0;
            if (vector instanceof Float8Vector v) {
                for (int i = 0; i < rows; i++) {
                    if (!v.isNull(i) && test.test(v.get(i))) {
                        selected[n++] = i;
                    }
                }
            } else {
                FloatingPointVector v = (FloatingPointVector) vector;
                for (int i = 0; i < rows; i++) {
                    if (!vector.isNull(i) && test.test(v.getValueAsDouble(i))) {
                        selected[n++] = i;
                    }
                }
            }
            return n;
        };
    }
}
