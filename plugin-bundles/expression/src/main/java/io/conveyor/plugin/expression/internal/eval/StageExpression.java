package io.conveyor.plugin.expression.internal.eval;

import java.util.List;
import java.util.function.UnaryOperator;

import org.apache.arrow.vector.types.pojo.Schema;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.api.stage.ErrorCode;
import io.conveyor.api.stage.StageException;
import io.conveyor.plugin.expression.internal.lang.Ast;
import io.conveyor.plugin.expression.internal.lang.ExpressionError;
import io.conveyor.plugin.expression.internal.lang.ExpressionException;
import io.conveyor.plugin.expression.internal.lang.Parsing;
import io.conveyor.plugin.expression.internal.lang.Type;

/**
 * An expression as a stage's config holds it: its text, the key it is under, and its syntax
 * tree, or the syntax error that stopped it. Problems become sentences naming the key and the
 * position: {@code config key 'expression' at column 12: unknown column 'amout' (did you mean 'amount'?)}.
 */
public final class StageExpression {

    private final String key;
    private final String path;
    private final String text;
    private final Ast ast;
    private final ExpressionError syntaxError;

    private StageExpression(String key, String path, String text, Ast ast, ExpressionError syntaxError) {
        this.key = key;
        this.path = path;
        this.text = text;
        this.ast = ast;
        this.syntaxError = syntaxError;
    }

    /**
     * @param key  the config key problems are located at ({@code expression}, {@code columns})
     * @param path the name messages give it ({@code expression}, {@code columns.total})
     */
    public static StageExpression parse(String key, String path, String text) {
        try {
            return new StageExpression(key, path, text, Parsing.parse(text), null);
        } catch (ExpressionException e) {
            return new StageExpression(key, path, text, null, e.first());
        }
    }

    public String text() {
        return text;
    }

    /** The syntax tree, or null when the text does not parse. */
    public Ast ast() {
        return ast;
    }

    /** The syntax error, as a problem for the key, or null when the text parses. */
    public ConfigProblem syntaxProblem() {
        return syntaxError == null ? null : problem(syntaxError);
    }

    private ConfigProblem problem(ExpressionError error) {
        return new ConfigProblem(key, error.sentence(path, text));
    }

    /**
     * Compiles for batches of {@code schema}, after {@code rewrite} (which may change the tree for
     * that schema), requiring a value of {@code required} type when it is not null.
     *
     * @throws ExpressionException the problems, when it does not compile
     */
    public CompiledExpression compile(Schema schema, UnaryOperator<Ast> rewrite, Type required)
            throws ExpressionException {
        CompiledExpression compiled = Compiler.compile(text, rewrite.apply(ast), schema);
        if (required != null && compiled.type() != required && compiled.type() != Type.NULL) {
            throw new ExpressionException(ast.span().start(), "the expression must be a condition, true or false "
                    + "for each row, but it gives " + compiled.type().displayName() + " values");
        }
        return compiled;
    }

    /** The problems of compiling for {@code schema}, each a sentence for the key. */
    public List<ConfigProblem> problems(ExpressionException e) {
        return e.errors().stream().map(this::problem).toList();
    }

    /** The first problem of compiling, as the error a run fails with. */
    public StageException configError(ExpressionException e) {
        return StageException.config(key, e.first().sentence(path, text));
    }

    /** A value the expression cannot compute, as the error a run fails with. */
    public StageException dataError(EvalException e) {
        return new StageException(ErrorCode.DATA, key, new ExpressionError(e.at(), e.getMessage()).sentence(path, text),
                null);
    }
}
