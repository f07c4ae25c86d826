package io.conveyor.plugin.expression.internal.eval;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.conveyor.plugin.expression.internal.lang.Type;

/** A value known before any batch: a literal, or an operation on constants folded at compile time. */
final class Const extends Kernel {

    private final boolean isNull;
    private final long longValue;
    private final double doubleValue;
    private final boolean boolValue;
    private final byte[] stringValue;
    private int filled;

    private Const(Type type, int at, boolean isNull, long longValue, double doubleValue, boolean boolValue,
            byte[] stringValue) {
        super(type, at);
        this.isNull = isNull;
        this.longValue = longValue;
        this.doubleValue = doubleValue;
        this.boolValue = boolValue;
        this.stringValue = stringValue;
    }

    static Const ofNull(Type type, int at) {
        return new Const(type, at, true, 0, 0, false, null);
    }

    static Const ofLong(Type type, long value, int at) {
        return new Const(type, at, false, value, 0, false, null);
    }

    static Const ofDouble(double value, int at) {
        return new Const(Type.FLOAT, at, false, 0, value, false, null);
    }

    static Const ofBool(boolean value, int at) {
        return new Const(Type.BOOL, at, false, 0, 0, value, null);
    }

    static Const ofString(byte[] value, int at) {
        return new Const(Type.STRING, at, false, 0, 0, false, value);
    }

    static Const ofString(String value, int at) {
        return ofString(value.getBytes(StandardCharsets.UTF_8), at);
    }

    /** The constant that row {@code row} of {@code vec} holds. */
    static Const of(Vec vec, int row, int at) {
        if (vec.type == Type.NULL || vec.isNull(row)) {
            return ofNull(vec.type, at);
        }
        return switch (vec.type) {
            case INT, DATE, TIMESTAMP -> ofLong(vec.type, vec.longs[row], at);
            case FLOAT -> ofDouble(vec.doubles[row], at);
            case BOOL -> ofBool(vec.bools[row], at);
            case STRING -> ofString(Arrays.copyOfRange(vec.bytes, vec.stringStart(row), vec.stringEnd(row)), at);
            case NULL -> ofNull(Type.NULL, at);
        };
    }

    boolean isNull() {
        return isNull;
    }

    long longValue() {
        return longValue;
    }

    double doubleValue() {
        return doubleValue;
    }

    boolean boolValue() {
        return boolValue;
    }

    byte[] stringValue() {
        return stringValue;
    }

    @Override
    boolean isConstant() {
        return true;
    }

    @Override
    void prepare(int rows) {
        if (rows > filled) {
            out.reset(rows);
            filled = 0;
        }
        out.rows = rows;
    }

    @Override
    void compute(Frame frame, Vec out) {
        int rows = frame.rows;
        if (rows <= filled) {
            return;
        }
        if (isNull) {
            out.allNull();
        } else {
            switch (type) {
                case INT, DATE, TIMESTAMP -> Arrays.fill(out.longs, 0, rows, longValue);
                case FLOAT -> Arrays.fill(out.doubles, 0, rows, doubleValue);
                case BOOL -> Arrays.fill(out.bools, 0, rows, boolValue);
                case STRING -> {
                    int position = 0;
                    out.reserveBytes(0, stringValue.length * rows);
                    for (int i = 0; i < rows; i++) {
                        position = out.append(position, stringValue, 0, stringValue.length);
                        out.endString(i, position);
                    }
                }
                case NULL -> out.allNull();
            }
        }
        filled = rows;
    }
}
