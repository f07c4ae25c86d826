package io.conveyor.plugin.expression.internal.eval;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

import io.conveyor.plugin.expression.internal.lang.ExpressionError;
import io.conveyor.plugin.expression.internal.lang.ExpressionException;
import io.conveyor.plugin.expression.internal.lang.Parsing;

/**
 * Evaluates expressions over a batch and renders the results as SQL shows them: text in single
 * quotes, floats as Java prints them, dates and timestamps in ISO form, nulls as {@code null}.
 */
final class Evaluations {

    private Evaluations() {
    }

    /** {@code int64: 1, 2, null}: the type, then each row's value. */
    static String evaluate(VectorSchemaRoot batch, String expression, BufferAllocator allocator)
            throws ExpressionException, EvalException {
        CompiledExpression compiled = Compiler.compile(expression, Parsing.parse(expression), batch.getSchema());
        try (FieldVector result = compiled.evaluate(batch, "result", allocator)) {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < result.getValueCount(); i++) {
                values.add(render(result, i));
            }
            return compiled.type().displayName() + ": " + String.join(", ", values);
        }
    }

    /** The rows {@code select} keeps, as 0-based indexes. */
    static List<Integer> selected(VectorSchemaRoot batch, String expression) throws ExpressionException, EvalException {
        CompiledExpression compiled = Compiler.compile(expression, Parsing.parse(expression), batch.getSchema());
        int[] selected = new int[batch.getRowCount()];
        int count = compiled.select(batch, selected);
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(selected[i]);
        }
        return rows;
    }

    /** What evaluating the expression says is wrong, as the sentence a stage reports. */
    static String problem(VectorSchemaRoot batch, String expression, BufferAllocator allocator) {
        try {
            String result = evaluate(batch, expression, allocator);
            return "no problem: " + result;
        } catch (ExpressionException e) {
            return e.errors().stream().map(error -> error.sentence("expression", expression))
                    .collect(Collectors.joining("\n"));
        } catch (EvalException e) {
            return new ExpressionError(e.at(), e.getMessage()).sentence("expression", expression);
        }
    }

    static String render(FieldVector vector, int i) {
        if (vector.isNull(i)) {
            return "null";
        }
        if (vector instanceof VarCharVector v) {
            return "'" + new String(v.get(i), StandardCharsets.UTF_8).replace("'", "''") + "'";
        }
        if (vector instanceof BitVector v) {
            return v.get(i) == 1 ? "true" : "false";
        }
        if (vector instanceof Float8Vector v) {
            return Double.toString(v.get(i));
        }
        if (vector instanceof DateDayVector v) {
            return java.time.LocalDate.ofEpochDay(v.get(i)).toString();
        }
        if (vector instanceof TimeStampMicroVector v) {
            long micros = v.get(i);
            return java.time.LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000),
                    (int) Math.floorMod(micros, 1_000_000) * 1000, java.time.ZoneOffset.UTC).toString().replace('T', ' ');
        }
        return String.valueOf(vector.getObject(i));
    }
}
