package io.conveyor.plugin.core.internal.json;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.Base64;

import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FloatingPointVector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.LargeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import io.conveyor.plugin.kit.column.ColumnReader;
import io.conveyor.plugin.kit.column.NumberText;
import io.conveyor.plugin.kit.column.TemporalText;

/**
 * Writes one cell of any Arrow column as JSON, keeping what it holds: integers (unsigned ones
 * too) and decimals as numbers, floats with a decimal point (NaN and infinities as null, which
 * JSON lacks), booleans, text; dates, times and timestamps as ISO-8601 strings; durations as
 * ISO-8601 duration strings ({@code PT1H30M}); binary as base64 strings; lists as arrays; structs
 * as objects; maps as objects whose keys are the map keys' text. Nulls, at any depth, are null.
 */
final class JsonCellWriter {

    private JsonCellWriter() {
    }

    static void write(ValueVector vector, int row, Writer out) throws IOException {
        if (vector.isNull(row)) {
            out.write("null");
            return;
        }
        ArrowType type = vector.getField().getType();
        if (type instanceof ArrowType.Int integer) {
            long value = ((BaseIntVector) vector).getValueAsLong(row);
            out.write(integer.getBitWidth() == 64 && !integer.getIsSigned() ? Long.toUnsignedString(value)
                    : Long.toString(value));
        } else if (type instanceof ArrowType.FloatingPoint) {
            double value = ((FloatingPointVector) vector).getValueAsDouble(row);
            out.write(Double.isFinite(value) ? NumberText.format(value) : "null");
        } else if (type instanceof ArrowType.Bool) {
            out.write(((BitVector) vector).get(row) != 0 ? "true" : "false");
        } else if (type instanceof ArrowType.Utf8 || type instanceof ArrowType.LargeUtf8) {
            quote(ColumnReader.of((FieldVector) vector).getString(row), out);
        } else if (type instanceof ArrowType.Decimal) {
            out.write(((BigDecimal) vector.getObject(row)).toPlainString());
        } else if (TemporalText.handles(type)) {
            quote(TemporalText.format((FieldVector) vector, row), out);
        } else if (type instanceof ArrowType.Binary || type instanceof ArrowType.LargeBinary
                || type instanceof ArrowType.FixedSizeBinary) {
            quote(Base64.getEncoder().encodeToString((byte[]) vector.getObject(row)), out);
        } else if (vector instanceof MapVector map) {
            writeMap(map, row, out);
        } else if (vector instanceof ListVector list) {
            writeElements(list.getDataVector(), list.getElementStartIndex(row), list.getElementEndIndex(row), out);
        } else if (vector instanceof LargeListVector list) {
            writeElements(list.getDataVector(), Math.toIntExact(list.getElementStartIndex(row)),
                    Math.toIntExact(list.getElementEndIndex(row)), out);
        } else if (vector instanceof FixedSizeListVector list) {
            int size = list.getListSize();
            writeElements(list.getDataVector(), row * size, row * size + size, out);
        } else if (vector instanceof StructVector struct) {
            writeStruct(struct, row, out);
        } else {
            quote(String.valueOf(vector.getObject(row)), out);
        }
    }

    private static void writeElements(ValueVector elements, int from, int to, Writer out) throws IOException {
        out.write('[');
        for (int i = from; i < to; i++) {
            if (i > from) {
                out.write(',');
            }
            write(elements, i, out);
        }
        out.write(']');
    }

    private static void writeStruct(StructVector struct, int row, Writer out) throws IOException {
        out.write('{');
        boolean first = true;
        for (FieldVector child : struct.getChildrenFromFields()) {
            if (!first) {
                out.write(',');
            }
            first = false;
            quote(child.getName(), out);
            out.write(':');
            write(child, row, out);
        }
        out.write('}');
    }

    /** A map's entries (a struct of key and value) as an object keyed by each key's text. */
    private static void writeMap(MapVector map, int row, Writer out) throws IOException {
        StructVector entries = (StructVector) map.getDataVector();
        FieldVector keys = (FieldVector) entries.getChildByOrdinal(0);
        FieldVector values = (FieldVector) entries.getChildByOrdinal(1);
        out.write('{');
        for (int i = map.getElementStartIndex(row); i < map.getElementEndIndex(row); i++) {
            if (i > map.getElementStartIndex(row)) {
                out.write(',');
            }
            quote(keyText(keys, i), out);
            out.write(':');
            write(values, i, out);
        }
        out.write('}');
    }

    private static String keyText(FieldVector keys, int index) {
        ArrowType type = keys.getField().getType();
        return TemporalText.handles(type) ? TemporalText.format(keys, index) : ColumnReader.of(keys).format(index);
    }

    static void quote(String text, Writer out) throws IOException {
        out.write('"');
        out.write(JsonStringEncoder.getInstance().quoteAsString(text));
        out.write('"');
    }
}
