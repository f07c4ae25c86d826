package io.conveyor.plugin.expression.internal.eval;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Equality of byte ranges, eight bytes at a time. For the short values columns mostly hold
 * (a status, a code) this beats {@code Arrays.equals}, whose setup is paid per call.
 */
final class Bytes {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** How many bytes every {@link Vec}'s byte array has beyond its last value. */
    static final int PADDING = 8;

    private static final long[] MASKS = new long[9];

    static {
        for (int n = 0; n < 8; n++) {
            MASKS[n] = (1L << (8 * n)) - 1;
        }
        MASKS[8] = -1L;
    }

    private Bytes() {
    }

    /**
     * The first {@code min(length, 8)} bytes of a value as a little-endian long (zeros above).
     * The array must have {@link #PADDING} bytes after the value, as a {@link Vec}'s has.
     */
    static long head(byte[] bytes, int start, int length) {
        return (long) LONGS.get(bytes, start) & MASKS[Math.min(length, 8)];
    }

    /** The last 8 bytes of a value of 8 bytes or more (overlapping the head when shorter than 16); 0 below 8. */
    static long tail(byte[] bytes, int end, int length) {
        return length >= 8 ? (long) LONGS.get(bytes, end - 8) : 0;
    }

    /** Whether {@code a[aFrom, aFrom + length)} equals {@code b[bFrom, bFrom + length)}. */
    static boolean equal(byte[] a, int aFrom, byte[] b, int bFrom, int length) {
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            if ((long) LONGS.get(a, aFrom + i) != (long) LONGS.get(b, bFrom + i)) {
                return false;
            }
        }
        for (; i < length; i++) {
            if (a[aFrom + i] != b[bFrom + i]) {
                return false;
            }
        }
        return true;
    }
}
