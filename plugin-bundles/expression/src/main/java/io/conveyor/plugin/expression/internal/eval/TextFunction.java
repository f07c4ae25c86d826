package io.conveyor.plugin.expression.internal.eval;

import io.conveyor.plugin.expression.internal.lang.Type;

/**
 * The text functions, on UTF-8 bytes: positions and lengths count characters (code points), and
 * case mapping is Unicode's simple per-character mapping. A null argument gives null, except
 * in {@code concat}, which skips nulls ({@code ||} does not).
 */
final class TextFunction extends Kernel {

    enum Op {
        LOWER(Type.STRING), UPPER(Type.STRING), LENGTH(Type.INT), TRIM(Type.STRING), LTRIM(Type.STRING),
        RTRIM(Type.STRING), SUBSTR(Type.STRING), REPLACE(Type.STRING), STARTS_WITH(Type.BOOL),
        ENDS_WITH(Type.BOOL), CONTAINS(Type.BOOL), CONCAT(Type.STRING), CONCAT_STRICT(Type.STRING);

        final Type result;

        Op(Type result) {
            this.result = result;
        }
    }

    private final Op op;
    private final Kernel[] arguments;
    private final Vec[] values;

    /** @param arguments of the types the compiler checked: text, and integers for substr's position and length */
    TextFunction(Op op, Kernel[] arguments, int at) {
        super(op.result, at);
        this.op = op;
        this.arguments = arguments;
        this.values = new Vec[arguments.length];
    }

    @Override
    void compute(Frame frame, Vec out) throws EvalException {
        for (int k = 0; k < arguments.length; k++) {
            values[k] = arguments[k].eval(frame);
        }
        if (op == Op.CONCAT) {
            concat(out, false);
            return;
        }
        nullsOfAll(out);
        if (op == Op.CONCAT_STRICT) {
            concat(out, true);
            return;
        }
        Vec s = values[0];
        int n = out.rows;
        int position = 0;
        for (int i = 0; i < n; i++) {
            boolean isNull = out.isNull(i);
            int start = s.stringStart(i);
            int end = s.stringEnd(i);
            switch (op) {
                case LENGTH -> out.longs[i] = Utf8.length(s.bytes, start, end);
                case STARTS_WITH -> out.bools[i] = startsWith(s.bytes, start, end, values[1], i);
                case ENDS_WITH -> out.bools[i] = endsWith(s.bytes, start, end, values[1], i);
                case CONTAINS -> out.bools[i] = Utf8.contains(s.bytes, start, end, values[1].bytes,
                        values[1].stringStart(i), values[1].stringEnd(i));
                default -> {
                    if (!isNull) {
                        position = text(s, i, start, end, out, position);
                    }
                    out.endString(i, position);
                }
            }
        }
    }

    private void nullsOfAll(Vec out) {
        out.nullsFrom(values[0], values.length > 1 ? values[1] : null);
        for (int k = 2; k < values.length; k++) {
            if (values[k].hasNulls) {
                out.trackNulls();
                for (int i = 0; i < out.rows; i++) {
                    out.nulls[i] |= values[k].nulls[i];
                }
            }
        }
    }

    /** Appends the result of a text-valued function for row {@code i}; returns the new end. */
    private int text(Vec s, int i, int start, int end, Vec out, int position) {
        byte[] b = s.bytes;
        switch (op) {
            case LOWER, UPPER -> {
                return Utf8.appendCased(b, start, end, op == Op.UPPER, out, position);
            }
            case TRIM, LTRIM, RTRIM -> {
                if (op != Op.RTRIM) {
                    while (start < end && Utf8.isWhitespace(b[start])) {
                        start++;
                    }
                }
                if (op != Op.LTRIM) {
                    while (end > start && Utf8.isWhitespace(b[end - 1])) {
                        end--;
                    }
                }
                return out.append(position, b, start, end);
            }
            case SUBSTR -> {
                return substr(s, i, start, end, out, position);
            }
            case REPLACE -> {
                return replace(b, start, end, values[1], values[2], i, out, position);
            }
            default -> throw new IllegalStateException(op + " is not text-valued");
        }
    }

    /**
     * {@code substr(s, from[, count])} as in PostgreSQL: characters {@code from} to
     * {@code from + count - 1}, 1-based, clipped to the text; a start before 1 counts against the
     * count; a negative count gives an empty text.
     */
    private int substr(Vec s, int i, int start, int end, Vec out, int position) {
        long from = values[1].longs[i];
        long last = values.length > 2 ? saturatedAdd(from, values[2].longs[i]) : Long.MAX_VALUE;
        long first = Math.max(from, 1);
        if (last <= first) {
            return position;
        }
        int begin = Utf8.skip(s.bytes, start, end, first - 1);
        int stop = last == Long.MAX_VALUE ? end : Utf8.skip(s.bytes, begin, end, last - first);
        return out.append(position, s.bytes, begin, stop);
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : r;
    }

    private static int replace(byte[] b, int start, int end, Vec from, Vec to, int i, Vec out, int position) {
        int fs = from.stringStart(i);
        int fe = from.stringEnd(i);
        if (fe == fs) {
            return out.append(position, b, start, end);
        }
        int cursor = start;
        int found;
        while ((found = Utf8.indexOf(b, cursor, end, from.bytes, fs, fe)) >= 0) {
            position = out.append(position, b, cursor, found);
            position = out.append(position, to.bytes, to.stringStart(i), to.stringEnd(i));
            cursor = found + (fe - fs);
        }
        return out.append(position, b, cursor, end);
    }

    private static boolean startsWith(byte[] b, int start, int end, Vec prefix, int i) {
        int ps = prefix.stringStart(i);
        int length = prefix.stringEnd(i) - ps;
        return end - start >= length && Bytes.equal(b, start, prefix.bytes, ps, length);
    }

    private static boolean endsWith(byte[] b, int start, int end, Vec suffix, int i) {
        int ss = suffix.stringStart(i);
        int length = suffix.stringEnd(i) - ss;
        return end - start >= length && Bytes.equal(b, end - length, suffix.bytes, ss, length);
    }

    /** Arguments of other types were cast to text by the compiler. */
    private void concat(Vec out, boolean strict) {
        int position = 0;
        for (int i = 0; i < out.rows; i++) {
            if (!(strict && out.isNull(i))) {
                for (Vec v : values) {
                    if (!v.isNull(i)) {
                        position = out.append(position, v.bytes, v.stringStart(i), v.stringEnd(i));
                    }
                }
            }
            out.endString(i, position);
        }
    }
}
