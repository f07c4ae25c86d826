package io.conveyor.plugin.fields.internal.validate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.osgi.service.component.annotations.Component;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.api.stage.Emitter;
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
import io.conveyor.plugin.fields.internal.InputColumns;
import io.conveyor.plugin.kit.column.ColumnReader;
import io.conveyor.plugin.kit.column.TemporalText;
import io.conveyor.plugin.kit.config.ConfigValues;

/** {@code validate.schema}: checks columns, types, nulls, dates and uniqueness, and passes the data on unchanged. */
@Component(property = {Stage.FUNCTION + "=validate.schema", Stage.ROLE + "=transform"})
public final class ValidateSchema implements Transform {

    static final StageDescriptor DESCRIPTOR = StageDescriptor.builder("validate.schema", StageRole.TRANSFORM)
            .description("Checks that the data has the columns, types, non-null values, dates and unique values "
                    + "the config asks for, and passes every batch on unchanged. Each batch is checked as it "
                    + "passes; the first batch with any violation fails the run with one DATA error listing every "
                    + "violation in it, each naming its column (rows count from 1 across the input). A column the "
                    + "config names that the data lacks is a violation, whatever key names it; when the input's "
                    + "columns are known before the run, missing columns and wrong types are reported at "
                    + "validation time. With several inputs, each is checked on its own. unique_fields keeps every "
                    + "distinct value seen so far: about 50 bytes per number or date, and the text plus about 70 "
                    + "bytes per string, for each listed column.")
            .parameter(Parameter.builder("required_fields", ParameterType.STRING_LIST)
                    .description("Columns that must exist.").example("[\"id\", \"email\"]").build())
            .parameter(Parameter.builder("field_types", ParameterType.TABLE)
                    .description("Column to expected type: string (or str, text); int (integer, int64, i64: an "
                            + "integer column of any width); float (double, f64, float64: any width); bool "
                            + "(boolean); date; datetime (timestamp). Names are case-insensitive.")
                    .example("{ id = \"int\", email = \"string\" }").build())
            .parameter(Parameter.builder("non_nullable", ParameterType.STRING_LIST)
                    .description("Columns that must not hold nulls.").example("[\"id\"]").build())
            .parameter(Parameter.builder("date_fields", ParameterType.STRING_LIST)
                    .description("Columns that must hold dates: a date or timestamp column, or text where every "
                            + "non-null value is an ISO-8601 date (2024-01-15), optionally with a time after T or "
                            + "a space and an offset (2024-01-15T10:30:00Z).")
                    .example("[\"signup_date\"]").build())
            .parameter(Parameter.builder("unique_fields", ParameterType.STRING_LIST)
                    .description("Columns whose non-null values must all differ, across the whole input; nulls "
                            + "never clash.")
                    .example("[\"id\"]").build())
            .parameter(Parameter.builder("unique", ParameterType.STRING_LIST)
                    .description("Another name for unique_fields, as the original tool's documentation spelled it; "
                            + "set one of the two.")
                    .example("[\"id\"]").build())
            .example("Check users before loading them", """
                    [[stages]]
                    id = "checked"
                    function = "validate.schema"
                    inputs = ["users"]
                    [stages.config]
                    required_fields = ["id", "email", "signup_date"]
                    field_types = { id = "int", email = "string" }
                    non_nullable = ["id", "email"]
                    date_fields = ["signup_date"]
                    unique_fields = ["id"]
                    """)
            .build();

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<ConfigProblem> validate(StageConfig config) {
        return Rules.problems(config);
    }

    @Override
    public Optional<Schema> outputSchema(StageConfig config, SchemaContext context) {
        Rules rules = Rules.of(config);
        return InputColumns.common(context, input -> schema -> {
            List<Rules.Mismatch> mismatches = rules.mismatches(schema, input);
            mismatches.forEach(m -> context.report(new ConfigProblem(m.key(), m.config())));
            return mismatches.isEmpty() ? schema : null;
        });
    }

    @Override
    public TransformTask open(StageConfig config, StageContext context, List<String> inputs) throws StageException {
        ConfigValues.throwFirst(validate(config));
        return new ValidateTask(Rules.of(config));
    }

    /** One run: each input's row count and seen values so far, and the mismatches of the last schema seen. */
    private static final class ValidateTask implements TransformTask {
        private final Rules rules;
        private final Map<String, Long> rowsBefore = new HashMap<>();
        private final Map<String, Map<String, UniqueColumn>> uniqueValues = new HashMap<>();
        private Schema checkedSchema;
        private String checkedInput;
        private List<Rules.Mismatch> mismatches;

