package io.conveyor.plugin.reshape.internal.convert;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;

import io.conveyor.api.stage.StageException;

/** To bool: numbers are true unless zero (NaN is true), text must read {@code true} or {@code false}. */
final class ToBool implements Conversion {

    private final TextParser parser = new TextParser();

    static boolean supports(Kind from) {
        return from == Kind.INTEGER || from == Kind.FLOAT || from == Kind.BOOL || from == Kind.TEXT
                || from == Kind.NULL;
    }

    @Override
    public FieldVector apply(FieldVector source, int rows, Field target, Failures failures,
            BufferAllocator allocator) throws StageException {
        BitVector out = (BitVector) target.createVector(allocator);
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

    private void write(FieldVector source, int rows, BitVector out, Failures failures) throws StageException {
        Kind kind = Kind.of(source.getField().getType());
        Cells.Text text = kind == Kind.TEXT ? new Cells.Text(source) : null;
        for (int r = 0; r < rows; r++) {
            if (source.isNull(r)) {
                out.setNull(r);
                continue;
            }
            switch (kind) {
                case INTEGER -> out.set(r, Cells.integer(source, r) != 0 ? 1 : 0);
                case FLOAT -> out.set(r, Cells.floating(source, r) != 0 ? 1 : 0);
                case BOOL -> out.set(r, Cells.bool(source, r) ? 1 : 0);
                case TEXT -> {
                    text.load(r);
                    if (parser.parseBoolean(text.bytes, 0, text.length)) {
                        out.set(r, parser.booleanValue ? 1 : 0);
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
