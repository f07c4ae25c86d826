package io.conveyor.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.arrow.vector.VectorSchemaRoot;

import io.conveyor.api.stage.Emitter;
import io.conveyor.api.stage.Sink;
import io.conveyor.api.stage.SinkTask;
import io.conveyor.api.stage.Source;
import io.conveyor.api.stage.SourceTask;
import io.conveyor.api.stage.StageConfig;
import io.conveyor.api.stage.StageContext;
import io.conveyor.api.stage.StageException;
import io.conveyor.api.stage.Transform;
import io.conveyor.api.stage.TransformTask;

/**
 * Drives one stage through a whole run the way the engine does, on the calling thread: open,
 * the data calls, then close (and for sinks commit, or abort when a call throws).
 *
 * <p>Inputs are delivered round-robin over the inputs the task {@code accepts}, so a task that
 * orders its inputs is really tested, and batches of different inputs interleave. A task that
 * accepts none of its open inputs is done reading: it gets {@code finish} (a sink {@code commit})
 * at once, and the batches left are not delivered. As the engine does, a batch with no rows is
 * delivered only as the first batch of its input; later ones are skipped. Input batches stay
 * owned by the caller.
 */
public final class Runs {

    private Runs() {
    }

    /** Runs a source to its end; the returned emitter owns what it produced. */
    public static CollectingEmitter source(Source source, StageConfig config, StageContext context)
            throws StageException {
        CollectingEmitter out = new CollectingEmitter();
        try (SourceTask task = source.open(config, context)) {
            while (task.produce(out)) {
                // keep producing until the source is exhausted
            }
        } catch (StageException | RuntimeException e) {
            out.close();
            throw e;
        }
        return out;
    }

    /** Runs a transform over one input called {@code "in"}. */
    public static CollectingEmitter transform(Transform transform, StageConfig config, StageContext context,
            VectorSchemaRoot... batches) throws StageException {
        return transform(transform, config, context, Map.of("in", List.of(batches)));
    }

    /**
     * Runs a transform over named inputs (use a {@link LinkedHashMap} to fix their order). The
     * returned emitter may hold input batches the transform forwarded; it does not close those.
     */
    public static CollectingEmitter transform(Transform transform, StageConfig config, StageContext context,
            Map<String, List<VectorSchemaRoot>> inputs) throws StageException {
        CollectingEmitter out = new CollectingEmitter(inputs.values().stream().flatMap(List::stream).toList());
        try (TransformTask task = transform.open(config, context, new ArrayList<>(inputs.keySet()))) {
            deliver(inputs, task::accepts, (input, batch) -> task.process(input, batch, out),
                    input -> task.endOfInput(input, out));
            task.finish(out);
        } catch (StageException | RuntimeException e) {
            out.close();
            throw e;
        }
        return out;
    }

    /** Runs a sink over one input called {@code "in"}, then commits. */
    public static void sink(Sink sink, StageConfig config, StageContext context, VectorSchemaRoot... batches)
            throws StageException {
        sink(sink, config, context, Map.of("in", List.of(batches)));
    }

    /** Runs a sink over named inputs, then commits; aborts and rethrows if a call fails. */
    public static void sink(Sink sink, StageConfig config, StageContext context,
            Map<String, List<VectorSchemaRoot>> inputs) throws StageException {
        try (SinkTask task = sink.open(config, context, new ArrayList<>(inputs.keySet()))) {
            try {
                deliver(inputs, task::accepts, task::write, task::endOfInput);
                task.commit();
            } catch (StageException | RuntimeException e) {
                task.abort();
                throw e;
            }
        }
    }

    /** Writes to a sink without committing, so a test can call commit or abort itself. */
    public static void write(SinkTask task, String input, VectorSchemaRoot... batches) throws StageException {
        for (VectorSchemaRoot batch : batches) {
            task.write(input, batch);
        }
    }

    private interface Accepts {
        boolean test(String input);
    }

    private interface Deliver {
        void accept(String input, VectorSchemaRoot batch) throws StageException;
    }

    private interface End {
        void accept(String input) throws StageException;
    }

    private static void deliver(Map<String, List<VectorSchemaRoot>> inputs, Accepts accepts, Deliver deliver,
            End end) throws StageException {
        Map<String, Integer> next = new HashMap<>();
        List<String> open = new ArrayList<>(inputs.keySet());
        while (!open.isEmpty()) {
            boolean progressed = false;
            for (String input : List.copyOf(open)) {
                if (!accepts.test(input)) {
                    continue;
                }
                progressed = true;
                List<VectorSchemaRoot> batches = inputs.get(input);
                int index = next.getOrDefault(input, 0);
                while (index > 0 && index < batches.size() && batches.get(index).getRowCount() == 0) {
                    index++; // only a first batch without rows reaches a task
                }
                if (index < batches.size()) {
                    deliver.accept(input, batches.get(index));
                    next.put(input, index + 1);
                } else {
                    open.remove(input);
                    end.accept(input);
                }
            }
            if (!progressed) {
                return; // accepting none of its open inputs, the task is done reading
            }
        }
    }

    /** An emitter that rejects everything, for stages that must not emit. */
    public static Emitter noEmits() {
        return batch -> {
            batch.close();
            throw new AssertionError("unexpected emit");
        };
    }
}
