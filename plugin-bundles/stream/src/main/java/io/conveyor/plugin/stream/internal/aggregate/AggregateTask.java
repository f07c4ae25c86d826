package io.conveyor.plugin.stream.internal.aggregate;

import java.util.ArrayList;
import java.util.List;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.api.stage.Emitter;
import io.conveyor.api.stage.ErrorCode;
import io.conveyor.api.stage.StageException;
import io.conveyor.api.stage.TransformTask;
import io.conveyor.plugin.stream.internal.rows.Cells;
import io.conveyor.plugin.stream.internal.rows.WindowColumns;

/**
 * One run of aggregate.stream: every batch gives its results at once; nothing is kept between
 * batches. Each batch is checked against the plan, since a stream's columns may change. Not
 * thread-safe.
 */
final class AggregateTask implements TransformTask {

    private final AggregatePlan plan;
    private final BufferAllocator allocator;

    AggregateTask(AggregatePlan plan, BufferAllocator allocator) {
        this.plan = plan;
        this.allocator = allocator;
    }

    @Override
    public void process(String input, VectorSchemaRoot batch, Emitter out) throws StageException {
        Schema schema = batch.getSchema();
        List<ConfigProblem> problems = plan.check(schema, input);
        if (!problems.isEmpty()) {
            throw new StageException(ErrorCode.DATA, problems.get(0).key(), problems.get(0).message(), null);
        }
        int rows = batch.getRowCount();
        List<String> keyNames = plan.keyColumns(schema);
        List<FieldVector> keys = keyNames.stream().map(batch::getVector).toList();
        Groups groups = keys.isEmpty() ? Groups.all(rows) : Groups.of(keys, rows);
        FieldVector values = plan.valueColumn() == null ? null : batch.getVector(plan.valueColumn());
        List<FieldVector> columns = new ArrayList<>();
        try {
            int leading = WindowColumns.present(schema) ? WindowColumns.ALL.size() : 0;
            for (int k = 0; k < leading; k++) {
                columns.add(keyColumn(keys.get(k), groups));
            }
            columns.add(Aggregates.compute(plan.operation(), values, groups, rows, plan.resultField(schema),
                    allocator));
            for (int k = leading; k < keys.size(); k++) {
                columns.add(keyColumn(keys.get(k), groups));
            }
        } catch (StageException | RuntimeException e) {
            columns.forEach(FieldVector::close);
            throw e;
        }
        VectorSchemaRoot result = new VectorSchemaRoot(columns);
        result.setRowCount(groups.count());
        out.emit(result);
    }

    /** The key's value of each group, taken from the group's first row, in the input's type. */
    private FieldVector keyColumn(FieldVector key, Groups groups) {
        FieldVector column = key.getField().createVector(allocator);
        try {
            column.setInitialCapacity(groups.count());
            column.allocateNew();
            for (int g = 0; g < groups.count(); g++) {
                Cells.copy(key, groups.firstRow(g), column, g);
            }
            column.setValueCount(groups.count());
            return column;
        } catch (RuntimeException e) {
            column.close();
            throw e;
        }
    }
}
