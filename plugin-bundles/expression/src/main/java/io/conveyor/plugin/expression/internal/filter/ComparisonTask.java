package io.conveyor.plugin.expression.internal.filter;

import java.util.List;

import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

import io.conveyor.api.stage.StageContext;
import io.conveyor.api.stage.StageException;
import io.conveyor.plugin.expression.internal.eval.Suggestions;
import io.conveyor.plugin.kit.column.RowCopy;

/** The original tool's form: one column compared with a value; the predicate is compiled for each new column type. */
final class ComparisonTask extends SelectingTask {

    private final String column;
    private final String operatorText;
    private final FilterOperator operator;
    private final Object value;
    private Field compiledFor;
    private RowPredicate predicate;

    ComparisonTask(String column, String operatorText, Object value, StageContext context) {
        super(context);
        this.column = column;
        this.operatorText = operatorText;
        this.operator = FilterOperator.parse(operatorText);
        this.value = value;
    }

    /** {@code 'price', which input 'in' does not have (did you mean 'prices'?)}, for validation. */
    static String missing(String column, String input, Schema schema) {
        List<String> names = schema.getFields().stream().map(Field::getName).toList();
        String hint = Suggestions.didYouMean(column, names);
        return "'" + column + "', which input '" + input + "' does not have"
                + (hint.isEmpty() ? " (columns: " + String.join(", ", names) + ")" : hint);
    }

    @Override
    int select(String input, VectorSchemaRoot batch, int[] selected) throws StageException {
        FieldVector vector = batch.getVector(column);
        if (vector == null) {
            throw StageException.data("column '" + column + "' is not in input '" + input + "' (columns: "
                    + RowCopy.columnNames(batch) + ")");
        }
        if (!vector.getField().equals(compiledFor)) {
            predicate = PredicateCompiler.compile(vector.getField(), operator, operatorText, value);
            compiledFor = vector.getField();
        }
        return predicate.select(vector, batch.getRowCount(), selected);
    }
}
