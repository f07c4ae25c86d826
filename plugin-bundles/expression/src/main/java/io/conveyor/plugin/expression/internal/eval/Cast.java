package io.conveyor.plugin.expression.internal.eval;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.conveyor.plugin.expression.internal.lang.Type;

/**
 * {@code cast(x as type)}: converts between types as SQL does. A value that cannot be converted
 * (text that is not a number, a float beyond int64) is an error, or null for {@code try_cast}.
 * Floats become integers rounded half away from zero; text becomes a bool from
 * true/false/t/f/yes/no/y/n/on/off/1/0 (any case); dates and timestamps read and write ISO text.
 */
final class Cast extends Kernel {

    private static final int MAX_SHOWN = 40;

    private final Kernel value;
    private final boolean orNull;

    Cast(Kernel value, Type to, boolean orNull, int at) {
        super(to, at);
        this.value = value;
        this.orNull = orNull;
    }

    /** The names a cast accepts for each type, in the order messages list them. */
    static final Map<String, Type> TYPE_NAMES = new LinkedHashMap<>();

    static {
        for (String name : List.of("int", "bigint", "integer", "int64", "long")) {
            TYPE_NAMES.put(name, Type.INT);
        }
        for (String name : List.of("float", "double", "float64", "real")) {
            TYPE_NAMES.put(name, Type.FLOAT);
        }
        for (String name : List.of("string", "text", "varchar", "utf8")) {
            TYPE_NAMES.put(name, Type.STRING);
        }
        for (String name : List.of("bool", "boolean")) {
            TYPE_NAMES.put(name, Type.BOOL);
        }
        TYPE_NAMES.put("date", Type.DATE);
        TYPE_NAMES.put("timestamp", Type.TIMESTAMP);
        TYPE_NAMES.put("datetime", Type.TIMESTAMP);
    }

    /** The type a cast names, or null. */
    static Type typeNamed(String name) {
        return TYPE_NAMES.get(name.toLowerCase(Locale.ROOT));
    }

    /** Whether values of type {@code from} can be cast to {@code to}. */
    static boolean allowed(Type from, Type to) {
        if (from == to || from == Type.NULL || to == Type.STRING) {
            return true;
        }
        return switch (to) {
            case INT -> from == Type.FLOAT || from == Type.BOOL || from == Type.STRING;
            case FLOAT -> from == Type.INT || from == Type.STRING;
            case BOOL -> from == Type.INT || from == Type.STRING;
            case DATE -> from == Type.TIMESTAMP || from == Type.STRING;
            case TIMESTAMP -> from == Type.DATE || from == Type.STRING;
            default -> false;
        };
    }

    @Override
    void compute(Frame frame, Vec out) throws EvalException {
        Vec a = value.eval(frame);
        out.nullsFrom(a, null);
        if (value.type == Type.NULL) {
            out.allNull();
            return;
        }
        switch (type) {
            case INT -> toInt(a, out);
            case FLOAT -> toFloat(a, out);
            case BOOL -> toBool(a, out);
            case STRING -> toText(a, out);
            case DATE -> toDate(a, out);
            case TIMESTAMP -> toTimestamp(a, out);
            case NULL -> out.allNull();
        }
    }

    private void toInt(Vec a, Vec out) throws EvalException {
        long[] r = out.longs;
        for (int i = 0; i < out.rows; i++) {
            if (out.isNull(i)) {
                continue;
            }
            switch (value.type) {
                case INT -> r[i] = a.longs[i];
                case BOOL -> r[i] = a.bools[i] ? 1 : 0;
                case FLOAT -> {
                    double d = a.doubles[i];
                    if (Double.isNaN(d) || d >= 0x1p63 || d < -0x1p63) {
                        fail(out, i, Numbers.formatDouble(d), "it is beyond int64");
                    } else {
                        r[i] = d < 0 ? -Math.round(-d) : Math.round(d);
                    }
                }
                default -> {
                    int s = a.stringStart(i);
                    int e = a.stringEnd(i);
                    if (Numbers.isLong(a.bytes, s, e)) {
                        try {
                            r[i] = Numbers.parseLong(a.bytes, s, e);
                        } catch (ArithmeticException overflow) {
                            fail(out, i, text(a, i), "it is beyond int64");
                        }
                    } else {
                        fail(out, i, text(a, i), null);
                    }
                }
            }
        }
    }

    private void toFloat(Vec a, Vec out) throws EvalException {
        double[] r = out.doubles;
        for (int i = 0; i < out.rows; i++) {
            if (out.isNull(i)) {
                continue;
            }
            if (value.type == Type.INT) {
                r[i] = a.longs[i];
            } else if (value.type == Type.FLOAT) {
                r[i] = a.doubles[i];
            } else {
                Double d = Numbers.parseDouble(a.bytes, a.stringStart(i), a.stringEnd(i));
                if (d == null) {
                    fail(out, i, text(a, i), null);
                } else {
                    r[i] = d;
                }
            }
        }
    }

