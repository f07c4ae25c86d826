package io.conveyor.plugin.expression.internal.map;

import java.util.ArrayList;
import java.util.List;

import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.TransferPair;

import io.conveyor.api.stage.Emitter;
import io.conveyor.api.stage.StageContext;
import io.conveyor.api.stage.StageException;
import io.conveyor.api.stage.TransformTask;
import io.conveyor.plugin.expression.internal.eval.EvalException;

/**
 * One run of map.apply: compiles the outputs for each new input schema, computes them a batch at
 * a time, and emits the input's other columns alongside without copying them.
 */
final class MapTask implements TransformTask {

    private final List<MapApply.Output> outputs;
    private final StageContext context;
    private MapPlan plan;

    MapTask(List<MapApply.Output> outputs, StageContext context) {
        this.outputs = outputs;
        this.context = context;
    }

    @Override
    public void process(String input, VectorSchemaRoot batch, Emitter out) throws StageException {
        Schema schema = batch.getSchema();
        if (plan == null || !plan.input.equals(schema)) {
            try {
                plan = MapPlan.of(outputs, schema);
            } catch (MapPlan.Failure e) {
                throw e.output.expression().configError(e.cause);
            }
        }
        List<FieldVector> computed = new ArrayList<>(outputs.size());
        List<FieldVector> columns = new ArrayList<>(plan.source.length);
        try {
            for (int k = 0; k < outputs.size(); k++) {
                String name = outputs.get(k).name();
                try {
                    computed.add(plan.compiled.get(k).evaluate(batch, name, context.allocator()));
                } catch (EvalException e) {
                    throw outputs.get(k).expression().dataError(e);
                }
            }
            int rows = batch.getRowCount();
            List<Field> fields = plan.output.getFields();
            for (int i = 0; i < plan.source.length; i++) {
                int k = plan.source[i];
                columns.add(k >= 0 ? computed.get(k) : share(batch.getVector(i), fields.get(i), rows));
            }
        } catch (StageException | RuntimeException e) {
            computed.forEach(FieldVector::close);
            columns.stream().filter(c -> !computed.contains(c)).forEach(FieldVector::close);
            throw e;
        }
        out.emit(new VectorSchemaRoot(plan.output, columns, batch.getRowCount()));
    }

    /**
     * The input column for the output, sharing its buffers: the input belongs to the engine and
     * may be shared with other stages, so its buffers are not moved out ({@code splitAndTransfer}
     * over all rows retains them instead).
     */
    private FieldVector share(FieldVector vector, Field field, int rows) {
        if (rows == 0) {
            FieldVector empty = field.createVector(context.allocator());
            empty.allocateNew();
            empty.setValueCount(0);
            return empty;
        }
        TransferPair pair = vector.getTransferPair(context.allocator());
        pair.splitAndTransfer(0, rows);
        return (FieldVector) pair.getTo();
    }
}
