package io.conveyor.plugin.aggregate.internal.group;

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
import io.conveyor.plugin.aggregate.internal.column.Inputs;
import io.conveyor.plugin.aggregate.internal.column.Problems;
import io.conveyor.plugin.kit.config.ConfigValues;

/** {@code reduce.apply}: one aggregate of a whole column, as a one-row, one-column table. */
@Component(property = {Stage.FUNCTION + "=reduce.apply", Stage.ROLE + "=transform"})
public final class ReduceApply implements Transform {

    static final String FUNCTION = "reduce.apply";
    private static final String ADVICE = "; combine several inputs first (union.apply)";

    static final StageDescriptor DESCRIPTOR = StageDescriptor.builder(FUNCTION, StageRole.TRANSFORM)
            .description("Aggregates a whole column into a table of one row and one column. The operations and "
                    + "result types are groupby.apply's: nulls are ignored, count counts non-null values, and an "
                    + "input without values gives null (count: 0). An input with columns but no rows still "
                    + "gives its one row; with no input batch at all the column's type is unknown and nothing "
                    + "is emitted.")
            .parameter(Parameter.builder("column", ParameterType.STRING).required()
                    .description("The column to aggregate.").example("\"amount\"").build())
            .parameter(Parameter.builder("operation", ParameterType.STRING).required()
                    .allowedValues(Operation.NAMES.toArray())
                    .description("sum, avg (or mean), count, min, max, median, std, var (std and var with one "
                            + "delta degree of freedom), first or last.")
                    .example("\"sum\"").build())
            .parameter(Parameter.builder("output_column", ParameterType.STRING).defaultValue("result")
                    .description("The name of the output column.").example("\"total_revenue\"").build())
            .example("Total revenue", """
                    [[stages]]
                    id = "total"
                    function = "reduce.apply"
                    inputs = ["sales"]
                    [stages.config]
                    column = "amount"
                    operation = "sum"
                    output_column = "revenue"
                    """)
            .build();

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<ConfigProblem> validate(StageConfig config) {
        if (config.getString("output_column").isEmpty()) {
            return List.of(new ConfigProblem("output_column", "config key 'output_column' must not be empty"));
        }
        return List.of();
    }

    private static AggregationSpec spec(StageConfig config) {
        String operation = config.getString("operation");
        return new AggregationSpec(config.getString("column"), Operation.parse(operation), operation,
                config.getString("output_column"), "column", "column");
    }

    @Override
    public Optional<Schema> outputSchema(StageConfig config, SchemaContext context) {
        if (!Inputs.check(FUNCTION, context, 1, ADVICE)) {
            return Optional.empty();
        }
        String input = context.inputs().get(0);
        Optional<Schema> schema = context.input(input);
        if (schema.isEmpty()) {
            return Optional.empty();
        }
        Problems problems = new Problems();
        GroupingPlan plan = GroupingPlan.resolve(schema.get(), input, "by", List.of(), List.of(spec(config)),
                problems);
        problems.reportTo(context);
        return plan == null ? Optional.empty() : Optional.of(plan.output);
    }

    @Override
    public TransformTask open(StageConfig config, StageContext context, List<String> inputs) throws StageException {
        ConfigValues.throwFirst(validate(config));
        Inputs.require(FUNCTION, inputs, 1, ADVICE);
        return new GroupingTask("by", List.of(), List.of(spec(config)), inputs.get(0), context);
    }
}