    private void toBool(Vec a, Vec out) throws EvalException {
        boolean[] r = out.bools;
        for (int i = 0; i < out.rows; i++) {
            if (out.isNull(i)) {
                continue;
            }
            if (value.type == Type.BOOL) {
                r[i] = a.bools[i];
            } else if (value.type == Type.INT) {
                r[i] = a.longs[i] != 0;
            } else {
                int parsed = parseBool(a.bytes, a.stringStart(i), a.stringEnd(i));
                if (parsed < 0) {
                    fail(out, i, text(a, i), null);
                } else {
                    r[i] = parsed == 1;
                }
            }
        }
    }

    private static final String[] TRUE_WORDS = {"true", "t", "yes", "y", "on", "1"};
    private static final String[] FALSE_WORDS = {"false", "f", "no", "n", "off", "0"};

    /** 1 for true, 0 for false, -1 for neither. */
    private static int parseBool(byte[] b, int start, int end) {
        while (start < end && Utf8.isWhitespace(b[start])) {
            start++;
        }
        while (end > start && Utf8.isWhitespace(b[end - 1])) {
            end--;
        }
        for (String word : TRUE_WORDS) {
            if (isWord(b, start, end, word)) {
                return 1;
            }
        }
        for (String word : FALSE_WORDS) {
            if (isWord(b, start, end, word)) {
                return 0;
            }
        }
        return -1;
    }

    private static boolean isWord(byte[] b, int start, int end, String word) {
        if (end - start != word.length()) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            if ((b[start + k] | 0x20) != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private void toText(Vec a, Vec out) {
        int position = 0;
        for (int i = 0; i < out.rows; i++) {
            if (!out.isNull(i)) {
                position = appendText(a, value.type, i, out, position);
            }
            out.endString(i, position);
        }
    }

    /** Appends row {@code i} of {@code a} (of type {@code type}) as text; returns the new end. */
    static int appendText(Vec a, Type type, int i, Vec out, int position) {
        switch (type) {
            case STRING -> {
                return out.append(position, a.bytes, a.stringStart(i), a.stringEnd(i));
            }
            case INT -> {
                out.reserveBytes(position, Numbers.MAX_LONG_TEXT);
                return Numbers.formatLong(a.longs[i], out.bytes, position);
            }
            case FLOAT -> {
                byte[] text = Numbers.formatDouble(a.doubles[i]);
                return out.append(position, text, 0, text.length);
            }
            case BOOL -> {
                byte[] text = a.bools[i] ? TRUE : FALSE;
                return out.append(position, text, 0, text.length);
            }
            case DATE -> {
                out.reserveBytes(position, DateTimes.MAX_TEXT);
                return DateTimes.formatDate(a.longs[i], out.bytes, position);
            }
            case TIMESTAMP -> {
                out.reserveBytes(position, DateTimes.MAX_TEXT);
                return DateTimes.formatTimestamp(a.longs[i], out.bytes, position);
            }
            default -> {
                return position;
            }
        }
    }

    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);

    private void toDate(Vec a, Vec out) throws EvalException {
        long[] r = out.longs;
        for (int i = 0; i < out.rows; i++) {
            if (out.isNull(i)) {
                continue;
            }
            if (value.type == Type.DATE) {
                r[i] = a.longs[i];
            } else if (value.type == Type.TIMESTAMP) {
                r[i] = Math.floorDiv(a.longs[i], DateTimes.MICROS_PER_DAY);
            } else {
                long days = DateTimes.parseDate(a.bytes, a.stringStart(i), a.stringEnd(i));
                if (days == DateTimes.INVALID) {
                    fail(out, i, text(a, i), "a date is written yyyy-mm-dd");
                } else {
                    r[i] = days;
                }
            }
        }
    }

    private void toTimestamp(Vec a, Vec out) throws EvalException {
        long[] r = out.longs;
        for (int i = 0; i < out.rows; i++) {
            if (out.isNull(i)) {
                continue;
            }
            if (value.type == Type.TIMESTAMP) {
                r[i] = a.longs[i];
            } else if (value.type == Type.DATE) {
                r[i] = a.longs[i] * DateTimes.MICROS_PER_DAY;
            } else {
                long micros = DateTimes.parseTimestamp(a.bytes, a.stringStart(i), a.stringEnd(i));
                if (micros == DateTimes.INVALID) {
                    fail(out, i, text(a, i), "a timestamp is written yyyy-mm-dd hh:mm[:ss[.ffffff]]");
                } else {
                    r[i] = micros;
                }
            }
        }
    }

    private void fail(Vec out, int row, String shown, String why) throws EvalException {
        if (orNull) {
            out.setNull(row);
            return;
        }
        throw new EvalException(at, "cannot cast " + shown + " to " + type.displayName()
                + (why == null ? "" : ": " + why) + " (try_cast gives null instead)");
    }

    private static String text(Vec a, int row) {
        String s = new String(a.bytes, a.stringStart(row), a.stringLength(row), StandardCharsets.UTF_8);
        if (s.length() > MAX_SHOWN) {
            s = s.substring(0, MAX_SHOWN) + "...";
        }
        return "'" + s.replace("'", "''") + "'";
    }

    private static String text(byte[] ascii) {
        return new String(ascii, StandardCharsets.US_ASCII);
    }

    private void fail(Vec out, int row, byte[] shown, String why) throws EvalException {
        fail(out, row, text(shown), why);
    }
}
