package io.conveyor.plugin.reshape.internal.sort;

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
import io.conveyor.plugin.reshape.internal.common.Columns;
import io.conveyor.plugin.reshape.internal.common.SchemaChecks;

/** {@code sort.apply}: orders the rows by one or more columns; stable. */
@Component(property = {Stage.FUNCTION + "=sort.apply", Stage.ROLE + "=transform"})
public final class SortApply implements Transform {

    static final StageDescriptor DESCRIPTOR = StageDescriptor.builder("sort.apply", StageRole.TRANSFORM)
            .description("Orders the rows by one or more columns, each ascending or descending. The sort is "
                    + "stable: rows with equal keys keep their input order. Later columns break ties of earlier "
                    + "ones. Nulls come first unless nulls_last says otherwise, whatever the direction; NaN sorts "
                    + "above every other float, strings sort by their UTF-8 bytes (code point order), false "
                    + "before true. Key columns may be integers, floats, booleans, strings, binary, dates, times, "
                    + "timestamps or durations; other columns are carried along. A sort cannot emit a row before "
                    + "it has seen the last one, so it holds its whole input in memory: the input's Arrow "
                    + "buffers are kept as they are (shared, not copied) and count against the run's memory "
                    + "limit (memory.limit.bytes in the engine's configuration, io.conveyor.engine; 1 GiB by "
                    + "default); reaching the limit fails the stage with a message saying so. The sort keys and "
                    + "row order add about 12 bytes per row, plus up to 21 per key column, on the Java heap. The "
                    + "output comes in batches of the run's batch size.")
            .parameter(Parameter.builder("by", ParameterType.STRING_LIST).required()
                    .description("The columns to sort by, most significant first; a single column may be a "
                            + "plain string.")
                    .example("[\"region\", \"amount\"]").build())
            .parameter(Parameter.builder("descending", ParameterType.ANY).defaultValue(false)
                    .description("Sort in descending order: one boolean for every column, or an array with one "
                            + "boolean per column of by.")
                    .example("[false, true]").build())
            .parameter(Parameter.builder("nulls_last", ParameterType.ANY).defaultValue(false)
                    .description("Put nulls after the other values instead of before them, in either direction: "
                            + "one boolean for every column, or an array with one boolean per column of by.")
                    .example("true").build())
            .example("Largest amounts first within each region", """
                    [[stages]]
                    id = "ranked"
                    function = "sort.apply"
                    inputs = ["sales"]
                    [stages.config]
                    by = ["region", "amount"]
                    descending = [false, true]
                    nulls_last = true
                    """)
            .build();

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<ConfigProblem> validate(StageConfig config) {
        return SortOptions.problems(config);
    }

    @Override
    public Optional<Schema> outputSchema(StageConfig config, SchemaContext context) {
        SortOptions options = SortOptions.of(config);
        sameColumns(context);
        return SchemaChecks.perInput(context, new SchemaChecks.PerInput() {
            @Override
            public List<ConfigProblem> problems(String input, Schema schema) {
                return options.check(input, schema);
            }

            @Override
            public Schema output(Schema schema) {
                return schema;
            }
        });
    }

    /** Several inputs are sorted together, so their known schemas must agree. */
    private static void sameColumns(SchemaContext context) {
        String first = null;
        Schema firstSchema = null;
        for (String input : context.inputs()) {
            Optional<Schema> schema = context.input(input);
            if (schema.isEmpty()) {
                continue;
            }
            if (firstSchema == null) {
                first = input;
                firstSchema = schema.get();
            } else if (!firstSchema.equals(schema.get())) {
                context.report(new ConfigProblem(null, "sort.apply sorts its inputs together, so they must have the "
                        + "same columns, but input '" + first + "' has (" + Columns.describe(firstSchema)
                        + ") and input '" + input + "' has (" + Columns.describe(schema.get()) + "); combine them "
                        + "with union.apply first"));
                return;
            }
        }
    }

    @Override
    public TransformTask open(StageConfig config, StageContext context, List<String> inputs) throws StageException {
        ConfigValues.throwFirst(validate(config));
        return new SortTask(SortOptions.of(config), context, List.copyOf(inputs));
    }
}
