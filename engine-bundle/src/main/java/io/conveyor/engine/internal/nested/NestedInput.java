package io.conveyor.engine.internal.nested;

import java.util.List;
import java.util.Optional;

import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.api.stage.Emitter;
import io.conveyor.api.stage.SchemaContext;
import io.conveyor.api.stage.Source;
import io.conveyor.api.stage.SourceTask;
import io.conveyor.api.stage.StageConfig;
import io.conveyor.api.stage.StageContext;
import io.conveyor.api.stage.StageDescriptor;
import io.conveyor.api.stage.StageException;
import io.conveyor.engine.internal.config.Suggestions;

/**
 * {@code pipeline.input} inside a sub-pipeline: checks that it names an input of the calling
 * stage, declares that input's schema, and in a run emits the batches the calling stage hands
 * over through the {@link Exchange}.
 */
final class NestedInput implements Source {

    private final ParentInputs parent;
    private final Exchange exchange;

    /** @param exchange where a run's batches come from; {@code null} while planning */
    NestedInput(ParentInputs parent, Exchange exchange) {
        this.parent = parent;
        this.exchange = exchange;
    }

    @Override
    public StageDescriptor descriptor() {
        return Descriptors.INPUT;
    }

    @Override
    public List<ConfigProblem> validate(StageConfig config) {
        if (!parent.known()) {
            return List.of();
        }
        String name = config.getString("name");
        if (parent.names().isEmpty()) {
            return List.of(new ConfigProblem(name == null ? null : "name", "pipeline.input has nothing to receive: "
                    + "the calling stage.pipeline stage has no inputs"));
        }
        if (name != null && !parent.names().contains(name)) {
            return List.of(new ConfigProblem("name", "config key 'name' names '" + name + "', which is not an input "
                    + "of the calling stage.pipeline stage (its inputs: " + quoted(parent.names()) + ")"
                    + Suggestions.didYouMean(name, parent.names())));
        }
        return List.of();
    }

    @Override
    public Optional<Schema> outputSchema(StageConfig config, SchemaContext context) {
        String input = parent.inputOf(config);
        return input == null ? Optional.empty() : parent.schemas().apply(input);
    }

    @Override
    public SourceTask open(StageConfig config, StageContext context) {
        String stageId = context.stageId();
        return out -> produce(stageId, context, out);
    }

    /**
     * Emits the next batch handed over, moved into this stage's memory; waits a bounded time
     * for one, so that a stopping run is noticed.
     */
    private boolean produce(String stageId, StageContext context, Emitter out) throws StageException {
        if (context.isStopped()) {
            throw StageException.cancelled();
        }
        Exchange.Item item;
        try {
            item = exchange.take(stageId, SubPipelines.POLL_NANOS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StageException.cancelled();
        }
        if (item == null) {
            return true;
        }
        if (item.isEnd()) {
            return false;
        }
        VectorSchemaRoot own;
        try {
            own = BatchShare.share(item.batch(), context.allocator());
        } finally {
            item.batch().close();
        }
        out.emit(own);
        return true;
    }

    private static String quoted(List<String> names) {
        return String.join(", ", names.stream().map(n -> "'" + n + "'").toList());
    }
}