        ValidateTask(Rules rules) {
            this.rules = rules;
        }

        @Override
        public void process(String input, VectorSchemaRoot batch, Emitter out) throws StageException {
            long firstRow = rowsBefore.getOrDefault(input, 0L) + 1;
            int rows = batch.getRowCount();
            rowsBefore.put(input, firstRow - 1 + rows);
            List<String> violations = new ArrayList<>();
            mismatches(batch.getSchema(), input).forEach(m -> violations.add(m.data()));
            for (String column : rules.nonNullable) {
                checkNulls(batch.getVector(column), rows, firstRow, violations);
            }
            for (String column : rules.dateFields) {
                checkDates(batch.getVector(column), rows, firstRow, violations);
            }
            Map<String, UniqueColumn> seen = uniqueValues.computeIfAbsent(input, i -> new HashMap<>());
            for (String column : rules.unique) {
                FieldVector vector = batch.getVector(column);
                if (vector != null) {
                    UniqueColumn.Duplicates duplicates = seen.computeIfAbsent(column, c -> new UniqueColumn())
                            .add(vector, rows, firstRow);
                    if (duplicates != null) {
                        violations.add("Field '" + column + "' has duplicate values (" + rowCount(duplicates.count())
                                + ", first " + value(vector, duplicates.firstCell()) + " at row "
                                + duplicates.firstRow() + ", seen at row " + duplicates.seenRow() + ")");
                    }
                }
            }
            if (!violations.isEmpty()) {
                String where = rows == 0 ? "input '" + input + "'"
                        : "rows " + firstRow + "-" + (firstRow + rows - 1) + " of input '" + input + "'";
                throw StageException.data((violations.size() == 1 ? "1 violation" : violations.size() + " violations")
                        + " in " + where + ": " + String.join("; ", violations));
            }
            out.emit(batch);
        }

        private List<Rules.Mismatch> mismatches(Schema schema, String input) {
            if (!schema.equals(checkedSchema) || !input.equals(checkedInput)) {
                mismatches = rules.mismatches(schema, input);
                checkedSchema = schema;
                checkedInput = input;
            }
            return mismatches;
        }

        private static void checkNulls(FieldVector vector, int rows, long firstRow, List<String> violations) {
            if (vector == null || vector.getNullCount() == 0) {
                return;
            }
            int first = -1;
            int count = 0;
            for (int cell = 0; cell < rows; cell++) {
                if (vector.isNull(cell)) {
                    first = first < 0 ? cell : first;
                    count++;
                }
            }
            violations.add("Field '" + vector.getName() + "' contains null values (" + rowCount(count)
                    + ", first row " + (firstRow + first) + ")");
        }

        private static void checkDates(FieldVector vector, int rows, long firstRow, List<String> violations) {
            if (vector == null || !Rules.isText(vector.getField())) {
                return; // missing or of a date type: decided by the schema
            }
            ColumnReader reader = ColumnReader.of(vector);
            int first = -1;
            int count = 0;
            for (int cell = 0; cell < rows; cell++) {
                if (!reader.isNull(cell) && !DateText.isDate(reader.getString(cell))) {
                    first = first < 0 ? cell : first;
                    count++;
                }
            }
            if (count > 0) {
                violations.add("Field '" + vector.getName() + "' has values that are not dates (" + rowCount(count)
                        + ", first " + value(vector, first) + " at row " + (firstRow + first) + ")");
            }
        }

        private static String rowCount(int count) {
            return count == 1 ? "1 row" : count + " rows";
        }

        /** A value for messages: text quoted, numbers and booleans as writers print them, dates as ISO text. */
        private static String value(FieldVector vector, int cell) {
            ArrowType type = vector.getField().getType();
            if (type instanceof ArrowType.Int || type instanceof ArrowType.FloatingPoint
                    || type instanceof ArrowType.Bool) {
                return ColumnReader.of(vector).format(cell);
            }
            if (Rules.isText(vector.getField())) {
                return ConfigValues.toml(ColumnReader.of(vector).getString(cell));
            }
            if (TemporalText.handles(type)) {
                return TemporalText.format(vector, cell);
            }
            return String.valueOf(vector.getObject(cell));
        }
    }
}
