package io.conveyor.plugin.reshape.internal.union;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

import io.conveyor.api.stage.Emitter;
import io.conveyor.api.stage.StageContext;
import io.conveyor.api.stage.StageException;
import io.conveyor.api.stage.TransformTask;
import io.conveyor.plugin.reshape.internal.common.SchemaChecks;
import io.conveyor.plugin.reshape.internal.common.Vectors;

/**
 * One union run. No row can go out before the output schema is known, and that needs the first
 * batch of every input (or its end). Until then the task holds what it received, as shared
 * references. Then:
 * <ul>
 * <li>in input order, it reads one input at a time, in listed order, and before the schema is
 * known takes only one batch per input: it holds at most one batch per input, and upstream
 * stages wait (backpressure) while their turn has not come;</li>
 * <li>in arrival order, it takes every batch as it comes and passes it on at once; before the
 * schema is known it holds whatever arrives meanwhile.</li>
 * </ul>
 */
final class UnionTask implements TransformTask {

    private final List<String> inputs;
    private final boolean arrivalOrder;
    private final StageContext context;
    private final Map<String, Schema> firstSchemas = new LinkedHashMap<>();
    private final Map<String, List<VectorSchemaRoot>> held = new HashMap<>();
    private final Set<String> ended = new HashSet<>();
    private final Map<String, Conformer> conformers = new HashMap<>();
    private Schema output;
    private boolean started;
    private int current;
    private boolean emitted;

    UnionTask(List<String> inputs, boolean arrivalOrder, StageContext context) {
        this.inputs = inputs;
        this.arrivalOrder = arrivalOrder;
        this.context = context;
    }

    @Override
    public boolean accepts(String input) {
        if (arrivalOrder) {
            return true;
        }
        if (!started) {
            return !firstSchemas.containsKey(input);
        }
        return current < inputs.size() && inputs.get(current).equals(input);
    }

    @Override
    public void process(String input, VectorSchemaRoot batch, Emitter out) throws StageException {
        if (started) {
            pass(input, batch, out);
            return;
        }
        firstSchemas.putIfAbsent(input, batch.getSchema());
        if (batch.getRowCount() > 0) {
            held.computeIfAbsent(input, i -> new ArrayList<>())
                    .add(Vectors.slice(batch, 0, batch.getRowCount(), context.allocator()));
        }
        startWhenEveryInputIsKnown(out);
    }

    @Override
    public void endOfInput(String input, Emitter out) throws StageException {
        ended.add(input);
        if (!started) {
            startWhenEveryInputIsKnown(out);
        } else if (!arrivalOrder && current < inputs.size() && inputs.get(current).equals(input)) {
            advance(out);
        }
    }

    private void startWhenEveryInputIsKnown(Emitter out) throws StageException {
        for (String input : inputs) {
            if (!firstSchemas.containsKey(input) && !ended.contains(input)) {
                return;
            }
        }
        started = true;
        List<UnionSchema.Input> known = new ArrayList<>();
        for (String input : inputs) {
            if (firstSchemas.containsKey(input)) {
                known.add(new UnionSchema.Input(input, firstSchemas.get(input)));
            }
        }
        if (known.isEmpty()) {
            current = inputs.size();
            return; // no input had a batch: no output, not even columns
        }
        UnionSchema.Result merged = UnionSchema.merge(known);
        SchemaChecks.throwFirst(merged.problems());
        output = merged.schema();
        if (arrivalOrder) {
            for (String input : inputs) {
                passHeld(input, out);
            }
        } else {
            current = -1;
            advance(out);
        }
    }

    /** Moves to the next listed input that has not ended, passing on what was held of each on the way. */
    private void advance(Emitter out) throws StageException {
        for (current++; current < inputs.size(); current++) {
            String input = inputs.get(current);
            passHeld(input, out);
            if (!ended.contains(input)) {
                return;
            }
        }
    }

    /** Passes on the batches held of an input; they are this task's own, so each is emitted or released. */
    private void passHeld(String input, Emitter out) throws StageException {
        List<VectorSchemaRoot> batches = held.remove(input);
        if (batches == null) {
            return;
        }
        try {
            while (!batches.isEmpty()) {
                VectorSchemaRoot batch = batches.remove(0);
                VectorSchemaRoot conformed;
                try {
                    conformed = conformer(input).conform(batch, context.allocator());
                } catch (StageException | RuntimeException e) {
                    batch.close();
                    throw e;
                }
                if (conformed != batch) {
                    batch.close();
                }
                emit(conformed, out);
            }
        } finally {
            batches.forEach(VectorSchemaRoot::close);
        }
    }

    private void pass(String input, VectorSchemaRoot batch, Emitter out) throws StageException {
        if (batch.getRowCount() > 0) {
            emit(conformer(input).conform(batch, context.allocator()), out);
        }
    }

    private Conformer conformer(String input) {
        return conformers.computeIfAbsent(input, i -> new Conformer(i, output));
    }

    private void emit(VectorSchemaRoot batch, Emitter out) throws StageException {
        emitted = true;
        out.emit(batch);
    }

    @Override
    public void finish(Emitter out) throws StageException {
        if (output != null && !emitted) {
            out.emit(Vectors.empty(output, context.allocator()));
        }
    }

    @Override
    public void close() {
        held.values().forEach(batches -> batches.forEach(VectorSchemaRoot::close));
        held.clear();
    }
}
