package io.conveyor.plugin.stream.internal.aggregate;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.FloatingPointVector;
import org.apache.arrow.vector.types.pojo.Field;

import io.conveyor.api.stage.StageException;

/**
 * Computes one operation per group over a whole column at once. Null values are skipped; a group
 * without values has a null sum, avg, min and max, and a count of 0. An integer sum is exact: one
 * that does not fit int64 is an error rather than a wrapped number.
 */
final class Aggregates {

    private Aggregates() {
    }

    /**
     * @param values the value column, or {@code null} when count counts rows
     * @param result the result field, from {@link Operation#resultField}
     */
    static FieldVector compute(Operation operation, FieldVector values, Groups groups, int rows, Field result,
            BufferAllocator allocator) throws StageException {
        FieldVector out = result.createVector(allocator);
        try {
            out.setInitialCapacity(groups.count());
            out.allocateNew();
            if (operation == Operation.COUNT) {
                count(values, groups, rows, (BigIntVector) out);
            } else if (values instanceof BaseIntVector ints) {
                integers(operation, ints, groups, rows, out);
            } else if (values instanceof FloatingPointVector floats) {
                floats(operation, floats, groups, rows, out);
            }
            // a value column of the null type has no values: every result stays null
            out.setValueCount(groups.count());
            return out;
        } catch (StageException | RuntimeException e) {
            out.close();
            throw e;
        }
    }

    private static void count(FieldVector values, Groups groups, int rows, BigIntVector out) {
        long[] counts = new long[groups.count()];
        for (int r = 0; r < rows; r++) {
            if (values == null || !values.isNull(r)) {
                counts[groups.groupOf(r)]++;
            }
        }
        for (int g = 0; g < counts.length; g++) {
            out.set(g, counts[g]);
        }
    }

    private static void integers(Operation operation, BaseIntVector values, Groups groups, int rows, FieldVector out)
            throws StageException {
        int n = groups.count();
        long[] acc = new long[n];
        long[] seen = new long[n];
        for (int r = 0; r < rows; r++) {
            if (values.isNull(r)) {
                continue;
            }
            int g = groups.groupOf(r);
            long value = values.getValueAsLong(r);
            if (seen[g]++ == 0) {
                acc[g] = value;
                continue;
            }
            acc[g] = switch (operation) {
                case SUM, AVG -> add(acc[g], value, values);
                case MIN -> Math.min(acc[g], value);
                default -> Math.max(acc[g], value);
            };
        }
        for (int g = 0; g < n; g++) {
            if (seen[g] == 0) {
                continue;
            }
            if (operation == Operation.AVG) {
                ((Float8Vector) out).set(g, (double) acc[g] / seen[g]);
            } else {
                ((BigIntVector) out).set(g, acc[g]);
            }
        }
    }

    private static long add(long sum, long value, BaseIntVector values) throws StageException {
        try {
            return Math.addExact(sum, value);
        } catch (ArithmeticException e) {
            throw StageException.data("the sum of column '" + values.getField().getName()
                    + "' does not fit a 64-bit integer");
        }
    }

    private static void floats(Operation operation, FloatingPointVector values, Groups groups, int rows,
            FieldVector out) {
        int n = groups.count();
        double[] acc = new double[n];
        long[] seen = new long[n];
        for (int r = 0; r < rows; r++) {
            if (values.isNull(r)) {
                continue;
            }
            int g = groups.groupOf(r);
            double value = values.getValueAsDouble(r);
            if (seen[g]++ == 0) {
                acc[g] = value;
                continue;
            }
            acc[g] = switch (operation) {
                case SUM, AVG -> acc[g] + value;
                case MIN -> Math.min(acc[g], value);
                default -> Math.max(acc[g], value);
            };
        }
        Float8Vector doubles = (Float8Vector) out;
        for (int g = 0; g < n; g++) {
            if (seen[g] > 0) {
                doubles.set(g, operation == Operation.AVG ? acc[g] / seen[g] : acc[g]);
            }
        }
    }
}
