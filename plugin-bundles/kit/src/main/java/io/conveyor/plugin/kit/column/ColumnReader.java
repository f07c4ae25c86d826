package io.conveyor.plugin.kit.column;

import java.nio.charset.StandardCharsets;

import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FloatingPointVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * Reads the cells of one column for writers, whatever the vector class: every integer vector
 * reads as {@code long}, every floating-point vector as {@code double}, {@code utf8} as text, and
 * dates, times and timestamps as ISO-8601 text ({@link TemporalText}), and any other type
 * (decimals, nested) as the text of Arrow's own rendering.
 */
public final class ColumnReader {

    /** How a column's values are written. */
    public enum Kind { INTEGER, FLOAT, BOOL, STRING, OTHER }

    private final FieldVector vector;
    private final Kind kind;

    private ColumnReader(FieldVector vector) {
        this.vector = vector;
        if (vector instanceof BaseIntVector) {
            kind = Kind.INTEGER;
        } else if (vector instanceof FloatingPointVector) {
            kind = Kind.FLOAT;
        } else if (vector instanceof BitVector) {
            kind = Kind.BOOL;
        } else if (vector instanceof VarCharVector || vector instanceof LargeVarCharVector) {
            kind = Kind.STRING;
        } else {
            kind = Kind.OTHER;
        }
    }

    public static ColumnReader of(FieldVector vector) {
        return new ColumnReader(vector);
    }

    public Kind kind() {
        return kind;
    }

    public boolean isNull(int row) {
        return vector.isNull(row);
    }

    public long getLong(int row) {
        return ((BaseIntVector) vector).getValueAsLong(row);
    }

    public double getDouble(int row) {
        return ((FloatingPointVector) vector).getValueAsDouble(row);
    }

    public boolean getBoolean(int row) {
        return ((BitVector) vector).get(row) != 0;
    }

    /** The cell as text: strings as they are, other kinds as {@link #format}. */
    public String getString(int row) {
        if (vector instanceof VarCharVector v) {
            return new String(v.get(row), StandardCharsets.UTF_8);
        }
        if (vector instanceof LargeVarCharVector v) {
            return new String(v.get(row), StandardCharsets.UTF_8);
        }
        return format(row);
    }

    /** The non-null cell as text: integers plainly, floats as {@link NumberText}, booleans as true/false. */
    public String format(int row) {
        return switch (kind) {
            case INTEGER -> Long.toString(getLong(row));
            case FLOAT -> NumberText.format(getDouble(row));
            case BOOL -> getBoolean(row) ? "true" : "false";
            case STRING -> getString(row);
            case OTHER -> TemporalText.handles(vector.getField().getType()) ? TemporalText.format(vector, row)
                    : String.valueOf(vector.getObject(row));
        };
    }
}
