package io.conveyor.plugin.aggregate.internal.group;

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
import io.conveyor.plugin.aggregate.internal.column.Inputs;
import io.conveyor.plugin.aggregate.internal.column.Problems;
import io.conveyor.plugin.kit.config.ConfigValues;

/** {@code groupby.apply}: one row per distinct key, with aggregates of the group's rows. */
@Component(property = {Stage.FUNCTION + "=groupby.apply", Stage.ROLE + "=transform"})
public final class GroupByApply implements Transform {

    static final String FUNCTION = "groupby.apply";
    private static final String ADVICE = "; combine several inputs first (union.apply)";

    static final StageDescriptor DESCRIPTOR = StageDescriptor.builder(FUNCTION, StageRole.TRANSFORM)
            .description("Groups rows by the values of key columns and computes aggregates of each group. The "
                    + "output has the key columns, then one column per aggregation, and one row per group, in the "
                    + "order groups first appear in the input. Null keys form their own group. Every aggregate "
                    + "ignores null values: count counts the non-null "
                    + "values of its column (or every row, when it has no column), and a group with no value "
                    + "gets null (count: 0). Result types: count int64; sum int64 for integer columns, float64 "
                    + "for float ones (an int64 overflow is an error); avg (or mean), median, std and var "
                    + "float64 (std and var with one delta degree of freedom; null under two values); min, max, "
                    + "first and last keep the column's type (first and last are the first and last non-null "
                    + "values in input order; min and max of text compare by code point). The whole input is "
                    + "read before anything is emitted; memory holds the distinct keys and a few values per "
                    + "group and aggregate, except median, which keeps every value (8 bytes each). With no "
                    + "input batch at all (not even an empty one) the column types are unknown and nothing is "
                    + "emitted; an empty input with columns gives an empty result with the output columns.")
            .parameter(Parameter.builder("by", ParameterType.STRING_LIST).required()
                    .description("The group-key columns; a single column may be a plain string.")
                    .example("[\"region\", \"status\"]").build())
            .parameter(Parameter.builder("aggregations", ParameterType.ARRAY).required()
                    .description("The aggregates, each a table { column, operation, output_column }. operation is "
                            + "one of sum, avg, mean, count, min, max, median, std, var, first, last. "
                            + "output_column names the result and defaults to the column's name; a count "
                            + "without column counts rows and then needs output_column. Output names must differ "
                            + "from each other and from the keys. An empty array gives just the distinct keys.")
                    .example("[{ column = \"amount\", operation = \"sum\", output_column = \"revenue\" }, "
                            + "{ operation = \"count\", output_column = \"orders\" }]")
                    .build())
            .example("Orders, revenue and average amount per region", """
                    [[stages]]
                    id = "by_region"
                    function = "groupby.apply"
                    inputs = ["orders"]
                    [stages.config]
                    by = "region"
                    aggregations = [
                      { operation = "count", output_column = "orders" },
                      { column = "amount", operation = "sum", output_column = "revenue" },
                      { column = "amount", operation = "avg", output_column = "avg_amount" },
                    ]
                    """)
            .example("Largest and latest order per customer and status", """
                    [[stages]]
                    id = "per_customer"
                    function = "groupby.apply"
                    inputs = ["orders"]
                    [stages.config]
                    by = ["customer", "status"]

                    [[stages.config.aggregations]]
                    column = "amount"
                    operation = "max"
                    output_column = "largest"

                    [[stages.config.aggregations]]
                    column = "order_date"
                    operation = "last"
                    """)
            .build();

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<ConfigProblem> validate(StageConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        keys(config, problems);
        AggregationSpec.parseAll((List<?>) config.get("aggregations"), config.getStringList("by"), problems);
        return problems;
    }

    private static List<String> keys(StageConfig config, List<ConfigProblem> problems) {
        List<String> keys = config.getStringList("by");
        if (keys.isEmpty()) {
            problems.add(new ConfigProblem("by", "config key 'by' must name at least one column"));
        }
        Set<String> seen = new HashSet<>();
        for (String key : keys) {
            if (!seen.add(key)) {
                problems.add(new ConfigProblem("by", "config key 'by' names '" + key + "' twice"));
            }
        }
        return keys;
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
        List<ConfigProblem> configProblems = new ArrayList<>();
        List<AggregationSpec> specs = AggregationSpec.parseAll((List<?>) config.get("aggregations"),
                config.getStringList("by"), configProblems);
        if (!configProblems.isEmpty()) {
            return Optional.empty();
        }
        Problems problems = new Problems();
        GroupingPlan plan = GroupingPlan.resolve(schema.get(), input, "by", config.getStringList("by"), specs,
                problems);
        problems.reportTo(context);
        return plan == null ? Optional.empty() : Optional.of(plan.output);
    }

    @Override
    public TransformTask open(StageConfig config, StageContext context, List<String> inputs) throws StageException {
        ConfigValues.throwFirst(validate(config));
        Inputs.require(FUNCTION, inputs, 1, ADVICE);
        List<AggregationSpec> specs = AggregationSpec.parseAll((List<?>) config.get("aggregations"),
                config.getStringList("by"), new ArrayList<>());
        return new GroupingTask("by", config.getStringList("by"), specs, inputs.get(0), context);
    }
}
