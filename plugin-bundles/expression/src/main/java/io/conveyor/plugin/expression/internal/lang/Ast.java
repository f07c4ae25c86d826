package io.conveyor.plugin.expression.internal.lang;

import java.util.List;

/**
 * The syntax tree of an expression, as written, before names and types are known. Every node
 * carries its {@link Span} in the expression text, so that problems can point at it.
 */
public sealed interface Ast {

    Span span();

    /**
     * Where a node is in the expression: {@code [start, end)} in characters (code points), and
     * {@code at}, the character a problem with the node points at (an operator's own position
     * for operations, else the start).
     */
    record Span(int start, int end, int at) {
        public static Span of(int start, int end) {
            return new Span(start, end, start);
        }

        public Span pointingAt(int at) {
            return new Span(start, end, at);
        }
    }

    /** A literal: a {@code Long}, {@code Double}, {@code String}, {@code Boolean}, or {@code null}. */
    record Literal(Object value, Span span) implements Ast {
    }

    /**
     * A column name. {@code quoted} tells how it was written: bare names match a column's
     * name exactly, or else ignoring case when exactly one column matches that way; quoted
     * names match exactly.
     */
    record Column(String name, Quoting quoting, Span span) implements Ast {
    }

    enum Quoting { BARE, DOUBLE_QUOTES, BACKTICKS }

    /** {@code -x}, {@code +x} or {@code not x}. */
    record Unary(String operator, Ast operand, Span span) implements Ast {
    }

    /**
     * A binary operation; {@code operator} is one of {@code + - * / % || = != < <= > >= and or}
     * ({@code ==} reads as {@code =} and {@code <>} as {@code !=}; {@code written} keeps the spelling).
     */
    record Binary(String operator, String written, Ast left, Ast right, Span span) implements Ast {
    }

    record In(Ast value, List<Ast> list, boolean negated, Span span) implements Ast {
    }

    record IsNull(Ast value, boolean negated, Span span) implements Ast {
    }

    record Like(Ast value, Ast pattern, boolean negated, boolean ignoreCase, Span span) implements Ast {
    }

    record Between(Ast value, Ast low, Ast high, boolean negated, Span span) implements Ast {
    }

    /** {@code case [subject] when w then t ... [else e] end}; {@code subject} and {@code otherwise} may be null. */
    record Case(Ast subject, List<Ast> whens, List<Ast> thens, Ast otherwise, Span span) implements Ast {
    }

    /** {@code cast(x as type)}, {@code try_cast(x as type)} (null instead of an error) or {@code x::type}. */
    record Cast(Ast value, String typeName, Span typeSpan, boolean orNull, Span span) implements Ast {
    }

    record Call(String function, List<Ast> arguments, Span span) implements Ast {
    }
}
