package io.conveyor.plugin.reshape.internal.sort;

import java.util.List;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseLargeVariableWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.FloatingPointVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/** Which column types a sort can order by, and their values laid out as {@link SortKey}s. */
final class SortKeys {

    private SortKeys() {
    }

    /** Whether a column of this type can be sorted on. */
    static boolean sortable(ArrowType type) {
        return type instanceof ArrowType.Int || type instanceof ArrowType.FloatingPoint
                || type instanceof ArrowType.Bool || isBytes(type) || isTemporal(type);
    }

    /** The types named in the message for a column that cannot be sorted on. */
    static final String SORTABLE = "integers, floats, booleans, strings, binary, dates, times, timestamps and durations";

    private static boolean isBytes(ArrowType type) {
        return type instanceof ArrowType.Utf8 || type instanceof ArrowType.LargeUtf8
                || type instanceof ArrowType.Binary || type instanceof ArrowType.LargeBinary;
    }

    private static boolean isTemporal(ArrowType type) {
        return type instanceof ArrowType.Date || type instanceof ArrowType.Time
                || type instanceof ArrowType.Timestamp || type instanceof ArrowType.Duration;
    }

    /**
     * The key for one column, its vectors given one per held batch.
     *
     * @param batchOf the batch each row is in (used by variable-width keys)
     */
    static SortKey of(ArrowType type, List<FieldVector> column, int rows, int[] batchOf, boolean descending,
            boolean nullsLast) {
        boolean[] nulls = nulls(column, rows);
        if (type instanceof ArrowType.FloatingPoint) {
            return new SortKey.Doubles(doubles(column, rows, nulls), nulls, descending, nullsLast);
        }
        if (type instanceof ArrowType.Bool) {
            return new SortKey.Booleans(booleans(column, rows), nulls, descending, nullsLast);
        }
        if (isBytes(type)) {
            return bytes(column, rows, batchOf, nulls, descending, nullsLast);
        }
        return new SortKey.Longs(integers(type, column, rows), nulls, descending, nullsLast);
    }

    /** Which rows are null, or {@code null} when none is. */
    private static boolean[] nulls(List<FieldVector> column, int rows) {
        boolean[] nulls = null;
        int row = 0;
        for (FieldVector vector : column) {
            int count = vector.getValueCount();
            if (vector.getNullCount() > 0) {
                if (nulls == null) {
                    nulls = new boolean[rows];
                }
                for (int r = 0; r < count; r++) {
                    nulls[row + r] = vector.isNull(r);
                }
            }
            row += count;
        }
        return nulls;
    }

    /**
     * Integers of any width, dates, times, timestamps, durations: read straight from the data
     * buffer (a null's slot holds some value, never looked at). Unsigned values are widened
     * without sign; a uint64 has its sign bit flipped, which makes signed order agree with
     * unsigned order.
     */
    private static long[] integers(ArrowType type, List<FieldVector> column, int rows) {
        boolean unsigned = type instanceof ArrowType.Int i && !i.getIsSigned();
        long[] values = new long[rows];
        int row = 0;
        for (FieldVector vector : column) {
            int count = vector.getValueCount();
            ArrowBuf data = vector.getDataBuffer();
            switch (((BaseFixedWidthVector) vector).getTypeWidth()) {
                case 1 -> {
                    for (int r = 0; r < count; r++) {
                        byte v = data.getByte(r);
                        values[row++] = unsigned ? v & 0xFFL : v;
                    }
                }
                case 2 -> {
                    for (int r = 0; r < count; r++) {
                        short v = data.getShort((long) r * 2);
                        values[row++] = unsigned ? v & 0xFFFFL : v;
                    }
                }
                case 4 -> {
                    for (int r = 0; r < count; r++) {
                        int v = data.getInt((long) r * 4);
                        values[row++] = unsigned ? v & 0xFFFF_FFFFL : v;
                    }
                }
                default -> {
                    for (int r = 0; r < count; r++) {
                        long v = data.getLong((long) r * 8);
                        values[row++] = unsigned ? v ^ Long.MIN_VALUE : v;
                    }
                }
            }
        }
        return values;
    }

