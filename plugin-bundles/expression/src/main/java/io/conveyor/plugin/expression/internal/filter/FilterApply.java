package io.conveyor.plugin.expression.internal.filter;

import java.util.ArrayList;
import java.util.List;

import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.osgi.service.component.annotations.Component;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.api.stage.Emitter;
import io.conveyor.api.stage.Parameter;
import io.conveyor.api.stage.ParameterType;
import io.conveyor.api.stage.Stage;
import io.conveyor.api.stage.StageConfig;
import io.conveyor.api.stage.StageContext;
import io.conveyor.api.stage.StageDescriptor;
import io.conveyor.api.stage.StageException;
import io.conveyor.api.stage.StageRole;
import io.conveyor.api.stage.Transform;
import io.conveyor.api.stage.TransformTask;
import io.conveyor.plugin.kit.column.RowCopy;
import io.conveyor.plugin.kit.config.ConfigValues;

/** {@code filter.apply}: keeps the rows whose column compares true with a value. */
@Component(property = {Stage.FUNCTION + "=filter.apply", Stage.ROLE + "=transform"})
public final class FilterApply implements Transform {

    static final StageDescriptor DESCRIPTOR = StageDescriptor.builder("filter.apply", StageRole.TRANSFORM)
            .description("Keeps the rows where a column compares true with a value. Numbers compare with "
                    + "integer and float columns, exactly (a float value with a large int64, an unsigned column), "
                    + "strings with utf8 columns, booleans with bool columns; a null "
                    + "cell never matches, not even with !=. Batches where every row matches pass through "
                    + "without a copy. When no row matches, the empty result keeps the columns.")
            .parameter(Parameter.builder("column", ParameterType.STRING).required()
                    .description("The column to compare.").example("\"amount\"").build())
            .parameter(Parameter.builder("operator", ParameterType.STRING).defaultValue("==")
                    .allowedValues((Object[]) FilterOperator.SPELLINGS)
                    .description("== (or =), != (or <>), >, >=, <, <= compare; contains matches a substring of a "
                            + "utf8 column (case-sensitive); in matches any value of an array.")
                    .example("\">=\"").build())
            .parameter(Parameter.builder("value", ParameterType.ANY).required()
                    .description("What to compare with: a number, string or boolean of the column's kind; for "
                            + "in, an array of them (strings or numbers).")
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
            .build();

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<ConfigProblem> validate(StageConfig config) {
        String operator = config.getString("operator");
        Object value = config.get("value");
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

    @Override
    public TransformTask open(StageConfig config, StageContext context, List<String> inputs) throws StageException {
        ConfigValues.throwFirst(validate(config));
        return new FilterTask(config.getString("column"), config.getString("operator"), config.get("value"), context);
    }

    /**
     * One run: compiles the predicate for each new column type, then selects rows batch by batch.
     * Until it has emitted anything, a batch where no row matches gives a batch without rows, so
     * that an empty result keeps its columns (the engine passes on only a first such batch).
     */
    private static final class FilterTask implements TransformTask {
        private final String column;
        private final String operatorText;
        private final FilterOperator operator;
        private final Object value;
        private final StageContext context;
        private Field compiledFor;
        private RowPredicate predicate;
        private int[] selected = new int[0];
        private boolean emitted;

        FilterTask(String column, String operatorText, Object value, StageContext context) {
            this.column = column;
            this.operatorText = operatorText;
            this.operator = FilterOperator.parse(operatorText);
            this.value = value;
            this.context = context;
        }

        @Override
        public void process(String input, VectorSchemaRoot batch, Emitter out) throws StageException {
            FieldVector vector = batch.getVector(column);
            if (vector == null) {
                throw StageException.data("column '" + column + "' is not in input '" + input + "' (columns: "
                        + RowCopy.columnNames(batch) + ")");
            }
            if (!vector.getField().equals(compiledFor)) {
                predicate = PredicateCompiler.compile(vector.getField(), operator, operatorText, value);
                compiledFor = vector.getField();
            }
            int rows = batch.getRowCount();
            if (selected.length < rows) {
                selected = new int[rows];
            }
            int kept = predicate.select(vector, rows, selected);
            if (kept == rows) {
                emitted = true;
                out.emit(batch);
            } else if (kept > 0 || !emitted) {
                emitted = true;
                out.emit(RowCopy.copy(batch, selected, kept, context.allocator()));
            }
        }
    }
}
