package io.conveyor.plugin.fields.internal.extract;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.pojo.Field;

import io.conveyor.plugin.kit.column.ColumnType;

/** The column type json.extract writes ({@code type}): text as the original tool did, or a typed value. */
enum OutputType {
    STRING("string", ColumnType.UTF8),
    INT64("int64", ColumnType.INT64),
    FLOAT64("float64", ColumnType.FLOAT64),
    BOOL("bool", ColumnType.BOOL);

    static final Object[] NAMES = {"string", "int64", "float64", "bool"};

    private final String name;
    private final ColumnType columnType;

    OutputType(String name, ColumnType columnType) {
        this.name = name;
        this.columnType = columnType;
    }

    static OutputType parse(String name) {
        for (OutputType type : values()) {
            if (type.name.equals(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown type " + name);
    }

    Field field(String column) {
        return columnType.field(column);
    }

    /** An empty vector for {@code rows} values; text gets {@code textBytes} of room to start with. */
    FieldVector newVector(String column, int rows, long textBytes, BufferAllocator allocator) {
        FieldVector vector = field(column).createVector(allocator);
        try {
            if (vector instanceof VarCharVector text) {
                text.allocateNew(Math.max(textBytes, 1), rows);
            } else if (vector instanceof BigIntVector longs) {
                longs.allocateNew(rows);
            } else if (vector instanceof Float8Vector doubles) {
                doubles.allocateNew(rows);
            } else {
                ((BitVector) vector).allocateNew(rows);
            }
        } catch (RuntimeException e) {
            vector.close();
            throw e;
        }
        return vector;
    }
}
