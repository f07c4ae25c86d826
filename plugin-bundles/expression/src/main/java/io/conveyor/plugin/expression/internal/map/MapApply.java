package io.conveyor.plugin.expression.internal.map;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

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
import io.conveyor.plugin.expression.internal.eval.StageExpression;
import io.conveyor.plugin.kit.config.ConfigValues;

/** {@code map.apply}: adds or replaces columns computed by expressions. */
@Component(property = {Stage.FUNCTION + "=map.apply", Stage.ROLE + "=transform"})
public final class MapApply implements Transform {

    static final String EXPRESSION = "expression";
    static final String OUTPUT_COLUMN = "output_column";
    static final String COLUMNS = "columns";
    private static final Pattern BARE_KEY = Pattern.compile("[A-Za-z0-9_-]+");

    static final StageDescriptor DESCRIPTOR = StageDescriptor.builder("map.apply", StageRole.TRANSFORM)
            .description("Adds a column computed by an expression, or replaces one. The expression language "
                    + "(docs/expressions.md) has arithmetic with precedence, comparisons, and/or/not, case when, "
                    + "casts, text and math functions; column names with spaces or dashes go in \"double quotes\" "
                    + "or `backticks`, text in 'single quotes'. A replaced column keeps its position; a new one is "
                    + "added after the others. With columns = { name = \"expression\", ... } one stage computes "
                    + "several columns, each from the input's columns (not from each other). Types follow SQL: "
                    + "int64 with int64 gives int64 (except /, which gives float64), a float64 operand makes "
                    + "float64; a number alone is int64 or float64 as written. The original tool's expressions "
                    + "keep working: col * 2, col + 1.5, col / col, true, 'text', a plain column name, and "
                    + "\"text\" in double quotes, which names a column when the input has one of that name and is "
                    + "otherwise the text itself, as it was in the original (where col * 2 always gave float64 and "
                    + "a bare number a float64 constant). Names and types are checked before the run when the "
                    + "input schema is known, else on the first batch.")
            .parameter(Parameter.builder(EXPRESSION, ParameterType.STRING)
                    .description("The value of the new column, in the expression language. Required with "
                            + "output_column, unless columns is used instead.")
                    .example("\"unit_price * quantity\"").build())
            .parameter(Parameter.builder(OUTPUT_COLUMN, ParameterType.STRING)
                    .description("The column the values go to: replaced in place when the input has it, else "
                            + "added at the end. Required with expression.")
                    .example("\"total\"").build())
            .parameter(Parameter.builder(COLUMNS, ParameterType.TABLE)
                    .description("Several columns at once, instead of expression and output_column: a table from "
                            + "column name to expression, applied in order. Every expression reads the input's "
                            + "columns.")
                    .example("{ total = \"unit_price * quantity\", status = \"upper(status)\" }").build())
            .example("Compute an order's total", """
                    [[stages]]
                    id = "totals"
                    function = "map.apply"
                    inputs = ["orders"]
                    [stages.config]
                    expression = "round(unit_price * quantity, 2)"
                    output_column = "total"
                    """)
            .example("Label orders by size, from a column whose name has a space", """
                    [[stages]]
                    id = "sizes"
                    function = "map.apply"
                    inputs = ["orders"]
                    [stages.config]
                    expression = "case when \\"order total\\" >= 1000 then 'large' when \\"order total\\" >= 100 then 'medium' else 'small' end"
                    output_column = "size"
                    """)
            .example("Several columns in one stage", """
                    [[stages]]
                    id = "clean"
                    function = "map.apply"
                    inputs = ["orders"]
                    [stages.config]
                    columns = { customer = "trim(customer)", net = "coalesce(amount, 0) * 0.8", big = "amount >= 150" }
                    """)
            .example("The original tool's forms: a constant text column", """
                    [[stages]]
                    id = "tag"
                    function = "map.apply"
                    inputs = ["orders"]
                    [stages.config]
                    expression = "\\"web\\""
                    output_column = "channel"
                    """)
            .build();