    /** Floats, as doubles; {@code + 0.0} turns -0.0 into 0.0. */
    private static double[] doubles(List<FieldVector> column, int rows, boolean[] nulls) {
        double[] values = new double[rows];
        int row = 0;
        for (FieldVector vector : column) {
            int count = vector.getValueCount();
            ArrowBuf data = vector.getDataBuffer();
            if (vector instanceof Float8Vector) {
                for (int r = 0; r < count; r++) {
                    values[row++] = data.getDouble((long) r * 8) + 0.0;
                }
            } else if (vector instanceof Float4Vector) {
                for (int r = 0; r < count; r++) {
                    values[row++] = data.getFloat((long) r * 4) + 0.0;
                }
            } else {
                FloatingPointVector v = (FloatingPointVector) vector;
                for (int r = 0; r < count; r++, row++) {
                    values[row] = nulls != null && nulls[row] ? 0 : v.getValueAsDouble(r) + 0.0;
                }
            }
        }
        return values;
    }

    private static byte[] booleans(List<FieldVector> column, int rows) {
        byte[] values = new byte[rows];
        int row = 0;
        for (FieldVector vector : column) {
            ArrowBuf data = vector.getDataBuffer();
            int count = vector.getValueCount();
            for (int r = 0; r < count; r++) {
                values[row++] = (byte) BitVectorHelper.get(data, r);
            }
        }
        return values;
    }

    private static SortKey bytes(List<FieldVector> column, int rows, int[] batchOf, boolean[] nulls,
            boolean descending, boolean nullsLast) {
        int[] lengths = new int[rows];
        long[] starts = new long[rows];
        ArrowBuf[] data = new ArrowBuf[column.size()];
        int row = 0;
        for (int b = 0; b < column.size(); b++) {
            FieldVector vector = column.get(b);
            int count = vector.getValueCount();
            ArrowBuf offsets = vector.getOffsetBuffer();
            data[b] = vector.getDataBuffer();
            boolean large = vector instanceof BaseLargeVariableWidthVector;
            for (int r = 0; r < count; r++, row++) {
                if (nulls != null && nulls[row]) {
                    continue; // compared as null, never by value
                }
                long start = large ? offsets.getLong((long) r * BaseLargeVariableWidthVector.OFFSET_WIDTH)
                        : offsets.getInt((long) r * BaseVariableWidthVector.OFFSET_WIDTH);
                long end = large ? offsets.getLong((long) (r + 1) * BaseLargeVariableWidthVector.OFFSET_WIDTH)
                        : offsets.getInt((long) (r + 1) * BaseVariableWidthVector.OFFSET_WIDTH);
                starts[row] = start;
                lengths[row] = (int) (end - start);
            }
        }
        int skip = sharedLength(data, batchOf, starts, lengths, nulls);
        long[] prefixes = new long[rows];
        for (row = 0; row < rows; row++) {
            if (nulls == null || !nulls[row]) {
                prefixes[row] = BytesKey.prefix(data[batchOf[row]], starts[row] + skip, lengths[row] - skip);
            }
        }
        return new BytesKey(skip, prefixes, lengths, starts, batchOf, data, nulls, descending, nullsLast);
    }

    /** The most bytes to look for at the start of every value: longer shared starts are rare. */
    private static final int MAX_SHARED = 64;

    /** How many leading bytes every non-null value has in common. */
    private static int sharedLength(ArrowBuf[] data, int[] batchOf, long[] starts, int[] lengths, boolean[] nulls) {
        int first = 0;
        while (first < lengths.length && nulls != null && nulls[first]) {
            first++;
        }
        if (first == lengths.length) {
            return 0;
        }
        byte[] shared = new byte[Math.min(lengths[first], MAX_SHARED)];
        data[batchOf[first]].getBytes(starts[first], shared, 0, shared.length);
        int length = shared.length;
        for (int row = first + 1; row < lengths.length && length > 0; row++) {
            if (nulls != null && nulls[row]) {
                continue;
            }
            ArrowBuf buffer = data[batchOf[row]];
            long start = starts[row];
            int limit = Math.min(length, lengths[row]);
            int i = 0;
            while (i < limit && buffer.getByte(start + i) == shared[i]) {
                i++;
            }
            length = i;
        }
        return length;
    }
}
