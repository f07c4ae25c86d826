package io.conveyor.plugin.expression.internal.eval;

import java.util.Arrays;

import io.conveyor.plugin.expression.internal.lang.Type;

/**
 * {@code x [not] like pattern} and {@code ilike} (ignoring case): {@code %} matches any run of
 * characters, {@code _} exactly one character, and a backslash makes the next character literal.
 * A constant pattern is compiled once, and the common shapes (no wildcard, {@code abc%},
 * {@code %abc}, {@code %abc%}) become plain byte comparisons.
 */
final class Like extends Kernel {

    static final byte LITERAL = 0;
    static final byte ANY_RUN = 1;
    static final byte ONE_CHAR = 2;

    private enum Shape { EQUALS, PREFIX, SUFFIX, CONTAINS, GENERAL }

    private final Kernel value;
    private final Kernel pattern;
    private final boolean negated;
    private final boolean ignoreCase;
    private final Compiled constant;
    private final Compiled scratchPattern = new Compiled();
    private final Vec folded = new Vec(Type.STRING);
    private final Vec foldedPattern = new Vec(Type.STRING);

    /** A pattern as bytes and what each byte is: a literal byte, or a wildcard. */
    static final class Compiled {
        byte[] bytes = new byte[16];
        byte[] kinds = new byte[16];
        int length;
        Shape shape;
        int literalStart;
        int literalEnd;

        void compile(byte[] pattern, int start, int end) {
            if (bytes.length < end - start) {
                bytes = new byte[end - start];
                kinds = new byte[end - start];
            }
            length = 0;
            for (int i = start; i < end; i++) {
                byte b = pattern[i];
                if (b == '\\' && i + 1 < end) {
                    add(pattern[++i], LITERAL);
                } else if (b == '%') {
                    if (length == 0 || kinds[length - 1] != ANY_RUN) {
                        add(b, ANY_RUN);
                    }
                } else if (b == '_') {
                    add(b, ONE_CHAR);
                } else {
                    add(b, LITERAL);
                }
            }
            classify();
        }

        private void add(byte b, byte kind) {
            bytes[length] = b;
            kinds[length++] = kind;
        }

        private void classify() {
            int first = 0;
            int last = length;
            boolean leading = length > 0 && kinds[0] == ANY_RUN;
            boolean trailing = length > (leading ? 1 : 0) && kinds[length - 1] == ANY_RUN;
            if (leading) {
                first++;
            }
            if (trailing) {
                last--;
            }
            for (int i = first; i < last; i++) {
                if (kinds[i] != LITERAL) {
                    shape = Shape.GENERAL;
                    return;
                }
            }
            literalStart = first;
            literalEnd = last;
            shape = leading && trailing ? Shape.CONTAINS : leading ? Shape.SUFFIX : trailing ? Shape.PREFIX : Shape.EQUALS;
        }

        boolean matches(byte[] text, int start, int end) {
            int n = literalEnd - literalStart;
            return switch (shape) {
                case EQUALS -> end - start == n && Bytes.equal(text, start, bytes, literalStart, n);
                case PREFIX -> end - start >= n && Bytes.equal(text, start, bytes, literalStart, n);
                case SUFFIX -> end - start >= n && Bytes.equal(text, end - n, bytes, literalStart, n);
                case CONTAINS -> Utf8.contains(text, start, end, bytes, literalStart, literalEnd);
                case GENERAL -> general(text, start, end);
            };
        }

        /** Wildcard matching that backtracks only to the last {@code %}: linear in practice, no allocation. */
        private boolean general(byte[] text, int start, int end) {
            int t = start;
            int p = 0;
            int starP = -1;
            int starT = -1;
            while (t < end) {
                if (p < length && kinds[p] == ONE_CHAR) {
                    t = Utf8.next(text, t, end);
                    p++;
                } else if (p < length && kinds[p] == LITERAL && bytes[p] == text[t]) {
                    t++;
                    p++;
                } else if (p < length && kinds[p] == ANY_RUN) {
                    starP = p++;
                    starT = t;
                } else if (starP >= 0) {
                    p = starP + 1;
                    starT = Utf8.next(text, starT, end);
                    t = starT;
                } else {
                    return false;
                }
            }
            while (p < length && kinds[p] == ANY_RUN) {
                p++;
            }
            return p == length;
        }
    }

    Like(Kernel value, Kernel pattern, boolean negated, boolean ignoreCase, int at) {
        super(Type.BOOL, at);
        this.value = value;
        this.pattern = pattern;
        this.negated = negated;
        this.ignoreCase = ignoreCase;
        if (pattern instanceof Const c && !c.isNull()) {
            byte[] bytes = c.stringValue();
            if (ignoreCase) {
                Vec lower = new Vec(Type.STRING);
                lower.reset(1);
                lower.endString(0, Utf8.appendCased(bytes, 0, bytes.length, false, lower, 0));
                bytes = Arrays.copyOf(lower.bytes, lower.stringEnd(0));
            }
            constant = new Compiled();
            constant.compile(bytes, 0, bytes.length);
        } else {
            constant = null;
        }
    }

    @Override
    void compute(Frame frame, Vec out) throws EvalException {
        Vec a = value.eval(frame);
        Vec text = ignoreCase ? lower(a) : a;
        int n = out.rows;
        boolean[] r = out.bools;
        if (constant != null) {
            out.nullsFrom(a, null);
            for (int i = 0; i < n; i++) {
                r[i] = constant.matches(text.bytes, text.stringStart(i), text.stringEnd(i)) != negated;
            }
            return;
        }
        Vec p = ignoreCase ? lowerPattern(pattern.eval(frame)) : pattern.eval(frame);
        out.nullsFrom(a, p);
        for (int i = 0; i < n; i++) {
            if (!out.isNull(i)) {
                scratchPattern.compile(p.bytes, p.stringStart(i), p.stringEnd(i));
                r[i] = scratchPattern.matches(text.bytes, text.stringStart(i), text.stringEnd(i)) != negated;
            }
        }
    }

    private Vec lower(Vec a) {
        return lowerInto(a, folded);
    }

    private Vec lowerPattern(Vec p) {
        return lowerInto(p, foldedPattern);
    }

    private static Vec lowerInto(Vec a, Vec into) {
        into.reset(a.rows);
        int position = 0;
        for (int i = 0; i < a.rows; i++) {
            position = Utf8.appendCased(a.bytes, a.stringStart(i), a.stringEnd(i), false, into, position);
            into.endString(i, position);
        }
        return into;
    }
}
