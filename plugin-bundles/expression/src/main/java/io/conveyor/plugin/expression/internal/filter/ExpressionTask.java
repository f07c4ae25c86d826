package io.conveyor.plugin.expression.internal.filter;

import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

import io.conveyor.api.stage.StageContext;
import io.conveyor.api.stage.StageException;
import io.conveyor.plugin.expression.internal.eval.CompiledExpression;
import io.conveyor.plugin.expression.internal.eval.EvalException;
import io.conveyor.plugin.expression.internal.eval.StageExpression;
import io.conveyor.plugin.expression.internal.lang.ExpressionException;
import io.conveyor.plugin.expression.internal.lang.Type;

/** The expression form: the condition is compiled for each new input schema and evaluated a batch at a time. */
final class ExpressionTask extends SelectingTask {

    private final StageExpression expression;
    private CompiledExpression compiled;

    ExpressionTask(StageExpression expression, StageContext context) {
        super(context);
        this.expression = expression;
    }

    @Override
    int select(String input, VectorSchemaRoot batch, int[] selected) throws StageException {
        Schema schema = batch.getSchema();
        if (compiled == null || !compiled.schema().equals(schema)) {
            try {
                compiled = expression.compile(schema, ast -> ast, Type.BOOL);
            } catch (ExpressionException e) {
                throw expression.configError(e);
            }
        }
        try {
            return compiled.select(batch, selected);
        } catch (EvalException e) {
            throw expression.dataError(e);
        }
    }
}
