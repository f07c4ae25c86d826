package io.conveyor.plugin.reshape.internal.convert;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BaseLargeVariableWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FloatingPointVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

import io.conveyor.plugin.kit.column.NumberText;
import io.conveyor.plugin.kit.config.ConfigValues;

/** Reads one non-null cell of a source column as the primitive of its {@link Kind}. */
final class Cells {

    private static final int SHOWN_TEXT = 60;

    private Cells() {
    }

    static long integer(FieldVector vector, int row) {
        return ((BaseIntVector) vector).getValueAsLong(row);
    }

    static double floating(FieldVector vector, int row) {
        return ((FloatingPointVector) vector).getValueAsDouble(row);
    }

    static boolean bool(FieldVector vector, int row) {
        return BitVectorHelper.get(vector.getDataBuffer(), row) != 0;
    }

    static BigDecimal decimal(FieldVector vector, int row) {
        return (BigDecimal) vector.getObject(row);
    }

    static long epochDay(FieldVector vector, int row) {
        if (vector instanceof DateDayVector days) {
            return days.get(row);
        }
        return Math.floorDiv(((DateMilliVector) vector).get(row), Calendar.SECONDS_PER_DAY * 1000);
    }

    /** Microseconds since 1970-01-01T00:00 UTC; nanoseconds are rounded down. */
    static long epochMicros(FieldVector vector, int row) {
        long value = ((TimeStampVector) vector).get(row);
        return switch (((ArrowType.Timestamp) vector.getField().getType()).getUnit()) {
            case SECOND -> value * Calendar.MICROS_PER_SECOND;
            case MILLISECOND -> value * 1000;
            case MICROSECOND -> value;
            case NANOSECOND -> Math.floorDiv(value, 1000);
        };
    }

    /** The UTF-8 bytes of text cells, read into a buffer reused from row to row. */
    static final class Text {
        private final FieldVector vector;
        private final boolean large;
        byte[] bytes = new byte[64];
        int length;

        Text(FieldVector vector) {
            this.vector = vector;
            this.large = vector instanceof BaseLargeVariableWidthVector;
        }

        /** Reads the cell of {@code row} into {@link #bytes}{@code [0, length)}. */
        void load(int row) {
            ArrowBuf offsets = vector.getOffsetBuffer();
            long start;
            long end;
            if (large) {
                start = offsets.getLong((long) row * BaseLargeVariableWidthVector.OFFSET_WIDTH);
                end = offsets.getLong((long) (row + 1) * BaseLargeVariableWidthVector.OFFSET_WIDTH);
            } else {
                start = offsets.getInt((long) row * BaseVariableWidthVector.OFFSET_WIDTH);
                end = offsets.getInt((long) (row + 1) * BaseVariableWidthVector.OFFSET_WIDTH);
            }
            length = (int) (end - start);
            if (bytes.length < length) {
                bytes = new byte[Math.max(length, bytes.length * 2)];
            }
            vector.getDataBuffer().getBytes(start, bytes, 0, length);
        }

        /** The loaded cell as messages show it: quoted, and cut when long. */
        String shown() {
            String text = new String(bytes, 0, length, StandardCharsets.UTF_8);
            return ConfigValues.toml(text.length() > SHOWN_TEXT ? text.substring(0, SHOWN_TEXT - 3) + "..." : text);
        }
    }

    /** A float as messages show it. */
    static String shown(double value) {
        return NumberText.format(value);
    }
}
