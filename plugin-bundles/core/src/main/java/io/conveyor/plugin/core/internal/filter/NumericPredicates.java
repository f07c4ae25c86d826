package io.conveyor.plugin.core.internal.filter;

import java.util.List;
import java.util.function.DoublePredicate;
import java.util.function.LongPredicate;

import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.FloatingPointVector;

/**
 * Predicates over integer and floating-point columns. An integer column compared with integers
 * compares exactly as {@code long}; any float involved compares as {@code double} (IEEE: NaN
 * matches only {@code !=}).
 */
final class NumericPredicates {

    private NumericPredicates() {
    }

    /** @param values the operand(s): one Long/Double, or several for {@code in} */
    static RowPredicate of(boolean integerColumn, FilterOperator operator, List<Object> values) {
        if (integerColumn && values.stream().allMatch(Long.class::isInstance)) {
            return longs(operator, values.stream().mapToLong(v -> (Long) v).toArray());
        }
        return doubles(operator, values.stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray(), integerColumn);
    }

    private static RowPredicate longs(FilterOperator operator, long[] values) {
        long k = values.length == 1 ? values[0] : 0;
        LongPredicate test = switch (operator) {
            case EQ -> v -> v == k;
            case NE -> v -> v != k;
            case GT -> v -> v > k;
            case GE -> v -> v >= k;
            case LT -> v -> v < k;
            case LE -> v -> v <= k;
            case IN -> v -> {
                for (long candidate : values) {
                    if (v == candidate) {
                        return true;
                    }
                }
                return false;
            };
            case CONTAINS -> throw new IllegalStateException("contains on a number");
        };
        return (vector, rows, selected) -> {
            int n = 0;
            if (vector instanceof BigIntVector v) {
                for (int i = 0; i < rows; i++) {
                    if (!v.isNull(i) && test.test(v.get(i))) {
                        selected[n++] = i;
                    }
                }
            } else {
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

    private static RowPredicate doubles(FilterOperator operator, double[] values, boolean integerColumn) {
        double k = values.length == 1 ? values[0] : 0;
        DoublePredicate test = switch (operator) {
            case EQ -> v -> v == k;
            case NE -> v -> v != k;
            case GT -> v -> v > k;
            case GE -> v -> v >= k;
            case LT -> v -> v < k;
            case LE -> v -> v <= k;
            case IN -> v -> {
                for (double candidate : values) {
                    if (v == candidate) {
                        return true;
                    }
                }
                return false;
            };
            case CONTAINS -> throw new IllegalStateException("contains on a number");
        };
        return (vector, rows, selected) -> {
            int n = 0;
            if (vector instanceof Float8Vector v) {
                for (int i = 0; i < rows; i++) {
                    if (!v.isNull(i) && test.test(v.get(i))) {
                        selected[n++] = i;
                    }
                }
            } else if (integerColumn) {
                BaseIntVector v = (BaseIntVector) vector;
                for (int i = 0; i < rows; i++) {
                    if (!vector.isNull(i) && test.test(v.getValueAsLong(i))) {
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
