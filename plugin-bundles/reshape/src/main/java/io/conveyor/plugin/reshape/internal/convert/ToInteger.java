package io.conveyor.plugin.reshape.internal.convert;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;

import io.conveyor.api.stage.StageException;

/**
 * To int64: integers of other widths as they are, floats and decimals truncated toward zero
 * (NaN, infinities and values out of range fail), booleans as 1 and 0, text as written.
 */
final class ToInteger implements Conversion {

    /** 2^63 as a double: the first float too large for a long. */
    private static final double TOO_LARGE = 0x1p63;

    private final TextParser parser = new TextParser();

    static boolean supports(Kind from) {
        return from == Kind.INTEGER || from == Kind.FLOAT || from == Kind.BOOL || from == Kind.TEXT
                || from == Kind.DECIMAL || from == Kind.NULL;
    }

    @Override
    public FieldVector apply(FieldVector source, int rows, Field target, Failures failures,
            BufferAllocator allocator) throws StageException {
        BigIntVector out = (BigIntVector) target.createVector(allocator);
        try {
            out.allocateNew(rows);
            write(source, rows, out, failures);
            out.setValueCount(rows);
            return out;
        } catch (StageException | RuntimeException e) {
            out.close();
            throw e;
        }
    }

    private void write(FieldVector source, int rows, BigIntVector out, Failures failures) throws StageException {
        Kind kind = Kind.of(source.getField().getType());
        Cells.Text text = kind == Kind.TEXT ? new Cells.Text(source) : null;
        for (int r = 0; r < rows; r++) {
            if (source.isNull(r)) {
                out.setNull(r);
                continue;
            }
            switch (kind) {
                case INTEGER -> out.set(r, Cells.integer(source, r));
                case BOOL -> out.set(r, Cells.bool(source, r) ? 1 : 0);
                case FLOAT -> {
                    double value = Cells.floating(source, r);
                    if (Double.isNaN(value) || value >= TOO_LARGE || value < -TOO_LARGE) {
                        fail(out, r, Cells.shown(value), "out of range", failures);
                    } else {
                        out.set(r, (long) value);
                    }
                }
                case DECIMAL -> {
                    BigDecimal value = Cells.decimal(source, r);
                    try {
                        out.set(r, value.setScale(0, RoundingMode.DOWN).longValueExact());
                    } catch (ArithmeticException e) {
                        fail(out, r, value.toPlainString(), "out of range", failures);
                    }
                }
                case TEXT -> {
                    text.load(r);
                    if (parser.parseLong(text.bytes, 0, text.length)) {
                        out.set(r, parser.longValue);
                    } else {
                        fail(out, r, text.shown(), null, failures);
                    }
                }
                default -> out.setNull(r);
            }
        }
    }

    private static void fail(BigIntVector out, int row, String value, String why, Failures failures)
            throws StageException {
        failures.failed(row, value, why);
        out.setNull(row);
    }
}
