package io.conveyor.plugin.expression.internal.filter;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.arrow.vector.types.pojo.Field;
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
import io.conveyor.plugin.expression.internal.lang.ExpressionException;
import io.conveyor.plugin.expression.internal.lang.Type;
import io.conveyor.plugin.kit.config.ConfigValues;

/**
 * {@code filter.apply}: keeps the rows where a condition holds, written either as an expression
 * or, as the original tool had it, as one column compared with a value.
 */
@Component(property = {Stage.FUNCTION + "=filter.apply", Stage.ROLE + "=transform"})
public final class FilterApply implements Transform {

    static final String EXPRESSION = "expression";
    private static final List<String> COMPARISON_KEYS = List.of("column", "operator", "value");

    static final StageDescriptor DESCRIPTOR = StageDescriptor.builder("filter.apply", StageRole.TRANSFORM)
            .description("Keeps the rows where a condition is true. Write the condition as an expression "
                    + "(expression = \"unit_price >= 100 and status in ('completed', 'shipped')\", see "
                    + "docs/expressions.md), or, as the original tool did, as one column compared with a value "
                    + "(column, operator, value): use one form or the other. In an expression a row is kept only "
                    + "when the condition is true: false and null (unknown) drop it. In the column form numbers "
                    + "compare with integer and float columns, exactly (a float value with a large int64, an "
                    + "unsigned column), strings with utf8 columns, booleans with bool columns; a null cell never "
                    + "matches, not even with !=. Names and types are checked before the run when the input "
                    + "schema is known, else on the first batch. Batches where every row matches pass through "
                    + "without a copy. When no row matches, the empty result keeps the columns.")
            .parameter(Parameter.builder(EXPRESSION, ParameterType.STRING)
                    .description("The condition, in the expression language (docs/expressions.md): comparisons, "
                            + "and/or/not, in (...), is [not] null, like, between, functions. Column names with "
                            + "spaces or dashes go in \"double quotes\" or `backticks`; text goes in 'single "
                            + "quotes'. Instead of column/operator/value.")
                    .example("\"amount >= 150 and region in ('north', 'east')\"").build())
            .parameter(Parameter.builder("column", ParameterType.STRING)
                    .description("The column to compare (the original tool's form; required unless expression is "
                            + "set).").example("\"amount\"").build())
            .parameter(Parameter.builder("operator", ParameterType.STRING).defaultValue("==")
                    .allowedValues((Object[]) FilterOperator.SPELLINGS)
                    .description("With column: == (or =), != (or <>), >, >=, <, <= compare; contains matches a "
                            + "substring of a utf8 column (case-sensitive); in matches any value of an array.")
                    .example("\">=\"").build())
            .parameter(Parameter.builder("value", ParameterType.ANY)
                    .description("With column: what to compare with, a number, string or boolean of the column's "
                            + "kind; for in, an array of them (strings or numbers). Required with column.")
                    .example("150").build())
            .example("Keep sales of 150 or more", """
                    [[stages]]
                    id = "big_sales"
                    function = "filter.apply"
                    inputs = ["load_sales"]
                    [stages.config]
                    column = "amount"
                    operator = ">="
                    value = 150
                    """)
            .example("Keep open orders", """
                    [[stages]]
                    id = "open"
                    function = "filter.apply"
                    inputs = ["orders"]
                    [stages.config]
                    column = "status"
                    operator = "in"
                    value = ["pending", "on_hold"]
                    """)
            .example("Keep big completed or shipped orders, with an expression", """
                    [[stages]]
                    id = "big_orders"
                    function = "filter.apply"
                    inputs = ["orders"]
                    [stages.config]
                    expression = "unit_price >= 100.0 and status in ('completed', 'shipped')"
                    """)
            .example("Keep rows with a quantity, from a column whose name has a space", """
                    [[stages]]
                    id = "with_quantity"
                    function = "filter.apply"
                    inputs = ["orders"]
                    [stages.config]
                    expression = "\\"order quantity\\" is not null and lower(customer) like 'a%'"
                    """)
            .build();

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<ConfigProblem> validate(StageConfig config) {
        if (config.isSet(EXPRESSION)) {
            List<ConfigProblem> problems = new ArrayList<>();
            List<String> alsoSet = COMPARISON_KEYS.stream().filter(config::isSet).toList();
            if (!alsoSet.isEmpty()) {
                problems.add(new ConfigProblem(EXPRESSION, "config key 'expression' cannot be combined with "
                        + String.join(", ", alsoSet.stream().map(k -> "'" + k + "'").toList())
                        + ": write the condition either as expression = \"...\" or as column/operator/value"));
            }
            ConfigProblem syntax = expression(config).syntaxProblem();
            if (syntax != null) {
                problems.add(syntax);
            }
            return problems;
        }
        return validateComparison(config);
    }

