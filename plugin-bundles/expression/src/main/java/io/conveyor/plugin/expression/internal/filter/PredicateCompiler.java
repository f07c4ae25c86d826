package io.conveyor.plugin.expression.internal.filter;

import java.util.List;

import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

import io.conveyor.api.stage.StageException;
import io.conveyor.plugin.kit.column.TypeNames;
import io.conveyor.plugin.kit.config.ConfigValues;

/**
 * Turns (column type, operator, value) into a {@link RowPredicate}, checking that they fit:
 * numbers compare with int and float columns, strings with utf8 columns, booleans with bool
 * columns ({@code ==} and {@code !=} only); {@code contains} needs a utf8 column; {@code in}
 * takes an array of values of the column's kind.
 */
final class PredicateCompiler {

    private enum Kind {
        NUMBER("a number", "numbers"), STRING("a string", "strings"), BOOLEAN("a boolean", "booleans");

        final String one;
        final String many;

        Kind(String one, String many) {
            this.one = one;
            this.many = many;
        }
    }

    private PredicateCompiler() {
    }

    /**
     * @param operatorText the operator as the pipeline wrote it, for messages
     * @throws StageException CONFIG (key {@code operator} or {@code value}) when the operator or
     *                        value does not fit the column's type, DATA when the type cannot be filtered
     */
    static RowPredicate compile(Field field, FilterOperator operator, String operatorText, Object value)
            throws StageException {
        ArrowType type = field.getType();
        String column = "column '" + field.getName() + "' (" + TypeNames.of(field) + ")";
        Kind kind;
        if (type instanceof ArrowType.Int || type instanceof ArrowType.FloatingPoint) {
            kind = Kind.NUMBER;
        } else if (type instanceof ArrowType.Utf8) {
            kind = Kind.STRING;
        } else if (type instanceof ArrowType.Bool) {
            kind = Kind.BOOLEAN;
        } else {
            throw StageException.data(column + " has a type filter.apply cannot compare; it compares "
                    + "integer, float, bool and utf8 columns");
        }
        if (operator == FilterOperator.CONTAINS && kind != Kind.STRING) {
            throw StageException.config("operator", "config key 'operator' is \"contains\", which needs a utf8 "
                    + "column, but " + column + " is not one");
        }
        if (operator.isOrdering() && kind == Kind.BOOLEAN) {
            throw StageException.config("operator", "config key 'operator' is " + ConfigValues.toml(operatorText)
                    + ", which is not defined for " + column + ": use \"==\" or \"!=\"");
        }
        List<Object> operands = operator == FilterOperator.IN ? List.copyOf((List<?>) value) : List.of(value);
        for (Object operand : operands) {
            if (kindOf(operand) != kind) {
                throw StageException.config("value", "config key 'value' must "
                        + (operator == FilterOperator.IN ? "hold " + kind.many : "be " + kind.one)
                        + " to compare with " + column + ", got " + ConfigValues.describe(value));
            }
        }
        return switch (kind) {
            case NUMBER -> NumericPredicates.of(type, operator, operands);
            case STRING -> TextPredicates.of(operator, operands);
            case BOOLEAN -> booleans(operator, operands);
        };
    }

    private static Kind kindOf(Object operand) {
        if (operand instanceof Long || operand instanceof Double) {
            return Kind.NUMBER;
        }
        if (operand instanceof String) {
            return Kind.STRING;
        }
        return operand instanceof Boolean ? Kind.BOOLEAN : null;
    }

    private static RowPredicate booleans(FilterOperator operator, List<Object> operands) {
        boolean matchTrue = operator == FilterOperator.NE ? !operands.contains(Boolean.TRUE) : operands.contains(Boolean.TRUE);
        boolean matchFalse = operator == FilterOperator.NE ? !operands.contains(Boolean.FALSE) : operands.contains(Boolean.FALSE);
        return (vector, rows, selected) -> {
            BitVector v = (BitVector) vector;
            int n = 0;
            for (int i = 0; i < rows; i++) {
                if (!v.isNull(i) && (v.get(i) != 0 ? matchTrue : matchFalse)) {
                    selected[n++] = i;
                }
            }
            return n;
        };
    }
}
