package io.conveyor.plugin.reshape.internal.convert;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.types.pojo.Field;

import io.conveyor.api.stage.StageException;

/**
 * To float64: integers and decimals to the nearest double, float32 exactly, booleans as 1.0 and
 * 0.0, text as written (see {@link TextParser}).
 */
final class ToFloat implements Conversion {

    private final TextParser parser = new TextParser();

    static boolean supports(Kind from) {
        return from == Kind.INTEGER || from == Kind.FLOAT || from == Kind.BOOL || from == Kind.TEXT
                || from == Kind.DECIMAL || from == Kind.NULL;
    }

    @Override
    public FieldVector apply(FieldVector source, int rows, Field target, Failures failures,
            BufferAllocator allocator) throws StageException {
        Float8Vector out = (Float8Vector) target.createVector(allocator);
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

    private void write(FieldVector source, int rows, Float8Vector out, Failures failures) throws StageException {
        Kind kind = Kind.of(source.getField().getType());
        Cells.Text text = kind == Kind.TEXT ? new Cells.Text(source) : null;
        for (int r = 0; r < rows; r++) {
            if (source.isNull(r)) {
                out.setNull(r);
                continue;
            }
            switch (kind) {
                case INTEGER -> out.set(r, (double) Cells.integer(source, r));
                case FLOAT -> out.set(r, Cells.floating(source, r));
                case BOOL -> out.set(r, Cells.bool(source, r) ? 1.0 : 0.0);
                case DECIMAL -> out.set(r, Cells.decimal(source, r).doubleValue());
                case TEXT -> {
                    text.load(r);
                    if (parser.parseDouble(text.bytes, 0, text.length)) {
                        out.set(r, parser.doubleValue);
                    } else {
                        failures.failed(r, text.shown(), null);
                        out.setNull(r);
                    }
                }
                default -> out.setNull(r);
            }
        }
    }
}
