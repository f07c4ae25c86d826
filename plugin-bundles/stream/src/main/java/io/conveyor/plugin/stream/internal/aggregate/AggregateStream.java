package io.conveyor.plugin.stream.internal.aggregate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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

/** {@code aggregate.stream}: one aggregate per incoming batch, or per window, optionally per group. */
@Component(property = {Stage.FUNCTION + "=aggregate.stream", Stage.ROLE + "=transform"})
public final class AggregateStream implements Transform {

    static final String FUNCTION = "aggregate.stream";

    static final StageDescriptor DESCRIPTOR = StageDescriptor.builder(FUNCTION, StageRole.TRANSFORM)
            .description("Aggregates each incoming batch, or each window, per group: count, sum, avg, min or max of "
                    + "a column. Results are rows such as {\"count\": 3, \"level\": \"error\"}: the result "
                    + "column, named after the operation, then the group columns. Fed by window.apply, it "
                    + "aggregates each window on its own instead (the window columns lead every result row, and a "
                    + "batch holding several windows gives results for each); otherwise the results follow the "
                    + "batches the stage receives, whose size the source and the run's batch size decide. Groups "
                    + "come in order of first appearance; a null key is a group of its own. Null values are "
                    + "skipped: a group without values has a null sum, avg, min and max. count counts rows, or the "
                    + "non-null values of value_column when it is set. sum, min and max of integers are integers "
                    + "(an integer sum that overflows is an error), of floats floats; avg is a float. A value "
                    + "column that is not a number is an error when the pipeline is validated, if the input's "
                    + "schema is known then, or else at its first batch.")
            .parameter(Parameter.builder("operation", ParameterType.STRING).required()
                    .allowedValues("count", "sum", "avg", "min", "max")
                    .description("What to compute; sum, avg, min and max need value_column.")
                    .example("\"sum\"").build())
            .parameter(Parameter.builder("group_by", ParameterType.STRING_LIST)
                    .description("Columns whose values form the groups; a single name may be a plain string. "
                            + "Without it, each batch (or window) gives one row.")
                    .example("[\"level\"]").build())
            .parameter(Parameter.builder("value_column", ParameterType.STRING)
                    .description("The number column to aggregate.").example("\"latency_ms\"").build())
            .parameter(Parameter.builder("column", ParameterType.STRING)
                    .description("Another name for value_column, the one the original tool's documentation used.")
                    .example("\"latency_ms\"").build())
            .example("Count log lines per level in each window", """
                    [[stages]]
                    id = "per_level"
                    function = "aggregate.stream"
                    inputs = ["minutes"]
                    [stages.config]
                    operation = "count"
                    group_by = ["level"]
                    """)
            .example("Average latency per batch", """
                    [[stages]]
                    id = "latency"
                    function = "aggregate.stream"
                    inputs = ["requests"]
                    [stages.config]
                    operation = "avg"
                    value_column = "latency_ms"
                    """)
            .build();

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<ConfigProblem> validate(StageConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        Operation operation = Operation.of(config.getString("operation"));
        if (config.isSet("value_column") && config.isSet("column")) {
            problems.add(new ConfigProblem("column", "config key 'column' is another name for 'value_column'; "
                    + "set only one of them"));
        } else if (operation.needsValues() && valueKey(config) == null) {
            problems.add(new ConfigProblem("value_column", "config key 'value_column' is required for operation '"
                    + operation.id() + "'"));
        }
        List<String> groupBy = groupBy(config);
        Set<String> seen = new HashSet<>();
        for (String column : groupBy) {
            if (!seen.add(column)) {
                problems.add(new ConfigProblem("group_by", "config key 'group_by' names '" + column + "' twice"));
            } else if (column.equals(operation.id())) {
                problems.add(new ConfigProblem("group_by", "config key 'group_by' names '" + column
                        + "', which is also the name of the result column of operation '" + operation.id() + "'"));
            }
        }
        return problems;
    }

    /** The key naming the value column ({@code value_column} or its alias {@code column}), or {@code null}. */
    static String valueKey(StageConfig config) {
        if (config.isSet("value_column")) {
            return "value_column";
        }
        return config.isSet("column") ? "column" : null;
    }

    static List<String> groupBy(StageConfig config) {
        return config.isSet("group_by") ? config.getStringList("group_by") : List.of();
    }

    @Override
    public Optional<Schema> outputSchema(StageConfig config, SchemaContext context) {
        Optional<Schema> input = SingleInput.schema(FUNCTION, context);
        if (input.isEmpty()) {
            return Optional.empty();
        }
        AggregatePlan plan = AggregatePlan.of(config);
        List<ConfigProblem> problems = plan.check(input.get(), context.inputs().get(0));
        problems.forEach(context::report);
        return problems.isEmpty() ? Optional.of(plan.outputSchema(input.get())) : Optional.empty();
    }

    @Override
    public TransformTask open(StageConfig config, StageContext context, List<String> inputs) throws StageException {
        ConfigValues.throwFirst(validate(config));
        SingleInput.check(FUNCTION, inputs);
        return new AggregateTask(AggregatePlan.of(config), context.allocator());
    }
}
