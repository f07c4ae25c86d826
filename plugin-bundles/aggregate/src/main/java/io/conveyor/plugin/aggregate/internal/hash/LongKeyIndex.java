package io.conveyor.plugin.aggregate.internal.hash;

import java.util.Arrays;

import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float2Vector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * A key of one column whose values fit in 8 bytes (integers, floats, booleans, dates, times,
 * timestamps, durations), held as a {@code long} in an open-addressing table with linear probing.
 */
final class LongKeyIndex extends KeyIndex {

    private static final long CANONICAL_NAN8 = Double.doubleToLongBits(Double.NaN);
    private static final long CANONICAL_NAN4 = Float.floatToIntBits(Float.NaN);

    private long[] keys = new long[0];
    private boolean[] nulls = new boolean[0];
    private boolean batchHasNulls;

    private long[] slotKeys;
    private int[] slotIds; // id + 1; 0 marks an empty slot
    private int mask;
    private long[] idKeys = new long[16];
    private int size;
    private int nullId = -1;

    LongKeyIndex() {
        int capacity = capacityFor(0);
        slotKeys = new long[capacity];
        slotIds = new int[capacity];
        mask = capacity - 1;
    }

    static boolean fits(ArrowType type) {
        return switch (type.getTypeID()) {
            case Int, FloatingPoint, Bool, Date, Time, Timestamp, Duration -> true;
            default -> false;
        };
    }

    @Override
    public void prepare(FieldVector[] columns, int rows) {
        FieldVector vector = columns[0];
        if (keys.length < rows) {
            keys = new long[rows];
            nulls = new boolean[rows];
        }
        batchHasNulls = vector.getNullCount() > 0;
        if (batchHasNulls) {
            for (int r = 0; r < rows; r++) {
                nulls[r] = vector.isNull(r);
            }
        }
        if (rows == 0) {
            return;
        }
        if (vector instanceof BitVector bits) {
            long address = bits.getDataBufferAddress();
            for (int r = 0; r < rows; r++) {
                keys[r] = (MemoryUtil.getByte(address + (r >>> 3)) >> (r & 7)) & 1;
            }
        } else if (vector instanceof Float8Vector) {
            long address = ((BaseFixedWidthVector) vector).getDataBufferAddress();
            for (int r = 0; r < rows; r++) {
                long bits = MemoryUtil.getLong(address + ((long) r << 3));
                double value = Double.longBitsToDouble(bits);
                keys[r] = value == 0 ? 0 : value != value ? CANONICAL_NAN8 : bits;
            }
        } else if (vector instanceof Float4Vector) {
            long address = ((BaseFixedWidthVector) vector).getDataBufferAddress();
            for (int r = 0; r < rows; r++) {
                int bits = MemoryUtil.getInt(address + ((long) r << 2));
                float value = Float.intBitsToFloat(bits);
                keys[r] = value == 0 ? 0 : value != value ? CANONICAL_NAN4 : bits;
            }
        } else if (vector instanceof Float2Vector) {
            long address = ((BaseFixedWidthVector) vector).getDataBufferAddress();
            for (int r = 0; r < rows; r++) {
                int bits = MemoryUtil.getShort(address + ((long) r << 1)) & 0xFFFF;
                boolean zero = (bits & 0x7FFF) == 0;
                boolean nan = (bits & 0x7C00) == 0x7C00 && (bits & 0x3FF) != 0;
                keys[r] = zero ? 0 : nan ? 0x7E00 : bits;
            }
        } else {
            readRaw((BaseFixedWidthVector) vector, rows);
        }
    }

    /** The value bits, zero-extended: equal values have equal bits for integers and temporals. */
    private void readRaw(BaseFixedWidthVector vector, int rows) {
        long address = vector.getDataBufferAddress();
        switch (vector.getTypeWidth()) {
            case 8 -> {
                for (int r = 0; r < rows; r++) {
                    keys[r] = MemoryUtil.getLong(address + ((long) r << 3));
                }
            }
            case 4 -> {
                for (int r = 0; r < rows; r++) {
                    keys[r] = MemoryUtil.getInt(address + ((long) r << 2)) & 0xFFFFFFFFL;
                }
            }
            case 2 -> {
                for (int r = 0; r < rows; r++) {
                    keys[r] = MemoryUtil.getShort(address + ((long) r << 1)) & 0xFFFFL;
                }
            }
            case 1 -> {
                for (int r = 0; r < rows; r++) {
                    keys[r] = MemoryUtil.getByte(address + r) & 0xFFL;
                }
            }
            default -> throw new IllegalStateException("unexpected key width " + vector.getTypeWidth());
        }
    }

    @Override
    public void insert(int rows, int[] ids, boolean nullsAreKeys) {
        for (int r = 0; r < rows; r++) {
            if (batchHasNulls && nulls[r]) {
                if (!nullsAreKeys) {
                    ids[r] = -1;
                    continue;
                }
                if (nullId < 0) {
                    nullId = newId(0);
                }
                ids[r] = nullId;
                continue;
            }
            long key = keys[r];
            int slot = Hashing.hashLong(key) & mask;
            while (true) {
                int stored = slotIds[slot];
                if (stored == 0) {
                    int id = newId(key);
                    slotIds[slot] = id + 1;
                    slotKeys[slot] = key;
                    ids[r] = id;
                    if (size * 2 > slotIds.length) {
                        grow();
                    }
                    break;
                }
                if (slotKeys[slot] == key) {
                    ids[r] = stored - 1;
                    break;
                }
                slot = (slot + 1) & mask;
            }
        }
    }

    @Override
    public void lookup(int rows, int[] ids) {
        for (int r = 0; r < rows; r++) {
            if (batchHasNulls && nulls[r]) {
                ids[r] = -1;
                continue;
            }
            long key = keys[r];
            int slot = Hashing.hashLong(key) & mask;
            while (true) {
                int stored = slotIds[slot];
                if (stored == 0) {
                    ids[r] = -1;
                    break;
                }
                if (slotKeys[slot] == key) {
                    ids[r] = stored - 1;
                    break;
                }
                slot = (slot + 1) & mask;
            }
        }
    }

    private int newId(long key) {
        if (size == idKeys.length) {
            idKeys = Arrays.copyOf(idKeys, size * 2);
        }
        idKeys[size] = key;
        return size++;
    }

    private void grow() {
        int capacity = slotIds.length * 2;
        slotKeys = new long[capacity];
        slotIds = new int[capacity];
        mask = capacity - 1;
        for (int id = 0; id < size; id++) {
            if (id == nullId) {
                continue;
            }
            long key = idKeys[id];
            int slot = Hashing.hashLong(key) & mask;
            while (slotIds[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slotIds[slot] = id + 1;
            slotKeys[slot] = key;
        }
    }

    @Override
    public int size() {
        return size;
    }
}
