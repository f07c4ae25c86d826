package io.conveyor.plugin.expression.internal.filter;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.ByteFunctionHelpers;
import org.apache.arrow.vector.VarCharVector;

/**
 * Predicates over utf8 columns, evaluated on the UTF-8 bytes in place (no string per row).
 * Ordering compares bytes unsigned, which is code point order; {@code contains} is a
 * case-sensitive substring match.
 */
final class TextPredicates {

    private TextPredicates() {
    }

    static RowPredicate of(FilterOperator operator, List<Object> values) {
        byte[][] operands = values.stream().map(v -> ((String) v).getBytes(StandardCharsets.UTF_8))
                .toArray(byte[][]::new);
        return (vector, rows, selected) -> {
            VarCharVector v = (VarCharVector) vector;
            ArrowBuf data = v.getDataBuffer();
            int n = 0;
            for (int i = 0; i < rows; i++) {
                if (!v.isNull(i) && matches(operator, data, v.getStartOffset(i), v.getEndOffset(i), operands)) {
                    selected[n++] = i;
                }
            }
            return n;
        };
    }

    private static boolean matches(FilterOperator operator, ArrowBuf data, int start, int end, byte[][] operands) {
        return switch (operator) {
            case CONTAINS -> contains(data, start, end, operands[0]);
            case IN -> {
                for (byte[] operand : operands) {
                    if (equal(data, start, end, operand)) {
                        yield true;
                    }
                }
                yield false;
            }
            case EQ -> equal(data, start, end, operands[0]);
            case NE -> !equal(data, start, end, operands[0]);
            default -> operator.accepts(ByteFunctionHelpers.compare(data, start, end, operands[0], 0,
                    operands[0].length));
        };
    }

    private static boolean equal(ArrowBuf data, int start, int end, byte[] operand) {
        return end - start == operand.length
                && ByteFunctionHelpers.compare(data, start, end, operand, 0, operand.length) == 0;
    }

    private static boolean contains(ArrowBuf data, int start, int end, byte[] needle) {
        int last = end - needle.length;
        outer:
        for (int i = start; i <= last; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data.getByte(i + j) != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
