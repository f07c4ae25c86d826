package io.conveyor.plugin.stream.internal.rows;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FloatingPointVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.BaseListVector;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.LargeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import io.conveyor.plugin.kit.column.NumberText;

/**
 * Renders one cell of any column as JSON, nested lists and structs included: integers as
 * integers, floats as {@link NumberText} ({@code 60.0}; NaN and infinities as {@code null}, which
 * JSON lacks), booleans, strings quoted, lists as arrays, structs as objects with their fields in
 * order, and any other type (dates, timestamps, decimals) as the string of Arrow's own rendering.
 */
public final class CellJson {

    private CellJson() {
    }

    /** The cell as compact JSON. */
    public static String json(ValueVector vector, int row) {
        StringBuilder out = new StringBuilder();
        write(vector, row, out, -1);
        return out.toString();
    }

    /** The cell as text: a string as it is, anything else as its compact JSON; {@code null} for null. */
    public static String text(ValueVector vector, int row) {
        if (vector.isNull(row)) {
            return null;
        }
        if (vector instanceof VarCharVector v) {
            return new String(v.get(row), StandardCharsets.UTF_8);
        }
        if (vector instanceof LargeVarCharVector v) {
            return new String(v.get(row), StandardCharsets.UTF_8);
        }
        return json(vector, row);
    }

    /**
     * Appends the cell as JSON.
     *
     * @param indent the indentation level of the value for pretty output (two spaces per level,
     *               {@code "key": value}), or -1 for compact output
     */
    public static void write(ValueVector vector, int row, StringBuilder out, int indent) {
        if (vector.isNull(row)) {
            out.append("null");
        } else if (vector instanceof BaseIntVector ints) {
            out.append(ints.getValueAsLong(row));
        } else if (vector instanceof FloatingPointVector floats) {
            double value = floats.getValueAsDouble(row);
            out.append(Double.isFinite(value) ? NumberText.format(value) : "null");
        } else if (vector instanceof BitVector bits) {
            out.append(bits.get(row) != 0 ? "true" : "false");
        } else if (vector instanceof StructVector struct) {
            writeStruct(struct, row, out, indent);
        } else if (vector instanceof ListVector || vector instanceof LargeListVector
                || vector instanceof FixedSizeListVector) {
            writeList((BaseListVector) vector, row, out, indent);
        } else {
            quote(stringOf(vector, row), out);
        }
    }

    private static String stringOf(ValueVector vector, int row) {
        if (vector instanceof VarCharVector || vector instanceof LargeVarCharVector) {
            return text(vector, row);
        }
        return String.valueOf(vector.getObject(row));
    }

    /** Appends {@code text} as a JSON string. */
    public static void quote(String text, StringBuilder out) {
        out.append('"');
        JsonStringEncoder.getInstance().quoteAsString(text, out);
        out.append('"');
    }

    private static void writeStruct(StructVector struct, int row, StringBuilder out, int indent) {
        List<FieldVector> children = struct.getChildrenFromFields();
        if (children.isEmpty()) {
            out.append("{}");
            return;
        }
        out.append('{');
        for (int c = 0; c < children.size(); c++) {
            if (c > 0) {
                out.append(',');
            }
            newline(out, inner(indent));
            quote(children.get(c).getName(), out);
            out.append(indent >= 0 ? ": " : ":");
            write(children.get(c), row, out, inner(indent));
        }
        newline(out, indent);
        out.append('}');
    }

    private static void writeList(BaseListVector list, int row, StringBuilder out, int indent) {
        int start = list.getElementStartIndex(row);
        int end = list.getElementEndIndex(row);
        if (start == end) {
            out.append("[]");
            return;
        }
        ValueVector items = list.getChildrenFromFields().get(0);
        out.append('[');
        for (int i = start; i < end; i++) {
            if (i > start) {
                out.append(',');
            }
            newline(out, inner(indent));
            write(items, i, out, inner(indent));
        }
        newline(out, indent);
        out.append(']');
    }

    private static int inner(int indent) {
        return indent < 0 ? -1 : indent + 1;
    }

    private static void newline(StringBuilder out, int indent) {
        if (indent >= 0) {
            out.append('\n');
            out.append("  ".repeat(indent));
        }
    }
}
