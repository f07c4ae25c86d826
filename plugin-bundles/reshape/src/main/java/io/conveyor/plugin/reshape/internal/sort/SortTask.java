package io.conveyor.plugin.reshape.internal.sort;

import java.util.List;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

import io.conveyor.api.stage.Emitter;
import io.conveyor.api.stage.ErrorCode;
import io.conveyor.api.stage.StageContext;
import io.conveyor.api.stage.StageException;
import io.conveyor.api.stage.TransformTask;
import io.conveyor.plugin.reshape.internal.common.Columns;
import io.conveyor.plugin.reshape.internal.common.SchemaChecks;
import io.conveyor.plugin.reshape.internal.common.Vectors;

/**
 * One sort run: holds every input batch (its own references to the input's buffers, not copies),
 * and when the input ends computes the sorted order of all rows and gathers it into batches of
 * {@link StageContext#batchSize()} rows.
 *
 * <p>Memory: the held batches count against the run's Arrow memory limit; reaching it fails the
 * stage with a message saying so. The sort keys and the row order are Java arrays, about
 * 12 bytes per row plus up to 21 per key column, on the Java heap.
 */
final class SortTask implements TransformTask {

    private final SortOptions options;
    private final StageContext context;
    private final List<String> inputs;
    private final HeldBatches held = new HeldBatches();
    private Schema schema;
    private String input;

    /** @param inputs the input names in listed order: rows with equal keys keep that order */
    SortTask(SortOptions options, StageContext context, List<String> inputs) {
        this.options = options;
        this.context = context;
        this.inputs = inputs;
    }

    @Override
    public void process(String input, VectorSchemaRoot batch, Emitter out) throws StageException {
        if (schema == null) {
            SchemaChecks.throwFirst(options.check(input, batch.getSchema()));
            schema = batch.getSchema();
            this.input = input;
        } else if (!schema.equals(batch.getSchema())) {
            throw StageException.data("a batch of input '" + input + "' has the columns ("
                    + Columns.describe(batch.getSchema()) + "), but the first batch, of input '" + this.input
                    + "', had (" + Columns.describe(schema) + "); sort.apply needs every batch to have the same "
                    + "columns");
        }
        int rows = batch.getRowCount();
        if (rows == 0) {
            return;
        }
        if (!held.fits(rows)) {
            throw StageException.data("sort.apply can sort at most " + HeldBatches.MAX_ROWS + " rows; input '"
                    + input + "' has more");
        }
        try {
            held.add(inputs.indexOf(input), Vectors.slice(batch, 0, rows, context.allocator()));
        } catch (OutOfMemoryException e) {
            throw outOfMemory(e);
        }
    }

    @Override
    public void finish(Emitter out) throws StageException {
        if (schema == null) {
            return; // no batch at all: nothing to say, not even columns
        }
        if (held.rows() == 0) {
            out.emit(Vectors.empty(schema, context.allocator()));
            return;
        }
        held.orderByInput();
        int[] batchOf = held.batchOfRows();
        int[] order = IndexSort.sort(held.rows(), comparator(batchOf));
        if (isIdentity(order)) {
            for (VectorSchemaRoot batch : held.takeAll()) {
                out.emit(batch);
            }
            return;
        }
        try {
            emitInOrder(order, batchOf, out);
        } catch (OutOfMemoryException e) {
            throw outOfMemory(e);
        }
    }

    private IndexSort.RowComparator comparator(int[] batchOf) {
        int[] positions = options.positions(schema);
        List<Field> fields = schema.getFields();
        SortKey[] keys = new SortKey[positions.length];
        for (int k = 0; k < keys.length; k++) {
            keys[k] = SortKeys.of(fields.get(positions[k]).getType(), held.column(positions[k]), held.rows(),
                    batchOf, options.descending()[k], options.nullsLast()[k]);
        }
        return SortKey.chain(keys);
    }

    private static boolean isIdentity(int[] order) {
        for (int i = 0; i < order.length; i++) {
            if (order[i] != i) {
                return false;
            }
        }
        return true;
    }

    private void emitInOrder(int[] order, int[] batchOf, Emitter out) throws StageException {
        Gather gather = new Gather(schema.getFields(), held);
        int[] firstRows = held.firstRows();
        int size = Math.max(1, context.batchSize());
        int[] batches = new int[Math.min(size, order.length)];
        int[] rows = new int[batches.length];
        for (int from = 0; from < order.length; from += size) {
            if (context.isStopped()) {
                throw StageException.cancelled();
            }
            int count = Math.min(size, order.length - from);
            for (int j = 0; j < count; j++) {
                int row = order[from + j];
                batches[j] = batchOf[row];
                rows[j] = row - firstRows[batches[j]];
            }
            out.emit(gather.batch(batches, rows, count, context.allocator()));
        }
    }

    private StageException outOfMemory(OutOfMemoryException e) {
        return new StageException(ErrorCode.STAGE, null, "sort.apply holds its whole input in memory and reached "
                + "the run's memory limit of " + mebibytes(limit(context.allocator())) + " after " + held.rows()
                + " rows of input '" + input + "'; sort fewer rows or columns (filter or select first), or raise "
                + "memory.limit.bytes in the engine's configuration (io.conveyor.engine)", e);
    }

    /** The smallest limit on the way to the root: a child's own limit may be larger than its parent's. */
    private static long limit(BufferAllocator allocator) {
        long limit = Long.MAX_VALUE;
        for (BufferAllocator a = allocator; a != null; a = a.getParentAllocator()) {
            limit = Math.min(limit, a.getLimit());
        }
        return limit;
    }

    private static String mebibytes(long bytes) {
        if (bytes == Long.MAX_VALUE) {
            return "(none)";
        }
        return bytes < 1 << 20 ? bytes + " bytes" : (bytes >> 20) + " MiB";
    }

    @Override
    public void close() {
        held.close();
    }
}
