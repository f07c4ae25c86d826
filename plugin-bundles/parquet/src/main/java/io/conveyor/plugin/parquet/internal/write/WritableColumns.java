package io.conveyor.plugin.parquet.internal.write;

import static org.apache.parquet.schema.LogicalTypeAnnotation.dateType;
import static org.apache.parquet.schema.LogicalTypeAnnotation.decimalType;
import static org.apache.parquet.schema.LogicalTypeAnnotation.intType;
import static org.apache.parquet.schema.LogicalTypeAnnotation.stringType;
import static org.apache.parquet.schema.LogicalTypeAnnotation.timeType;
import static org.apache.parquet.schema.LogicalTypeAnnotation.timestampType;

import java.util.ArrayList;
import java.util.List;

import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

import io.conveyor.plugin.kit.column.TypeNames;

/**
 * How each Arrow column type is written: its Parquet physical and logical type, and the encoder
 * that moves its cells. Every column is optional (nullable).
 */
final class WritableColumns {

    /** The column types that can be written, for messages. */
    static final String SUPPORTED = "int8-64, uint8-64, float32, float64, bool, utf8, binary, fixed-size binary, "
            + "decimal, date, time and timestamp";

    /** One column as written. */
    record Column(PrimitiveType type, ColumnEncoder encoder) {
    }

    private WritableColumns() {
    }

    /** The Parquet schema of a batch schema, or {@code null} if some column cannot be written. */
    static MessageType messageType(Schema schema) {
        List<Type> fields = new ArrayList<>();
        for (Field field : schema.getFields()) {
            Column column = of(field);
            if (column == null) {
                return null;
            }
            fields.add(column.type());
        }
        return new MessageType("schema", fields);
    }

    /** Problems naming each column that cannot be written, as sentences; empty when all can. */
    static List<String> unwritable(Schema schema) {
        List<String> problems = new ArrayList<>();
        for (Field field : schema.getFields()) {
            if (of(field) == null) {
                problems.add("column '" + field.getName() + "' has type " + TypeNames.of(field)
                        + ", which parquet.write cannot write (it writes " + SUPPORTED + ")");
            }
        }
        return problems;
    }

    /** How {@code field} is written, or {@code null} when its type is not supported. */
    static Column of(Field field) {
        if (!field.getChildren().isEmpty()) {
            return null;
        }
        String name = field.getName();
        ArrowType type = field.getType();
        if (type instanceof ArrowType.Int i) {
            return integer(name, i);
        }
        if (type instanceof ArrowType.FloatingPoint f) {
            return switch (f.getPrecision()) {
                case DOUBLE -> column(PrimitiveTypeName.DOUBLE, null, name, new ColumnEncoder.Float64());
                case SINGLE -> column(PrimitiveTypeName.FLOAT, null, name, new ColumnEncoder.Float32());
                case HALF -> null;
            };
        }
        if (type instanceof ArrowType.Bool) {
            return column(PrimitiveTypeName.BOOLEAN, null, name, new ColumnEncoder.Bool());
        }
        if (type instanceof ArrowType.Utf8) {
            return column(PrimitiveTypeName.BINARY, stringType(), name, new ColumnEncoder.Bytes(false));
        }
        if (type instanceof ArrowType.LargeUtf8) {
            return column(PrimitiveTypeName.BINARY, stringType(), name, new ColumnEncoder.Bytes(true));
        }
        if (type instanceof ArrowType.Binary) {
            return column(PrimitiveTypeName.BINARY, null, name, new ColumnEncoder.Bytes(false));
        }
        if (type instanceof ArrowType.LargeBinary) {
            return column(PrimitiveTypeName.BINARY, null, name, new ColumnEncoder.Bytes(true));
        }
        if (type instanceof ArrowType.FixedSizeBinary b) {
            return new Column(Types.optional(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY).length(b.getByteWidth())
                    .named(name), new ColumnEncoder.FixedBytes(b.getByteWidth()));
        }
        if (type instanceof ArrowType.Decimal d && d.getBitWidth() == 128) {
            int width = decimalBytes(d.getPrecision());
            return new Column(Types.optional(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY).length(width)
                    .as(decimalType(d.getScale(), d.getPrecision())).named(name), new ColumnEncoder.Decimal(width));
        }
        if (type instanceof ArrowType.Date d) {
            return switch (d.getUnit()) {
                case DAY -> column(PrimitiveTypeName.INT32, dateType(), name, new ColumnEncoder.Int32(4, 1));
                case MILLISECOND -> column(PrimitiveTypeName.INT32, dateType(), name, new ColumnEncoder.DateMillis());
            };
        }
        if (type instanceof ArrowType.Timestamp t) {
            return timestamp(name, t);
        }
        if (type instanceof ArrowType.Time t) {
            return time(name, t);
        }
        return null;
    }

    private static Column integer(String name, ArrowType.Int i) {
        LogicalTypeAnnotation annotation = intType(i.getBitWidth(), i.getIsSigned());
        if (i.getBitWidth() == 64) {
            return column(PrimitiveTypeName.INT64, i.getIsSigned() ? null : annotation, name,
                    new ColumnEncoder.Int64(1));
        }
        int width = i.getBitWidth() / 8;
        return column(PrimitiveTypeName.INT32, i.getBitWidth() == 32 && i.getIsSigned() ? null : annotation, name,
                new ColumnEncoder.Int32(i.getIsSigned() || width == 4 ? width : -width, 1));
    }

    /** Seconds have no Parquet unit: they are written as milliseconds, as pyarrow does. */
    private static Column timestamp(String name, ArrowType.Timestamp t) {
        boolean utc = t.getTimezone() != null;
        return switch (t.getUnit()) {
            case SECOND -> column(PrimitiveTypeName.INT64, timestampType(utc, TimeUnit.MILLIS), name,
                    new ColumnEncoder.Int64(1000));
            case MILLISECOND -> column(PrimitiveTypeName.INT64, timestampType(utc, TimeUnit.MILLIS), name,
                    new ColumnEncoder.Int64(1));
            case MICROSECOND -> column(PrimitiveTypeName.INT64, timestampType(utc, TimeUnit.MICROS), name,
                    new ColumnEncoder.Int64(1));
            case NANOSECOND -> column(PrimitiveTypeName.INT64, timestampType(utc, TimeUnit.NANOS), name,
                    new ColumnEncoder.Int64(1));
        };
    }

    private static Column time(String name, ArrowType.Time t) {
        return switch (t.getUnit()) {
            case SECOND -> column(PrimitiveTypeName.INT32, timeType(false, TimeUnit.MILLIS), name,
                    new ColumnEncoder.Int32(4, 1000));
            case MILLISECOND -> column(PrimitiveTypeName.INT32, timeType(false, TimeUnit.MILLIS), name,
                    new ColumnEncoder.Int32(4, 1));
            case MICROSECOND -> column(PrimitiveTypeName.INT64, timeType(false, TimeUnit.MICROS), name,
                    new ColumnEncoder.Int64(1));
            case NANOSECOND -> column(PrimitiveTypeName.INT64, timeType(false, TimeUnit.NANOS), name,
                    new ColumnEncoder.Int64(1));
        };
    }

    /** The fewest bytes whose two's complement holds every unscaled value of {@code precision} digits. */
    static int decimalBytes(int precision) {
        double bits = precision * Math.log(10) / Math.log(2) + 1;
        return (int) Math.ceil(bits / 8);
    }

    private static Column column(PrimitiveTypeName physical, LogicalTypeAnnotation logical, String name,
            ColumnEncoder encoder) {
        return new Column(Types.optional(physical).as(logical).named(name), encoder);
    }
}
