package io.conveyor.plugin.expression.internal.lang;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

import io.conveyor.plugin.expression.internal.lang.Ast.Span;
import io.conveyor.plugin.expression.internal.lang.ExpressionParser.*;

/** Turns ANTLR's parse tree into the {@link Ast}, one precedence level at a time. */
final class AstBuilder extends ExpressionBaseVisitor<Ast> {

    /** A literal the grammar accepts but that has no value (an integer beyond int64). */
    static final class LiteralError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int at;

        LiteralError(int at, String message) {
            super(message, null, false, false);
            this.at = at;
        }
    }

    private static Span span(ParserRuleContext context) {
        return Span.of(Parsing.start(context), Parsing.end(context));
    }

    private static Span span(ParserRuleContext context, Token at) {
        return span(context).pointingAt(at.getStartIndex());
    }

    private static Span between(Ast left, Ast right, Token at) {
        return new Span(left.span().start(), right.span().end(), at.getStartIndex());
    }

    @Override
    public Ast visitExpression(ExpressionContext ctx) {
        return visit(ctx.orExpr());
    }

    /** Folds {@code a op b op c} to the left; the operators are the terminal children between operands. */
    private Ast leftFold(ParserRuleContext ctx) {
        Ast result = visit(ctx.getChild(0));
        for (int i = 1; i + 1 < ctx.getChildCount(); i += 2) {
            Token operator = operatorToken(ctx.getChild(i));
            Ast right = visit(ctx.getChild(i + 1));
            String written = operator.getText().toLowerCase(Locale.ROOT);
            result = new Ast.Binary(canonical(written), written, result, right, between(result, right, operator));
        }
        return result;
    }

    private static Token operatorToken(ParseTree child) {
        if (child instanceof TerminalNode terminal) {
            return terminal.getSymbol();
        }
        return ((ParserRuleContext) child).getStart();
    }

    private static String canonical(String operator) {
        return switch (operator) {
            case "==" -> "=";
            case "<>" -> "!=";
            default -> operator;
        };
    }

    @Override
    public Ast visitOrExpr(OrExprContext ctx) {
        return leftFold(ctx);
    }

    @Override
    public Ast visitAndExpr(AndExprContext ctx) {
        return leftFold(ctx);
    }

    @Override
    public Ast visitNotExpr(NotExprContext ctx) {
        if (ctx.NOT() != null) {
            return new Ast.Unary("not", visit(ctx.notExpr()), span(ctx, ctx.NOT().getSymbol()));
        }
        return visit(ctx.isExpr());
    }

    @Override
    public Ast visitIsExpr(IsExprContext ctx) {
        Ast result = visit(ctx.comparison());
        Token is = null;
        boolean negated = false;
        for (int i = 1; i < ctx.getChildCount(); i++) {
            Token token = ((TerminalNode) ctx.getChild(i)).getSymbol();
            switch (token.getType()) {
                case ExpressionLexer.IS -> {
                    is = token;
                    negated = false;
                }
                case ExpressionLexer.NOT -> negated = true;
                default -> result = new Ast.IsNull(result, negated,
                        new Span(result.span().start(), token.getStopIndex() + 1, is.getStartIndex()));
            }
        }
        return result;
    }

    @Override
    public Ast visitComparison(ComparisonContext ctx) {
        return leftFold(ctx);
    }

    @Override
    public Ast visitInPredicate(InPredicateContext ctx) {
        List<Ast> list = new ArrayList<>();
        for (ExpressionContext item : ctx.expression()) {
            list.add(visit(item));
        }
        return new Ast.In(visit(ctx.concat()), list, ctx.NOT() != null, span(ctx, ctx.IN().getSymbol()));
    }

    @Override
    public Ast visitLikePredicate(LikePredicateContext ctx) {
        return new Ast.Like(visit(ctx.concat(0)), visit(ctx.concat(1)), ctx.NOT() != null,
                ctx.op.getType() == ExpressionLexer.ILIKE, span(ctx, ctx.op));
    }

    @Override
    public Ast visitBetweenPredicate(BetweenPredicateContext ctx) {
        return new Ast.Between(visit(ctx.concat(0)), visit(ctx.concat(1)), visit(ctx.concat(2)), ctx.NOT() != null,
                span(ctx, ctx.BETWEEN().getSymbol()));
    }

    @Override
    public Ast visitPlainPredicate(PlainPredicateContext ctx) {
        return visit(ctx.concat());
    }

    @Override
    public Ast visitConcat(ConcatContext ctx) {
        return leftFold(ctx);
    }

    @Override
    public Ast visitAdditive(AdditiveContext ctx) {
        return leftFold(ctx);
    }

    @Override
    public Ast visitMultiplicative(MultiplicativeContext ctx) {
        return leftFold(ctx);
    }

    @Override
    public Ast visitUnary(UnaryContext ctx) {
        if (ctx.op == null) {
            return visit(ctx.postfix());
        }
        String operator = ctx.op.getText();
        Token literal = integerLiteral(ctx.unary());
        if (operator.equals("-") && literal != null) {
            // so that -9223372036854775808, whose digits alone are beyond int64, is a literal too
            return new Ast.Literal(integer("-" + literal.getText(), ctx.op.getStartIndex()), span(ctx));
        }
        return new Ast.Unary(operator, visit(ctx.unary()), span(ctx, ctx.op));
    }

    /** The token of a plain integer literal operand, or null. */
    private static Token integerLiteral(UnaryContext operand) {
        if (operand.postfix() == null || !operand.postfix().typeName().isEmpty()
                || !(operand.postfix().primary() instanceof LiteralPrimaryContext primary)) {
            return null;
        }
        return primary.literal().INTEGER() != null ? primary.literal().INTEGER().getSymbol() : null;
    }

    @Override
    public Ast visitPostfix(PostfixContext ctx) {
        Ast result = visit(ctx.primary());
        for (TypeNameContext type : ctx.typeName()) {
            Token marker = ((TerminalNode) ctx.getChild(ctx.children.indexOf(type) - 1)).getSymbol();
            result = new Ast.Cast(result, typeName(type), span(type), false,
                    new Span(result.span().start(), Parsing.end(type), marker.getStartIndex()));
        }
        return result;
    }

    @Override
    public Ast visitLiteralPrimary(LiteralPrimaryContext ctx) {
        LiteralContext literal = ctx.literal();
        Token token = literal.getStart();
        Object value = switch (token.getType()) {
            case ExpressionLexer.INTEGER -> integer(token.getText(), token.getStartIndex());
            case ExpressionLexer.DECIMAL -> Double.parseDouble(token.getText());
            case ExpressionLexer.STRING -> unquote(token.getText(), '\'');
            case ExpressionLexer.TRUE -> Boolean.TRUE;
            case ExpressionLexer.FALSE -> Boolean.FALSE;
            default -> null;
        };
        return new Ast.Literal(value, span(ctx));
    }

    private static Long integer(String digits, int at) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new LiteralError(at, "the integer " + digits + " is beyond int64; write it with a decimal point "
                    + "for a float64");
        }
    }

    @Override
    public Ast visitSearchedCase(SearchedCaseContext ctx) {
        List<ExpressionContext> parts = ctx.expression();
        return caseOf(ctx, null, parts, ctx.ELSE() != null);
    }

    @Override
    public Ast visitSimpleCase(SimpleCaseContext ctx) {
        List<ExpressionContext> parts = ctx.expression();
        return caseOf(ctx, visit(parts.get(0)), parts.subList(1, parts.size()), ctx.ELSE() != null);
    }

    private Ast caseOf(ParserRuleContext ctx, Ast subject, List<ExpressionContext> parts, boolean hasElse) {
        List<Ast> whens = new ArrayList<>();
        List<Ast> thens = new ArrayList<>();
        int pairs = (parts.size() - (hasElse ? 1 : 0)) / 2;
        for (int i = 0; i < pairs; i++) {
            whens.add(visit(parts.get(2 * i)));
            thens.add(visit(parts.get(2 * i + 1)));
        }
        Ast otherwise = hasElse ? visit(parts.get(parts.size() - 1)) : null;
        return new Ast.Case(subject, whens, thens, otherwise, span(ctx));
    }

    @Override
    public Ast visitCastPrimary(CastPrimaryContext ctx) {
        return new Ast.Cast(visit(ctx.expression()), typeName(ctx.typeName()), span(ctx.typeName()),
                ctx.op.getType() == ExpressionLexer.TRY_CAST, span(ctx));
    }

    private static String typeName(TypeNameContext type) {
        return name(type.identifier()).toLowerCase(Locale.ROOT);
    }

    @Override
    public Ast visitCallPrimary(CallPrimaryContext ctx) {
        List<Ast> arguments = new ArrayList<>();
        for (ExpressionContext argument : ctx.expression()) {
            arguments.add(visit(argument));
        }
        return new Ast.Call(name(ctx.identifier()).toLowerCase(Locale.ROOT), arguments, span(ctx));
    }

    @Override
    public Ast visitColumnPrimary(ColumnPrimaryContext ctx) {
        Token token = ctx.identifier().getStart();
        Ast.Quoting quoting = switch (token.getType()) {
            case ExpressionLexer.QUOTED_IDENTIFIER -> Ast.Quoting.DOUBLE_QUOTES;
            case ExpressionLexer.BACKTICK_IDENTIFIER -> Ast.Quoting.BACKTICKS;
            default -> Ast.Quoting.BARE;
        };
        return new Ast.Column(name(ctx.identifier()), quoting, span(ctx));
    }

    private static String name(IdentifierContext identifier) {
        Token token = identifier.getStart();
        return switch (token.getType()) {
            case ExpressionLexer.QUOTED_IDENTIFIER -> unquote(token.getText(), '"');
            case ExpressionLexer.BACKTICK_IDENTIFIER -> unquote(token.getText(), '`');
            default -> token.getText();
        };
    }

    @Override
    public Ast visitParenPrimary(ParenPrimaryContext ctx) {
        return visit(ctx.expression());
    }

    private static String unquote(String text, char quote) {
        String inner = text.substring(1, text.length() - 1);
        String doubled = String.valueOf(quote) + quote;
        return inner.replace(doubled, String.valueOf(quote));
    }
}
