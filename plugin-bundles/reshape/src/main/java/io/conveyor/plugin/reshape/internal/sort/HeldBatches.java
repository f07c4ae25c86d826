package io.conveyor.plugin.reshape.internal.sort;

import java.util.ArrayList;
import java.util.List;

import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The batches a sort holds until its input ends (its own references to the input's memory, see
 * {@code Vectors}), and where each row lives: rows are numbered across batches in arrival order.
 */
final class HeldBatches implements AutoCloseable {

    /** Row numbers are {@code int}s, and arrays of them must be allocatable. */
    static final int MAX_ROWS = Integer.MAX_VALUE - 8;

    private final List<VectorSchemaRoot> batches = new ArrayList<>();
    private final List<Integer> inputOfBatch = new ArrayList<>();
    private int rows;

    /** Whether {@code more} rows still fit in {@link #MAX_ROWS}. */
    boolean fits(int more) {
        return (long) rows + more <= MAX_ROWS;
    }

    /** Takes ownership of a batch with rows, from the input at {@code input} in the listed inputs. */
    void add(int input, VectorSchemaRoot batch) {
        batches.add(batch);
        inputOfBatch.add(input);
        rows += batch.getRowCount();
    }

    /**
     * Puts the batches of the first listed input first, then the second's, and so on, each input's
     * in arrival order: rows with equal keys then come out in an order that does not depend on how
     * the inputs' batches interleaved.
     */
    void orderByInput() {
        List<Integer> order = new ArrayList<>();
        for (int b = 0; b < batches.size(); b++) {
            order.add(b);
        }
        order.sort((a, b) -> Integer.compare(inputOfBatch.get(a), inputOfBatch.get(b)));
        List<VectorSchemaRoot> sorted = order.stream().map(batches::get).toList();
        List<Integer> inputs = order.stream().map(inputOfBatch::get).toList();
        batches.clear();
        batches.addAll(sorted);
        inputOfBatch.clear();
        inputOfBatch.addAll(inputs);
    }

    int rows() {
        return rows;
    }

    int batchCount() {
        return batches.size();
    }

    /** The vectors of one column, one per batch. */
    List<FieldVector> column(int index) {
        List<FieldVector> column = new ArrayList<>(batches.size());
        for (VectorSchemaRoot batch : batches) {
            column.add(batch.getVector(index));
        }
        return column;
    }

    /** The number of the first row of each batch. */
    int[] firstRows() {
        int[] first = new int[batches.size()];
        int row = 0;
        for (int b = 0; b < first.length; b++) {
            first[b] = row;
            row += batches.get(b).getRowCount();
        }
        return first;
    }

    /** The batch each row is in. */
    int[] batchOfRows() {
        int[] batchOf = new int[rows];
        int row = 0;
        for (int b = 0; b < batches.size(); b++) {
            int count = batches.get(b).getRowCount();
            java.util.Arrays.fill(batchOf, row, row + count, b);
            row += count;
        }
        return batchOf;
    }

    /** Hands the batches over as they are, in order, emptying this holder. */
    List<VectorSchemaRoot> takeAll() {
        List<VectorSchemaRoot> all = List.copyOf(batches);
        batches.clear();
        inputOfBatch.clear();
        rows = 0;
        return all;
    }

    @Override
    public void close() {
        batches.forEach(VectorSchemaRoot::close);
        batches.clear();
        inputOfBatch.clear();
        rows = 0;
    }
}
