package io.conveyor.plugin.expression.internal.filter;

import org.apache.arrow.vector.FieldVector;

/** Selects the rows of one column that match; null cells never match. */
interface RowPredicate {

    /**
     * Writes the indexes of the matching rows of {@code vector} into {@code selected}, in order.
     *
     * @param selected at least {@code rows} long
     * @return how many rows matched
     */
    int select(FieldVector vector, int rows, int[] selected);
}
