package io.conveyor.plugin.stream.internal.chunk;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.arrow.vector.types.pojo.Schema;
import org.osgi.service.component.annotations.Component;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.api.stage.Parameter;
import io.conveyor.api.stage.ParameterType;
import io.conveyor.api.stage.SchemaContext;
import io.conveyor.api.stage.Stage;
import io.conveyor.api.stage.StageConfig;
import io.conveyor.api.stage.StageContext;
import io.conveyor.api.stage.StageDescriptor;
import io.conveyor.api.stage.StageException;
import io.conveyor.api.stage.StageRole;
import io.conveyor.api.stage.Transform;
import io.conveyor.api.stage.TransformTask;
import io.conveyor.plugin.kit.config.ConfigValues;
import io.conveyor.plugin.stream.internal.rows.SingleInput;

/** {@code chunk.apply}: groups consecutive rows into one row holding them as a list. */
@Component(property = {Stage.FUNCTION + "=chunk.apply", Stage.ROLE + "=transform"})
public final class ChunkApply implements Transform {

    static final String FUNCTION = "chunk.apply";
    static final long MAX_BATCH_SIZE = 10_000;

    static final StageDescriptor DESCRIPTOR = StageDescriptor.builder(FUNCTION, StageRole.TRANSFORM)
            .description("Groups every batch_size consecutive rows into one row holding them as a list. The list's "
                    + "items are structs with the input's columns (for bulk requests or batched writes). "
                    + "Chunks run across the batches the stage receives, so their size does not depend on how "
                    + "the input was batched; the last chunk holds the rows left at the end of the input. A "
                    + "chunk whose rows came with different columns (a stream that gained a column) holds them "
                    + "in the union of those columns, missing values null. Empty input gives no rows.")
            .parameter(Parameter.builder("batch_size", ParameterType.INTEGER).defaultValue(100)
                    .description("Rows per chunk, from 1 to 10000.").example("500").build())
            .parameter(Parameter.builder("output_column", ParameterType.STRING).defaultValue("records")
                    .description("The name of the list column.").example("\"batch\"").build())
            .example("Group rows by 100 for a bulk API call", """
                    [[stages]]
                    id = "bulk"
                    function = "chunk.apply"
                    inputs = ["users"]
                    [stages.config]
                    batch_size = 100
                    output_column = "records"
                    """)
            .build();

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<ConfigProblem> validate(StageConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        long size = config.getLong("batch_size");
        if (size < 1 || size > MAX_BATCH_SIZE) {
            problems.add(new ConfigProblem("batch_size", "config key 'batch_size' must be between 1 and "
                    + MAX_BATCH_SIZE + ", got " + size));
        }
        if (config.getString("output_column").isEmpty()) {
            problems.add(new ConfigProblem("output_column", "config key 'output_column' must not be empty"));
        }
        return problems;
    }

    @Override
    public Optional<Schema> outputSchema(StageConfig config, SchemaContext context) {
        return SingleInput.schema(FUNCTION, context)
                .map(input -> new Schema(List.of(ChunkBuilder.field(config.getString("output_column"), input))));
    }

    @Override
    public TransformTask open(StageConfig config, StageContext context, List<String> inputs) throws StageException {
        ConfigValues.throwFirst(validate(config));
        SingleInput.check(FUNCTION, inputs);
        return new ChunkTask(config.getString("output_column"), (int) config.getLong("batch_size"),
                context.allocator());
    }
}
