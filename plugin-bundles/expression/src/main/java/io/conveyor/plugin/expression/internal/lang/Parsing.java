package io.conveyor.plugin.expression.internal.lang;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.Vocabulary;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/** Reads an expression's text into its {@link Ast}, or says where and why it cannot. */
public final class Parsing {

    private static final int MAX_EXPECTED_SHOWN = 3;

    private Parsing() {
    }

    /**
     * @throws ExpressionException for the first syntax error: an unclosed quote, a character the
     *                             language does not have, or a token where it cannot be
     */
    public static Ast parse(String text) throws ExpressionException {
        if (text.isBlank()) {
            throw new ExpressionException(0, "the expression is empty");
        }
        ExpressionLexer lexer = new ExpressionLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        tokens.fill();
        checkTokens(tokens.getTokens());
        ExpressionParser parser = new ExpressionParser(tokens);
        parser.removeErrorListeners();
        parser.setErrorHandler(new BailErrorStrategy());
        parser.getInterpreter().setPredictionMode(PredictionMode.LL);
        ExpressionParser.ParseContext tree;
        try {
            tree = parser.parse();
        } catch (ParseCancellationException e) {
            throw syntaxError(parser, e.getCause() instanceof RecognitionException r ? r : null, text);
        }
        try {
            return new AstBuilder().visit(tree.expression());
        } catch (AstBuilder.LiteralError e) {
            throw new ExpressionException(e.at, e.getMessage());
        }
    }

    private static void checkTokens(List<? extends Token> tokens) throws ExpressionException {
        for (Token token : tokens) {
            String message = switch (token.getType()) {
                case ExpressionLexer.UNCLOSED_STRING ->
                        "the string that starts here is never closed (write a ' inside a string as '')";
                case ExpressionLexer.UNCLOSED_QUOTED_IDENTIFIER -> "the quoted name that starts here is never closed";
                case ExpressionLexer.UNCLOSED_BACKTICK_IDENTIFIER ->
                        "the `quoted` name that starts here is never closed";
                case ExpressionLexer.UNEXPECTED_CHARACTER -> unexpectedCharacter(token.getText());
                default -> null;
            };
            if (message != null) {
                throw new ExpressionException(token.getStartIndex(), message);
            }
        }
    }

    private static String unexpectedCharacter(String character) {
        String hint = switch (character) {
            case "!" -> " (use 'not', or '!=' to compare)";
            case "&" -> " (use 'and')";
            case "|" -> " (use 'or', or '||' to join text)";
            case ";" -> " (an expression is one expression, without ';')";
            default -> "";
        };
        return "unexpected character '" + character + "'" + hint;
    }

    private static ExpressionException syntaxError(ExpressionParser parser, RecognitionException cause,
            String text) {
        Token offending = cause != null && cause.getOffendingToken() != null ? cause.getOffendingToken()
                : parser.getCurrentToken();
        IntervalSet expected = cause != null ? cause.getExpectedTokens() : parser.getExpectedTokens();
        if (offending.getType() == Token.EOF) {
            int end = parser.getInputStream().getTokenSource().getInputStream().size();
            return new ExpressionException(end, "the expression ends too early"
                    + unclosed((CommonTokenStream) parser.getInputStream(), expected, parser.getVocabulary(), text));
        }
        return new ExpressionException(offending.getStartIndex(), "unexpected " + describe(offending)
                + expectedHint(expected, parser.getVocabulary()));
    }

    /** Why an expression ends too early: a '(' or 'case' never closed, or what was expected. */
    private static String unclosed(CommonTokenStream tokens, IntervalSet expected, Vocabulary vocabulary,
            String text) {
        List<Token> open = new ArrayList<>();
        for (Token token : tokens.getTokens()) {
            switch (token.getType()) {
                case ExpressionLexer.LPAREN, ExpressionLexer.CASE -> open.add(token);
                case ExpressionLexer.RPAREN, ExpressionLexer.END -> {
                    if (!open.isEmpty()) {
                        open.remove(open.size() - 1);
                    }
                }
                default -> {
                    // other tokens do not nest
                }
            }
        }
        if (!open.isEmpty()) {
            Token last = open.get(open.size() - 1);
            boolean paren = last.getType() == ExpressionLexer.LPAREN;
            return ": the " + (paren ? "'('" : "'case'") + " at "
                    + ExpressionError.position(text, last.getStartIndex()) + " is never "
                    + "closed with " + (paren ? "')'" : "'end'");
        }
        return expectedHint(expected, vocabulary);
    }

    private static String describe(Token token) {
        return switch (token.getType()) {
            case ExpressionLexer.STRING -> "string " + token.getText();
            case ExpressionLexer.INTEGER, ExpressionLexer.DECIMAL -> "number " + token.getText();
            case ExpressionLexer.IDENTIFIER, ExpressionLexer.QUOTED_IDENTIFIER, ExpressionLexer.BACKTICK_IDENTIFIER ->
                    "name " + token.getText();
            default -> "'" + token.getText().toLowerCase(Locale.ROOT) + "'";
        };
    }

    /** {@code (expected ')')}, or {@code (expected 'then')}, when what could come is short to say. */
    private static String expectedHint(IntervalSet expected, Vocabulary vocabulary) {
        if (expected == null || expected.isNil() || expected.size() > MAX_EXPECTED_SHOWN) {
            return "";
        }
        List<String> names = new ArrayList<>();
        for (int type : expected.toList()) {
            String literal = type == Token.EOF ? null : vocabulary.getLiteralName(type);
            if (literal == null) {
                return "";
            }
            names.add(literal.toLowerCase(Locale.ROOT));
        }
        return " (expected " + String.join(" or ", names) + ")";
    }

    static int start(ParserRuleContext context) {
        return context.getStart().getStartIndex();
    }

    static int end(ParserRuleContext context) {
        Token stop = context.getStop();
        return stop == null || stop.getType() == Token.EOF ? start(context) : stop.getStopIndex() + 1;
    }
}