    /** One column to compute. */
    record Output(String name, StageExpression expression) {
    }

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<ConfigProblem> validate(StageConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        if (config.isSet(COLUMNS)) {
            List<String> alsoSet = List.of(EXPRESSION, OUTPUT_COLUMN).stream().filter(config::isSet).toList();
            if (!alsoSet.isEmpty()) {
                problems.add(new ConfigProblem(COLUMNS, "config key 'columns' cannot be combined with "
                        + String.join(" and ", alsoSet.stream().map(k -> "'" + k + "'").toList())
                        + ": compute one column with expression and output_column, or several with columns"));
            }
            Map<?, ?> columns = (Map<?, ?>) config.get(COLUMNS);
            if (columns.isEmpty()) {
                problems.add(new ConfigProblem(COLUMNS, "config key 'columns' must name at least one column, as in "
                        + "columns = { total = \"price * quantity\" }"));
            }
            for (Map.Entry<?, ?> entry : columns.entrySet()) {
                String name = (String) entry.getKey();
                if (name.isEmpty()) {
                    problems.add(new ConfigProblem(COLUMNS, "config key 'columns' has an empty column name"));
                } else if (!(entry.getValue() instanceof String)) {
                    problems.add(new ConfigProblem(COLUMNS, "config key '" + path(name) + "' must be an expression "
                            + "in a string, got " + ConfigValues.describe(entry.getValue())));
                }
            }
        } else {
            if (!config.isSet(EXPRESSION)) {
                problems.add(new ConfigProblem(EXPRESSION, "config key 'expression' is required for map.apply, "
                        + "unless several columns are computed with columns = { name = \"expression\", ... }"));
            }
            if (!config.isSet(OUTPUT_COLUMN)) {
                problems.add(new ConfigProblem(OUTPUT_COLUMN, "config key 'output_column' is required for "
                        + "map.apply with expression"));
            } else if (config.getString(OUTPUT_COLUMN).isEmpty()) {
                problems.add(new ConfigProblem(OUTPUT_COLUMN, "config key 'output_column' must not be empty"));
            }
        }
        if (problems.isEmpty()) {
            for (Output output : outputs(config)) {
                ConfigProblem syntax = output.expression().syntaxProblem();
                if (syntax != null) {
                    problems.add(syntax);
                }
            }
        }
        return problems;
    }

    /** The key messages name for the expression of column {@code name}: {@code columns.total}. */
    private static String path(String name) {
        return COLUMNS + "." + (BARE_KEY.matcher(name).matches() ? name : ConfigValues.toml(name));
    }

    static List<Output> outputs(StageConfig config) {
        if (!config.isSet(COLUMNS)) {
            return List.of(new Output(config.getString(OUTPUT_COLUMN),
                    StageExpression.parse(EXPRESSION, EXPRESSION, config.getString(EXPRESSION))));
        }
        List<Output> outputs = new ArrayList<>();
        ((Map<?, ?>) config.get(COLUMNS)).forEach((name, text) -> outputs.add(new Output((String) name,
                StageExpression.parse(COLUMNS, path((String) name), (String) text))));
        return outputs;
    }

    /** The input's columns with the computed ones replaced or added; checks every expression against known inputs. */
    @Override
    public Optional<Schema> outputSchema(StageConfig config, SchemaContext context) {
        List<Output> outputs = outputs(config);
        Set<ConfigProblem> problems = new LinkedHashSet<>();
        Set<Schema> results = new LinkedHashSet<>();
        boolean allKnown = true;
        for (String input : context.inputs()) {
            Optional<Schema> schema = context.input(input);
            if (schema.isEmpty()) {
                allKnown = false;
                continue;
            }
            try {
                results.add(MapPlan.of(outputs, schema.get()).output());
            } catch (MapPlan.Failure e) {
                problems.addAll(MapPlan.problems(outputs, schema.get()));
            }
        }
        problems.forEach(context::report);
        return allKnown && problems.isEmpty() && results.size() == 1 ? Optional.of(results.iterator().next())
                : Optional.empty();
    }

    @Override
    public TransformTask open(StageConfig config, StageContext context, List<String> inputs) throws StageException {
        ConfigValues.throwFirst(validate(config));
        return new MapTask(outputs(config), context);
    }
}
