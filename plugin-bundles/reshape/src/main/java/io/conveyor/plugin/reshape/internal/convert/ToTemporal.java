package io.conveyor.plugin.reshape.internal.convert;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.types.pojo.Field;

import io.conveyor.api.stage.StageException;

/**
 * To dates (days) and timestamps (microseconds): from text (see {@link TextParser}), from each
 * other, and from dates in milliseconds or timestamps in other units. A timestamp's date is its
 * date in UTC; a date's timestamp is its midnight.
 */
final class ToTemporal implements Conversion {

    private final TextParser parser = new TextParser();
    private final boolean toDate;

    /** @param toDate dates, or else timestamps */
    ToTemporal(boolean toDate) {
        this.toDate = toDate;
    }

    static boolean supports(Kind from) {
        return from == Kind.TEXT || from == Kind.DATE || from == Kind.TIMESTAMP || from == Kind.NULL;
    }

    @Override
    public FieldVector apply(FieldVector source, int rows, Field target, Failures failures,
            BufferAllocator allocator) throws StageException {
        FieldVector out = target.createVector(allocator);
        try {
            out.setInitialCapacity(rows);
            out.allocateNew();
            write(source, rows, out, failures);
            out.setValueCount(rows);
            return out;
        } catch (StageException | RuntimeException e) {
            out.close();
            throw e;
        }
    }

    private void write(FieldVector source, int rows, FieldVector out, Failures failures) throws StageException {
        Kind kind = Kind.of(source.getField().getType());
        Cells.Text text = kind == Kind.TEXT ? new Cells.Text(source) : null;
        for (int r = 0; r < rows; r++) {
            if (source.isNull(r) || kind == Kind.NULL) {
                out.setNull(r);
                continue;
            }
            if (kind == Kind.TEXT) {
                text.load(r);
                boolean parsed = toDate ? parser.parseDate(text.bytes, 0, text.length)
                        : parser.parseTimestamp(text.bytes, 0, text.length);
                if (parsed) {
                    set(out, r, parser.longValue);
                } else {
                    failures.failed(r, text.shown(), null);
                    out.setNull(r);
                }
            } else if (kind == Kind.DATE) {
                long day = Cells.epochDay(source, r);
                set(out, r, toDate ? day : day * Calendar.MICROS_PER_DAY);
            } else {
                long micros = Cells.epochMicros(source, r);
                set(out, r, toDate ? Math.floorDiv(micros, Calendar.MICROS_PER_DAY) : micros);
            }
        }
    }

    /** A day number or microseconds; a day always fits an int when it came from a 64-bit timestamp. */
    private void set(FieldVector out, int row, long value) {
        if (toDate) {
            ((DateDayVector) out).set(row, (int) value);
        } else {
            ((TimeStampVector) out).set(row, value);
        }
    }
}
