package io.conveyor.plugin.expression.internal.eval;

import org.apache.arrow.vector.FieldVector;

/** The batch being evaluated: its columns by index and its row count. Each batch gets a new epoch. */
final class Frame {

    final FieldVector[] columns;
    final int rows;
    final long epoch;

    Frame(FieldVector[] columns, int rows, long epoch) {
        this.columns = columns;
        this.rows = rows;
        this.epoch = epoch;
    }
}
