package io.conveyor.plugin.expression.internal.map;

import java.util.ArrayList;
import java.util.List;

import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.plugin.expression.internal.eval.CompiledExpression;
import io.conveyor.plugin.expression.internal.lang.Ast;
import io.conveyor.plugin.expression.internal.lang.ExpressionException;

/**
 * The computed columns compiled for one input schema, and where each goes in the output: in
 * place of the input column of the same name, or after the input's columns.
 */
final class MapPlan {

    /** An output whose expression does not compile for the schema. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        final transient MapApply.Output output;
        final ExpressionException cause;

        Failure(MapApply.Output output, ExpressionException cause) {
            super(cause.getMessage(), null, false, false);
            this.output = output;
            this.cause = cause;
        }
    }

    final Schema input;
    final Schema output;
    final List<CompiledExpression> compiled;
    /** For each output column: the index of its computed expression, or -1 when it is the input's column. */
    final int[] source;

    private MapPlan(Schema input, Schema output, List<CompiledExpression> compiled, int[] source) {
        this.input = input;
        this.output = output;
        this.compiled = compiled;
        this.source = source;
    }

    Schema output() {
        return output;
    }

    static MapPlan of(List<MapApply.Output> outputs, Schema input) throws Failure {
        List<CompiledExpression> compiled = new ArrayList<>();
        for (MapApply.Output output : outputs) {
            try {
                compiled.add(output.expression().compile(input, ast -> legacyText(ast, input), null));
            } catch (ExpressionException e) {
                throw new Failure(output, e);
            }
        }
        List<Field> fields = new ArrayList<>(input.getFields());
        List<Integer> sources = new ArrayList<>();
        fields.forEach(f -> sources.add(-1));
        for (int k = 0; k < outputs.size(); k++) {
            String name = outputs.get(k).name();
            Field field = compiled.get(k).field(name);
            int at = indexOf(fields, name);
            if (at >= 0) {
                fields.set(at, field);
                sources.set(at, k);
            } else {
                fields.add(field);
                sources.add(k);
            }
        }
        return new MapPlan(input, new Schema(fields), compiled, sources.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Every problem of every output's expression for the schema. */
    static List<ConfigProblem> problems(List<MapApply.Output> outputs, Schema input) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (MapApply.Output output : outputs) {
            if (output.expression().ast() == null) {
                continue;
            }
            try {
                output.expression().compile(input, ast -> legacyText(ast, input), null);
            } catch (ExpressionException e) {
                problems.addAll(output.expression().problems(e));
            }
        }
        return problems;
    }

    private static int indexOf(List<Field> fields, String name) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).getName().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The original tool read an expression that is only {@code "text"} in double quotes as that
     * text; in SQL it names a column. Both hold: it is the column when the input has one of that
     * name, else the text.
     */
    static Ast legacyText(Ast ast, Schema input) {
        if (ast instanceof Ast.Column column && column.quoting() == Ast.Quoting.DOUBLE_QUOTES
                && indexOf(input.getFields(), column.name()) < 0) {
            return new Ast.Literal(column.name(), column.span());
        }
        return ast;
    }
}
