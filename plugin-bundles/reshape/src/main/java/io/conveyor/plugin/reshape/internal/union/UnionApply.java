package io.conveyor.plugin.reshape.internal.union;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.arrow.vector.types.pojo.Schema;
import org.osgi.service.component.annotations.Component;

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

/** {@code union.apply}: the rows of several inputs as one table, matching columns by name. */
@Component(property = {Stage.FUNCTION + "=union.apply", Stage.ROLE + "=transform"})
public final class UnionApply implements Transform {

    static final StageDescriptor DESCRIPTOR = StageDescriptor.builder("union.apply", StageRole.TRANSFORM)
            .description("Passes on the rows of all its inputs as one table, matching columns by name, not "
                    + "position. The output has every column of every input, in order of first appearance (inputs "
                    + "in the order the pipeline lists them); an input without a column gets nulls in it. A "
                    + "column whose type differs between inputs takes the narrowest type that holds both: "
                    + "integers of different widths become int64; integers, floats and decimals mixed become "
                    + "float64; dates and timestamps become timestamps; any of these with strings become strings "
                    + "(written as cast.apply writes them). Other mixtures, such as bool with int64, are an error "
                    + "naming the column and both inputs: cast one side first. Rows are not deduplicated (follow "
                    + "with distinct.apply for that). The output columns are known once every input has sent its "
                    + "first batch or ended, so those first batches are held until then; type clashes are "
                    + "reported when the pipeline is validated if the inputs' columns are known then. By default "
                    + "the rows of the first listed input come out first, then the second's, and so on, each in "
                    + "its own order, and only one input is read at a time; when two inputs branch off the same "
                    + "upstream stage that would leave one branch waiting on the other, so use order = "
                    + "\"arrival\" there.")
            .parameter(Parameter.builder("order", ParameterType.STRING).defaultValue("inputs")
                    .allowedValues("inputs", "arrival")
                    .description("inputs: every row of the first listed input, then of the second, and so on "
                            + "(deterministic; the inputs are read one at a time). arrival: batches are passed on as "
                            + "they arrive from any input, each input's rows staying in their order (for inputs "
                            + "that branch off the same upstream stage, and for unbounded ones).")
                    .example("\"arrival\"").build())
            .example("Last year's orders from CSV and this year's from JSON lines, as one table", """
                    [[stages]]
                    id = "all_orders"
                    function = "union.apply"
                    inputs = ["orders_2023", "orders_2024"]
                    """)
            .example("Two branches of one source back together, in arrival order", """
                    [[stages]]
                    id = "flagged"
                    function = "union.apply"
                    inputs = ["big_orders", "late_orders"]
                    [stages.config]
                    order = "arrival"
                    """)
            .build();

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Optional<Schema> outputSchema(StageConfig config, SchemaContext context) {
        List<UnionSchema.Input> known = new ArrayList<>();
        for (String input : context.inputs()) {
            context.input(input).ifPresent(schema -> known.add(new UnionSchema.Input(input, schema)));
        }
        UnionSchema.Result merged = UnionSchema.merge(known);
        merged.problems().forEach(context::report);
        boolean allKnown = !known.isEmpty() && known.size() == context.inputs().size();
        return allKnown && merged.problems().isEmpty() ? Optional.of(merged.schema()) : Optional.empty();
    }

    @Override
    public TransformTask open(StageConfig config, StageContext context, List<String> inputs) throws StageException {
        return new UnionTask(List.copyOf(inputs), "arrival".equals(config.getString("order")), context);
    }
}
