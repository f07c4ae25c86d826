package io.conveyor.plugin.aggregate.internal.hash;

import java.util.List;

import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Maps the keys of rows (the values of one or more key columns) to dense ids, {@code 0, 1, 2...}
 * in the order keys first appear: the hash table behind group-by, distinct and join. A batch is
 * first {@link #prepare}d (its keys read off the vectors into primitive arrays once), then its
 * rows are {@link #insert}ed or {@link #lookup looked up} together, filling an id per row.
 *
 * <p>Equality is by value: integers and temporals by their bits, floats with {@code -0.0 == 0.0}
 * and every NaN equal to every other, text by its bytes. Whether two nulls are equal depends on
 * the operation: they are for group-by and distinct, never for a join.
 *
 * <p>Memory: the table keeps each distinct key once (8 bytes for a one-column number key, the
 * encoded bytes otherwise) plus about 16 bytes of slots per key.
 */
public abstract class KeyIndex {

    /** Whether a column of this type can be a key: numbers, booleans, temporals, decimals, text, binary. */
    public static boolean supports(ArrowType type) {
        return switch (type.getTypeID()) {
            case Int, FloatingPoint, Bool, Date, Time, Timestamp, Duration, Decimal, FixedSizeBinary, Utf8,
                    LargeUtf8, Binary, LargeBinary -> true;
            default -> false;
        };
    }

    /** An index for keys of these columns, each of a {@linkplain #supports supported} type. */
    public static KeyIndex create(List<Field> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no key columns");
        }
        if (keys.size() == 1 && LongKeyIndex.fits(keys.get(0).getType())) {
            return new LongKeyIndex();
        }
        return new BytesKeyIndex(keys.size() == 1);
    }

    /** Reads the keys of rows {@code [0, rows)} of a batch, one vector per key column, in key order. */
    public abstract void prepare(FieldVector[] keys, int rows);

    /**
     * Sets {@code ids[r]} for every prepared row, giving new keys the next ids. With
     * {@code nullsAreKeys} a key holding nulls is a key like any other (and equal to the same
     * nulls); without, such rows get {@code -1} and are not added.
     */
    public abstract void insert(int rows, int[] ids, boolean nullsAreKeys);

    /** Sets {@code ids[r]} to the id of each prepared row's key, or {@code -1} when absent or holding a null. */
    public abstract void lookup(int rows, int[] ids);

    /** How many keys have ids. */
    public abstract int size();

    static int capacityFor(int keys) {
        int capacity = 1024;
        while (capacity < keys * 2) {
            capacity <<= 1;
        }
        return capacity;
    }
}
