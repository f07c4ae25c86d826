package io.conveyor.plugin.reshape.internal.cast;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
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
import io.conveyor.plugin.kit.config.ConfigValues;
import io.conveyor.plugin.kit.config.DidYouMean;
import io.conveyor.plugin.reshape.internal.common.SchemaChecks;
import io.conveyor.plugin.reshape.internal.common.Vectors;
import io.conveyor.plugin.reshape.internal.convert.Conversion;
import io.conveyor.plugin.reshape.internal.convert.Failures;

/** {@code cast.apply}: changes the types of columns. */
@Component(property = {Stage.FUNCTION + "=cast.apply", Stage.ROLE + "=transform"})
public final class CastApply implements Transform {

    static final StageDescriptor DESCRIPTOR = StageDescriptor.builder("cast.apply", StageRole.TRANSFORM)
            .description("Changes the types of columns; the others pass unchanged and shared, and a column "
                    + "already of its type is not touched. Types: string (utf8), int (int64), float (float64), "
                    + "bool, date (days) and timestamp (microseconds); the original validate.schema's names work "
                    + "too: str, text, integer, int64, i64, double, f64, float64, boolean, datetime. Strings are "
                    + "read strictly, ignoring surrounding spaces: integers as digits with an optional sign, "
                    + "floats also with a point, an exponent, inf or nan, bools as true or false in any case, "
                    + "dates as YYYY-MM-DD, timestamps as a date with an optional time (T or a space, then "
                    + "HH:MM, HH:MM:SS or HH:MM:SS.fraction) and an optional Z or offset such as +02:00, which "
                    + "converts the time to UTC. Floats become integers truncated toward zero; numbers become "
                    + "bools by being non-zero; booleans become 1 and 0. Numbers, bools, dates and timestamps "
                    + "become strings as Conveyor writes them (150.0, true, 2024-03-01, 2024-03-01 "
                    + "10:15:00.5). A timestamp's date is its date in UTC, a date's timestamp its midnight. "
                    + "Numbers cannot become dates or timestamps, nor the reverse. A value that cannot be cast "
                    + "fails the run with its column, row and value, or becomes null with on_error = \"null\". "
                    + "Unknown columns and casts that are not supported are reported when the pipeline is "
                    + "validated if the input's columns are known then, otherwise at the first batch.")
            .parameter(Parameter.builder("columns", ParameterType.TABLE).required()
                    .description("The columns to cast, as a table from column name to type name.")
                    .example("{ amount = \"float\", placed = \"date\", quantity = \"int\" }").build())
            .parameter(Parameter.builder("on_error", ParameterType.STRING).defaultValue("fail")
                    .allowedValues("fail", "null")
                    .description("What a value that cannot be cast does: fail the run, naming the column, row and "
                            + "value, or become null.")
                    .example("\"null\"").build())
            .example("Read text columns as numbers and dates, blanking what does not parse", """
                    [[stages]]
                    id = "typed"
                    function = "cast.apply"
                    inputs = ["raw"]
                    [stages.config]
                    columns = { amount = "float", placed = "date" }
                    on_error = "null"
                    """)
            .build();

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<ConfigProblem> validate(StageConfig config) {
        Map<?, ?> table = (Map<?, ?>) config.get("columns");
        if (table.isEmpty()) {
            return List.of(new ConfigProblem("columns", "config key 'columns' must name at least one column"));
        }
        List<ConfigProblem> problems = new ArrayList<>();
        table.forEach((column, type) -> {
            if (!(type instanceof String name)) {
                problems.add(new ConfigProblem("columns", "config key 'columns' must give each column a type name "
                        + "as a string, got " + ConfigValues.describe(type) + " for '" + column + "'"));
            } else if (CastType.named(name).isEmpty()) {
                problems.add(new ConfigProblem("columns", "config key 'columns' gives column '" + column
                        + "' the type " + ConfigValues.toml(name) + ", which is not one of string, int, float, "
                        + "bool, date, timestamp" + DidYouMean.suffix(name, CastType.allNames())));
            }
        });
        return problems;
    }

    private static Map<String, CastType> casts(StageConfig config) {
        Map<String, CastType> casts = new LinkedHashMap<>();
        ((Map<?, ?>) config.get("columns")).forEach((column, type) ->
                casts.put((String) column, CastType.named((String) type).orElseThrow()));
        return casts;
    }

    @Override
    public Optional<Schema> outputSchema(StageConfig config, SchemaContext context) {
        Map<String, CastType> casts = casts(config);
        return SchemaChecks.perInput(context, new SchemaChecks.PerInput() {
            @Override
            public List<ConfigProblem> problems(String input, Schema schema) {
                return CastPlan.of(casts, input, schema).problems();
            }

            @Override
            public Schema output(Schema schema) {
                return CastPlan.of(casts, "", schema).output();
            }
        });
    }

    @Override
    public TransformTask open(StageConfig config, StageContext context, List<String> inputs) throws StageException {
        ConfigValues.throwFirst(validate(config));
        return new CastTask(casts(config), "null".equals(config.getString("on_error")), context);
    }

    /** Casts batch by batch, with a plan per input schema and row numbers counted per input for messages. */
    private static final class CastTask implements TransformTask {

        private final Map<String, CastType> casts;
        private final boolean nullOnError;
        private final StageContext context;
        private final Map<String, Long> rowsBefore = new HashMap<>();
        private Schema planned;
        private CastPlan plan;

        CastTask(Map<String, CastType> casts, boolean nullOnError, StageContext context) {
            this.casts = casts;
            this.nullOnError = nullOnError;
            this.context = context;
        }

        @Override
        public void process(String input, VectorSchemaRoot batch, Emitter out) throws StageException {
            if (!batch.getSchema().equals(planned)) {
                plan = CastPlan.of(casts, input, batch.getSchema());
                SchemaChecks.throwFirst(plan.problems());
                planned = batch.getSchema();
            }
            long before = rowsBefore.getOrDefault(input, 0L);
            rowsBefore.put(input, before + batch.getRowCount());
            if (plan.convertsNothing()) {
                out.emit(batch);
                return;
            }
            out.emit(cast(input, batch, before));
        }

        private VectorSchemaRoot cast(String input, VectorSchemaRoot batch, long before) throws StageException {
            int rows = batch.getRowCount();
            List<Field> fields = plan.output().getFields();
            List<FieldVector> vectors = new ArrayList<>(fields.size());
            try {
                for (int c = 0; c < fields.size(); c++) {
                    FieldVector source = batch.getVector(c);
                    Conversion conversion = plan.conversion(c);
                    vectors.add(conversion == null ? Vectors.slice(source, 0, rows, context.allocator())
                            : conversion.apply(source, rows, fields.get(c),
                                    failures(input, fields.get(c).getName(), before), context.allocator()));
                }
            } catch (StageException | RuntimeException e) {
                vectors.forEach(FieldVector::close);
                throw e;
            }
            return Vectors.root(vectors, rows);
        }

        private Failures failures(String input, String column, long before) {
            if (nullOnError) {
                return (row, value, why) -> { };
            }
            return (row, value, why) -> {
                throw StageException.data("column '" + column + "', row " + (before + row + 1) + " of input '"
                        + input + "': cannot cast " + value + " to " + casts.get(column).displayName()
                        + (why == null ? "" : " (" + why + ")") + "; set on_error = \"null\" to make such values "
                        + "null");
            };
        }
    }
}
