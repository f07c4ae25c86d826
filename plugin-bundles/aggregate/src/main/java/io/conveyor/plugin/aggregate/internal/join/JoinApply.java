package io.conveyor.plugin.aggregate.internal.join;

import java.util.List;
import java.util.Optional;

import org.apache.arrow.vector.types.pojo.Schema;
import org.osgi.service.component.annotations.Component;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.api.stage.ErrorCode;
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
import io.conveyor.plugin.aggregate.internal.column.Problems;
import io.conveyor.plugin.kit.config.ConfigValues;

/** {@code join.apply}: a hash join of two inputs on one or more key columns. */
@Component(property = {Stage.FUNCTION + "=join.apply", Stage.ROLE + "=transform"})
public final class JoinApply implements Transform {

    static final String FUNCTION = "join.apply";

    static final StageDescriptor DESCRIPTOR = StageDescriptor.builder(FUNCTION, StageRole.TRANSFORM)
            .description("Joins two inputs on equal key values: inner, left, right, full (outer), semi or anti. "
                    + "The left input is the first one the pipeline lists in inputs and the right the second "
                    + "(or name the right with right). The right input is read whole first into a hash table "
                    + "(memory holds it all: make it the smaller one), then the left streams through batch by "
                    + "batch. Null keys never match, as in SQL; keys of a pair must have the same type. Output "
                    + "columns: every left column, then the right columns that are not keys, renamed with suffix "
                    + "when the left has the name too; semi and anti joins output the left columns only. Row "
                    + "order: left input order, each left row followed by its matches in right input order; "
                    + "right and full joins then add the unmatched right rows in right input order, with the "
                    + "left key columns holding their keys and the other left columns null. While the right input "
                    + "is read, the left waits in the engine's queues; when both come from one upstream stage (a "
                    + "self-join), that stage cannot go on once the left queue is full, and the engine reports "
                    + "that the stages wait on each other: read the data with two source stages instead.")
            .parameter(Parameter.builder("on", ParameterType.STRING_LIST)
                    .description("The key columns, named the same in both inputs; a single one may be a plain "
                            + "string. Or set left_on and right_on.")
                    .example("\"product_id\"").build())
            .parameter(Parameter.builder("left_on", ParameterType.STRING_LIST)
                    .description("The left input's key columns, when their names differ from the right's; paired "
                            + "in order with right_on.")
                    .example("[\"customer_id\"]").build())
            .parameter(Parameter.builder("right_on", ParameterType.STRING_LIST)
                    .description("The right input's key columns, paired in order with left_on. They do not appear "
                            + "in the output (the left keys do).")
                    .example("[\"id\"]").build())
            .parameter(Parameter.builder("how", ParameterType.STRING).defaultValue("inner")
                    .allowedValues("inner", "left", "right", "full", "semi", "anti")
                    .description("inner: matching pairs; left: also left rows without a match; right: also right "
                            + "rows without a match; full: both; semi: left rows with a match (once each); anti: "
                            + "left rows without a match.")
                    .example("\"left\"").build())
            .parameter(Parameter.builder("right", ParameterType.STRING)
                    .description("The input id of the right input, when it is not the second one listed.")
                    .example("\"products\"").build())
            .parameter(Parameter.builder("suffix", ParameterType.STRING).defaultValue("_right")
                    .description("Appended to the name of a right column that the left input also has.")
                    .example("\"_product\"").build())
            .example("Orders with their product's name and category", """
                    [[stages]]
                    id = "enriched"
                    function = "join.apply"
                    inputs = ["orders", "products"]
                    [stages.config]
                    on = "product_id"
                    """)
            .example("Customers without an order", """
                    [[stages]]
                    id = "no_orders"
                    function = "join.apply"
                    inputs = ["customers", "orders"]
                    [stages.config]
                    left_on = "id"
                    right_on = "customer_id"
                    how = "anti"
                    """)
            .build();

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<ConfigProblem> validate(StageConfig config) {
        return JoinSpec.problems(config);
    }

    @Override
    public Optional<Schema> outputSchema(StageConfig config, SchemaContext context) {
        String inputsProblem = JoinSpec.inputsProblem(config, context.inputs());
        if (inputsProblem != null) {
            context.report(new ConfigProblem(context.inputs().size() == 2 ? "right" : null, inputsProblem));
            return Optional.empty();
        }
        JoinSpec spec = JoinSpec.of(config, context.inputs());
        Optional<Schema> left = context.input(spec.left());
        Optional<Schema> right = context.input(spec.right());
        Problems problems = new Problems();
        JoinPlan plan = null;
        if (left.isPresent() && right.isPresent()) {
            plan = JoinPlan.resolve(spec, left.get(), right.get(), problems);
        } else if (left.isPresent()) {
            JoinPlan.keys(left.get(), spec.left(), spec.leftKeys(), spec.leftKeysKey(), problems);
        } else if (right.isPresent()) {
            JoinPlan.keys(right.get(), spec.right(), spec.rightKeys(), spec.rightKeysKey(), problems);
        }
        problems.reportTo(context);
        if (plan != null) {
            return Optional.of(plan.output);
        }
        return left.isPresent() && problems.isEmpty() && !spec.how().hasRightColumns() ? left : Optional.empty();
    }

    @Override
    public TransformTask open(StageConfig config, StageContext context, List<String> inputs) throws StageException {
        ConfigValues.throwFirst(validate(config));
        String inputsProblem = JoinSpec.inputsProblem(config, inputs);
        if (inputsProblem != null) {
            boolean count = inputs.size() != 2;
            throw new StageException(count ? ErrorCode.PLAN : ErrorCode.CONFIG, count ? null : "right",
                    inputsProblem, null);
        }
        return new JoinTask(JoinSpec.of(config, inputs), context);
    }
}