    private static StageExpression expression(StageConfig config) {
        return StageExpression.parse(EXPRESSION, EXPRESSION, config.getString(EXPRESSION));
    }

    private static List<ConfigProblem> validateComparison(StageConfig config) {
        if (!config.isSet("column")) {
            return List.of(new ConfigProblem("column", "config key 'column' is required for filter.apply, unless "
                    + "the condition is written as expression = \"...\""));
        }
        String operator = config.getString("operator");
        Object value = config.get("value");
        if (value == null) {
            return List.of(new ConfigProblem("value", "config key 'value' is required for filter.apply with "
                    + "column = " + ConfigValues.toml(config.getString("column"))));
        }
        List<ConfigProblem> problems = new ArrayList<>();
        if (operator.equals("in")) {
            if (!(value instanceof List<?> list)) {
                problems.add(new ConfigProblem("value", "config key 'value' must be an array for operator 'in', got "
                        + ConfigValues.describe(value)));
            } else if (!list.stream().allMatch(FilterApply::isScalar)) {
                problems.add(new ConfigProblem("value", "config key 'value' must hold strings, numbers or booleans "
                        + "for operator 'in', got " + ConfigValues.describe(value)));
            }
        } else if (operator.equals("contains")) {
            if (!(value instanceof String)) {
                problems.add(new ConfigProblem("value", "config key 'value' must be a string for operator "
                        + "'contains', got " + ConfigValues.describe(value)));
            }
        } else if (!isScalar(value)) {
            problems.add(new ConfigProblem("value", "config key 'value' must be a string, number or boolean for "
                    + "operator '" + operator + "', got " + ConfigValues.describe(value)));
        }
        return problems;
    }

    private static boolean isScalar(Object value) {
        return value instanceof String || value instanceof Long || value instanceof Double || value instanceof Boolean;
    }

    /**
     * The output has the input's columns. Checks the condition against every input whose schema
     * is known: names, types, and in the column form the value against the column's type.
     */
    @Override
    public Optional<Schema> outputSchema(StageConfig config, SchemaContext context) {
        Set<ConfigProblem> problems = new LinkedHashSet<>();
        Set<Schema> schemas = new LinkedHashSet<>();
        boolean allKnown = true;
        for (String input : context.inputs()) {
            Optional<Schema> schema = context.input(input);
            if (schema.isEmpty()) {
                allKnown = false;
                continue;
            }
            schemas.add(schema.get());
            problems.addAll(config.isSet(EXPRESSION) ? expressionProblems(config, schema.get())
                    : comparisonProblems(config, input, schema.get()));
        }
        problems.forEach(context::report);
        return allKnown && schemas.size() == 1 ? Optional.of(schemas.iterator().next()) : Optional.empty();
    }

    private static List<ConfigProblem> expressionProblems(StageConfig config, Schema schema) {
        StageExpression expression = expression(config);
        if (expression.ast() == null) {
            return List.of();
        }
        try {
            expression.compile(schema, ast -> ast, Type.BOOL);
            return List.of();
        } catch (ExpressionException e) {
            return expression.problems(e);
        }
    }

    private static List<ConfigProblem> comparisonProblems(StageConfig config, String input, Schema schema) {
        String column = config.getString("column");
        Field field = schema.getFields().stream().filter(f -> f.getName().equals(column)).findFirst().orElse(null);
        if (field == null) {
            return List.of(new ConfigProblem("column", "config key 'column' names " + ComparisonTask.missing(column,
                    input, schema)));
        }
        try {
            PredicateCompiler.compile(field, FilterOperator.parse(config.getString("operator")),
                    config.getString("operator"), config.get("value"));
            return List.of();
        } catch (StageException e) {
            return List.of(new ConfigProblem(e.key() == null ? "column" : e.key(), e.getMessage()));
        }
    }

    @Override
    public TransformTask open(StageConfig config, StageContext context, List<String> inputs) throws StageException {
        ConfigValues.throwFirst(validate(config));
        if (config.isSet(EXPRESSION)) {
            return new ExpressionTask(expression(config), context);
        }
        return new ComparisonTask(config.getString("column"), config.getString("operator"), config.get("value"),
                context);
    }
}
