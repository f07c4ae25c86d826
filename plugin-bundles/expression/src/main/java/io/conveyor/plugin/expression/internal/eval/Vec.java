package io.conveyor.plugin.expression.internal.eval;

import java.util.Arrays;

import io.conveyor.plugin.expression.internal.lang.Type;

/**
 * One evaluated column of rows {@code [0, rows)}, in plain Java arrays that the kernel owning it
 * reuses from batch to batch. Values of null rows are undefined. Integers, dates (days) and
 * timestamps (microseconds) are in {@link #longs}; strings are UTF-8 bytes, value {@code i} being
 * {@code bytes[offsets[i] .. offsets[i + 1])}.
 */
final class Vec {

    final Type type;
    int rows;
    long[] longs;
    double[] doubles;
    boolean[] bools;
    byte[] bytes;
    int[] offsets;
    /** Null flags, meaningful only when {@link #hasNulls}. */
    boolean[] nulls;
    boolean hasNulls;

    Vec(Type type) {
        this.type = type;
        resize(0);
    }

    /** Makes room for {@code rows} values and forgets the nulls; strings start empty. */
    void reset(int rows) {
        this.rows = rows;
        resize(rows);
        hasNulls = false;
        if (offsets != null) {
            offsets[0] = 0;
        }
    }

    private void resize(int rows) {
        switch (type) {
            case INT, DATE, TIMESTAMP -> longs = grow(longs, rows);
            case FLOAT -> doubles = grow(doubles, rows);
            case BOOL -> bools = grow(bools, rows);
            case STRING -> {
                if (offsets == null || offsets.length < rows + 1) {
                    offsets = new int[Math.max(rows + 1, offsets == null ? 1 : offsets.length * 3 / 2)];
                }
                if (bytes == null) {
                    bytes = new byte[64];
                }
            }
            case NULL -> {
                // no values: every row is null
            }
        }
    }

    private static long[] grow(long[] array, int rows) {
        return array != null && array.length >= rows ? array : new long[capacity(array == null ? 0 : array.length, rows)];
    }

    private static double[] grow(double[] array, int rows) {
        return array != null && array.length >= rows ? array
                : new double[capacity(array == null ? 0 : array.length, rows)];
    }

    private static boolean[] grow(boolean[] array, int rows) {
        return array != null && array.length >= rows ? array
                : new boolean[capacity(array == null ? 0 : array.length, rows)];
    }

    private static int capacity(int current, int needed) {
        return Math.max(needed, Math.min(Integer.MAX_VALUE - 8, current + (current >> 1)));
    }

    boolean isNull(int row) {
        return hasNulls && nulls[row];
    }

    /** Turns on null tracking with every row not null, so that rows can then be set null one by one. */
    void trackNulls() {
        if (!hasNulls) {
            nulls = grow(nulls, rows);
            Arrays.fill(nulls, 0, rows, false);
            hasNulls = true;
        }
    }

    void setNull(int row) {
        trackNulls();
        nulls[row] = true;
    }

    /** Sets this vector's nulls to the union of the nulls of {@code a} and {@code b} (either may be null). */
    void nullsFrom(Vec a, Vec b) {
        boolean an = a != null && a.hasNulls;
        boolean bn = b != null && b.hasNulls;
        if (!an && !bn) {
            hasNulls = false;
            return;
        }
        nulls = grow(nulls, rows);
        hasNulls = true;
        if (an && bn) {
            boolean[] x = a.nulls;
            boolean[] y = b.nulls;
            for (int i = 0; i < rows; i++) {
                nulls[i] = x[i] | y[i];
            }
        } else {
            System.arraycopy(an ? a.nulls : b.nulls, 0, nulls, 0, rows);
        }
    }

    /** Every row null. */
    void allNull() {
        nulls = grow(nulls, rows);
        Arrays.fill(nulls, 0, rows, true);
        hasNulls = true;
        if (offsets != null) {
            Arrays.fill(offsets, 0, rows + 1, 0);
        }
    }

    // ---- strings, built row by row: every row from 0 up ends with endString(row) ----

    int stringStart(int row) {
        return offsets[row];
    }

    int stringEnd(int row) {
        return offsets[row + 1];
    }

    int stringLength(int row) {
        return offsets[row + 1] - offsets[row];
    }

    /**
     * Makes room for {@code extra} more bytes after {@code position}, and always 8 bytes more than
     * that, so that a value can be read as whole longs ({@link Bytes#head}) without a bounds check.
     */
    void reserveBytes(int position, int extra) {
        long needed = (long) position + extra + Bytes.PADDING;
        if (needed > bytes.length) {
            if (needed > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("a text column of more than 2 GB in one batch");
            }
            bytes = Arrays.copyOf(bytes, (int) Math.max(needed, Math.min(Integer.MAX_VALUE - 8L, bytes.length * 2L)));
        }
    }

    /** Appends bytes to the row being built, which starts at {@code offsets[row]}; returns the new end. */
    int append(int position, byte[] from, int start, int end) {
        int length = end - start;
        reserveBytes(position, length);
        System.arraycopy(from, start, bytes, position, length);
        return position + length;
    }

    /** Ends row {@code row} at byte {@code end}. */
    void endString(int row, int end) {
        offsets[row + 1] = end;
    }

    /** Copies the value of row {@code row} of {@code from} as this vector's row {@code row}. */
    void copyString(Vec from, int fromRow, int row) {
        endString(row, append(offsets[row], from.bytes, from.offsets[fromRow], from.offsets[fromRow + 1]));
    }
}
