package io.conveyor.plugin.parquet.internal.read;

import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DateLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.EnumLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.JsonLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.StringLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * How each flat Parquet column is read: the Arrow type it becomes and the decoder that fills it.
 * Every column reads as nullable. Nested columns (groups, repeated fields) are not read.
 */
final class ReadableColumns {

    /** One column as read. */
    record Column(Field field, ColumnDecoder decoder) {
    }

    private ReadableColumns() {
    }

    /** How {@code type} is read, or {@code null} when it cannot be. */
    static Column of(Type type) {
        if (!type.isPrimitive() || type.isRepetition(Type.Repetition.REPEATED)) {
            return null;
        }
        PrimitiveType primitive = type.asPrimitiveType();
        LogicalTypeAnnotation logical = primitive.getLogicalTypeAnnotation();
        String name = type.getName();
        return switch (primitive.getPrimitiveTypeName()) {
            case BOOLEAN -> column(name, ArrowType.Bool.INSTANCE, new ColumnDecoder.Bool());
            case INT32 -> int32(name, logical);
            case INT64 -> int64(name, logical);
            case INT96 -> column(name, new ArrowType.Timestamp(TimeUnit.NANOSECOND, null), new ColumnDecoder.Int96());
            case FLOAT -> column(name, new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE),
                    new ColumnDecoder.Float32());
            case DOUBLE -> column(name, new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE),
                    new ColumnDecoder.Float64());
            case BINARY -> binary(name, logical);
            case FIXED_LEN_BYTE_ARRAY -> fixed(name, logical, primitive.getTypeLength());
        };
    }

    /** Why {@code type} cannot be read, as the end of a sentence about the column. */
    static String whyUnreadable(Type type) {
        if (!type.isPrimitive()) {
            LogicalTypeAnnotation kind = type.getLogicalTypeAnnotation();
            return "is a nested column (" + (kind == null ? "a group" : kind.toString().toLowerCase(java.util.Locale.ROOT))
                    + "), which parquet.read cannot read";
        }
        if (type.isRepetition(Type.Repetition.REPEATED)) {
            return "is a repeated column, which parquet.read cannot read";
        }
        return "has Parquet type " + type.asPrimitiveType().getPrimitiveTypeName()
                + (type.getLogicalTypeAnnotation() == null ? "" : " (" + type.getLogicalTypeAnnotation() + ")")
                + ", which parquet.read cannot read";
    }

    private static Column int32(String name, LogicalTypeAnnotation logical) {
        if (logical == null) {
            return column(name, new ArrowType.Int(32, true), new ColumnDecoder.Int32(4));
        }
        if (logical instanceof IntLogicalTypeAnnotation i) {
            return column(name, new ArrowType.Int(i.getBitWidth(), i.isSigned()),
                    new ColumnDecoder.Int32(i.getBitWidth() / 8));
        }
        if (logical instanceof DateLogicalTypeAnnotation) {
            return column(name, new ArrowType.Date(DateUnit.DAY), new ColumnDecoder.Int32(4));
        }
        if (logical instanceof TimeLogicalTypeAnnotation t && t.getUnit() == LogicalTypeAnnotation.TimeUnit.MILLIS) {
            return column(name, new ArrowType.Time(TimeUnit.MILLISECOND, 32), new ColumnDecoder.Int32(4));
        }
        if (logical instanceof DecimalLogicalTypeAnnotation d) {
            return decimal(name, d, new ColumnDecoder.DecimalFromLong(true));
        }
        return null;
    }

    private static Column int64(String name, LogicalTypeAnnotation logical) {
        if (logical == null) {
            return column(name, new ArrowType.Int(64, true), new ColumnDecoder.Int64());
        }
        if (logical instanceof IntLogicalTypeAnnotation i && i.getBitWidth() == 64) {
            return column(name, new ArrowType.Int(64, i.isSigned()), new ColumnDecoder.Int64());
        }
        if (logical instanceof TimestampLogicalTypeAnnotation t) {
            return column(name, new ArrowType.Timestamp(unit(t.getUnit()), t.isAdjustedToUTC() ? "UTC" : null),
                    new ColumnDecoder.Int64());
        }
        if (logical instanceof TimeLogicalTypeAnnotation t && t.getUnit() != LogicalTypeAnnotation.TimeUnit.MILLIS) {
            return column(name, new ArrowType.Time(unit(t.getUnit()), 64), new ColumnDecoder.Int64());
        }
        if (logical instanceof DecimalLogicalTypeAnnotation d) {
            return decimal(name, d, new ColumnDecoder.DecimalFromLong(false));
        }
        return null;
    }

    private static Column binary(String name, LogicalTypeAnnotation logical) {
        if (logical instanceof StringLogicalTypeAnnotation || logical instanceof EnumLogicalTypeAnnotation
                || logical instanceof JsonLogicalTypeAnnotation) {
            return column(name, ArrowType.Utf8.INSTANCE, new ColumnDecoder.Bytes());
        }
        if (logical instanceof DecimalLogicalTypeAnnotation d) {
            return decimal(name, d, new ColumnDecoder.DecimalFromBytes());
        }
        return column(name, ArrowType.Binary.INSTANCE, new ColumnDecoder.Bytes());
    }

    private static Column fixed(String name, LogicalTypeAnnotation logical, int length) {
        if (logical instanceof DecimalLogicalTypeAnnotation d) {
            return length <= 16 ? decimal(name, d, new ColumnDecoder.DecimalFromBytes()) : null;
        }
        if (logical instanceof LogicalTypeAnnotation.Float16LogicalTypeAnnotation) {
            return null;
        }
        return column(name, new ArrowType.FixedSizeBinary(length), new ColumnDecoder.FixedBytes(length));
    }

    private static Column decimal(String name, DecimalLogicalTypeAnnotation d, ColumnDecoder decoder) {
        if (d.getPrecision() > 38) {
            return null;
        }
        return column(name, new ArrowType.Decimal(d.getPrecision(), d.getScale(), 128), decoder);
    }

    private static TimeUnit unit(LogicalTypeAnnotation.TimeUnit unit) {
        return switch (unit) {
            case MILLIS -> TimeUnit.MILLISECOND;
            case MICROS -> TimeUnit.MICROSECOND;
            case NANOS -> TimeUnit.NANOSECOND;
        };
    }

    private static Column column(String name, ArrowType type, ColumnDecoder decoder) {
        return new Column(new Field(name, FieldType.nullable(type), null), decoder);
    }
}
