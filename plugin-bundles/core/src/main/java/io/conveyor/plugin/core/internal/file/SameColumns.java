package io.conveyor.plugin.core.internal.file;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;

import io.conveyor.api.stage.StageException;

/**
 * Checks that every batch a sink writes into one table (a CSV file) has the table's columns: the
 * columns of the first batch in input order, as if the inputs were written one after the other.
 *
 * <p>Batches of different inputs arrive interleaved, so the table's columns are known only once
 * an input has a batch and every input before it has ended without one. Until then, the columns
 * seen are remembered and checked as soon as they can be; the mismatch reported is the first in
 * input order among what has arrived. Not thread-safe.
 */
public final class SameColumns {

    private final List<String> inputs;
    private final String table;
    private final Map<String, List<String>> firstColumns = new HashMap<>();
    private final Map<String, List<String>> otherColumns = new HashMap<>();
    private final Set<String> ended = new HashSet<>();

    /**
     * @param inputs the sink's inputs in pipeline order
     * @param table  how messages name the table, e.g. {@code the CSV output}
     */
    public SameColumns(List<String> inputs, String table) {
        this.inputs = List.copyOf(inputs);
        this.table = table;
    }

    /**
     * Records the columns of a batch of {@code input} and checks what can be checked.
     *
     * @throws StageException DATA {@code input 'b' has columns (key), but the CSV output's are (id)}
     */
    public void check(String input, VectorSchemaRoot batch) throws StageException {
        List<String> columns = batch.getSchema().getFields().stream().map(Field::getName).toList();
        List<String> first = firstColumns.putIfAbsent(input, columns);
        if (first != null && !first.equals(columns)) {
            otherColumns.putIfAbsent(input, columns);
        }
        settle();
    }

    /** Records that {@code input} has ended, which may decide the table's columns. */
    public void end(String input) throws StageException {
        ended.add(input);
        settle();
    }

    private void settle() throws StageException {
        List<String> expected = tableColumns();
        if (expected == null) {
            return;
        }
        for (String input : inputs) {
            List<String> first = firstColumns.get(input);
            if (first != null && !first.equals(expected)) {
                throw mismatch(input, first, expected);
            }
            List<String> other = otherColumns.get(input);
            if (other != null) {
                throw mismatch(input, other, expected);
            }
        }
    }

    /** The columns of the first input in order that has a batch, once every input before it has ended; else null. */
    private List<String> tableColumns() {
        for (String input : inputs) {
            List<String> first = firstColumns.get(input);
            if (first != null) {
                return first;
            }
            if (!ended.contains(input)) {
                return null;
            }
        }
        return null;
    }

    private StageException mismatch(String input, List<String> columns, List<String> expected) {
        return StageException.data("input '" + input + "' has columns (" + String.join(", ", columns) + "), but "
                + table + "'s are (" + String.join(", ", expected) + ")");
    }
}
