package io.conveyor.plugin.aggregate.internal.distinct;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
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
import io.conveyor.plugin.aggregate.internal.column.Columns;
import io.conveyor.plugin.aggregate.internal.column.Inputs;
import io.conveyor.plugin.aggregate.internal.column.Problems;
import io.conveyor.plugin.aggregate.internal.hash.KeyIndex;
import io.conveyor.plugin.kit.config.ConfigValues;

/** {@code distinct.apply}: drops rows whose compared columns repeat an earlier (or later) row's. */
@Component(property = {Stage.FUNCTION + "=distinct.apply", Stage.ROLE + "=transform"})
public final class DistinctApply implements Transform {

    static final String FUNCTION = "distinct.apply";
    private static final String ADVICE = "; combine several inputs first (union.apply)";

    static final StageDescriptor DESCRIPTOR = StageDescriptor.builder(FUNCTION, StageRole.TRANSFORM)
            .description("Removes duplicate rows: rows are duplicates when the compared columns hold equal "
                    + "values (nulls equal nulls, as in SQL DISTINCT). Whole rows are kept, with every column. "
                    + "The output order is stable: kept rows stay in input order. keep = \"first\" (and "
                    + "\"any\", which is first, made deterministic) streams: each batch's new rows go out at "
                    + "once and only the distinct keys are held. keep = \"last\" and \"none\" need the whole "
                    + "input before they can tell, so they hold every input batch until the end (memory grows "
                    + "with the input) and emit the kept rows in the order of their positions in the input.")
            .parameter(Parameter.builder("columns", ParameterType.STRING_LIST)
                    .description("The columns to compare; all columns when absent. A single column may be a plain "
                            + "string.")
                    .example("[\"customer\", \"region\"]").build())
            .parameter(Parameter.builder("subset", ParameterType.STRING_LIST)
                    .description("Deprecated: the name the original tool's documentation gave to columns (its code "
                            + "read columns). Accepted so that such pipelines work; set only one of the two.")
                    .example("[\"customer\"]").build())
            .parameter(Parameter.builder("keep", ParameterType.STRING).defaultValue("first")
                    .allowedValues("first", "last", "none", "any")
                    .description("Which row of a set of duplicates stays: first, last, none (drop every row that "
                            + "has a duplicate), or any (the first).")
                    .example("\"last\"").build())
            .example("One row per customer and region, the latest", """
                    [[stages]]
                    id = "latest"
                    function = "distinct.apply"
                    inputs = ["orders"]
                    [stages.config]
                    columns = ["customer", "region"]
                    keep = "last"
                    """)
            .build();

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<ConfigProblem> validate(StageConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        if (config.isSet("columns") && config.isSet("subset")) {
            problems.add(new ConfigProblem("subset", "config key 'subset' is the old name of 'columns'; set only "
                    + "'columns'"));
            return problems;
        }
        String key = columnsKey(config);
        List<String> columns = config.getStringList(key);
        if (columns == null) {
            return problems;
        }
        if (columns.isEmpty()) {
            problems.add(new ConfigProblem(key, "config key '" + key + "' must name at least one column (leave it "
                    + "out to compare all columns)"));
        }
        Set<String> seen = new HashSet<>();
        for (String column : columns) {
            if (!seen.add(column)) {
                problems.add(new ConfigProblem(key, "config key '" + key + "' names '" + column + "' twice"));
            }
        }
        return problems;
    }

    /** The key naming the compared columns: {@code columns}, or the deprecated {@code subset} when only it is set. */
    static String columnsKey(StageConfig config) {
        return config.isSet("subset") ? "subset" : "columns";
    }

    /** The compared fields of {@code schema}, or null after adding problems. */
    static List<Field> keyFields(Schema schema, String input, String key, List<String> columns, Problems problems) {
        List<Field> fields = new ArrayList<>();
        boolean all = columns == null;
        for (String column : all ? Columns.names(schema) : columns) {
            Field field = Columns.find(schema, column, input, key, key, problems);
            if (field == null) {
                continue;
            }
            if (!KeyIndex.supports(field.getType())) {
                problems.add(key, "config key '" + key + "' " + (all ? "is not set, so every column is compared, "
                        + "but column '" : "names column '") + column + "' of type " + Columns.typeName(field)
                        + ", which cannot be compared; compare numbers, bools, text, binary, decimals, dates, "
                        + "times, timestamps or durations" + (all ? " by naming them in 'columns'" : ""));
                continue;
            }
            fields.add(field);
        }
        return problems.isEmpty() ? fields : null;
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
        String key = columnsKey(config);
        keyFields(schema.get(), input, key, config.getStringList(key), problems);
        problems.reportTo(context);
        return problems.isEmpty() ? schema : Optional.empty();
    }

    @Override
    public TransformTask open(StageConfig config, StageContext context, List<String> inputs) throws StageException {
        ConfigValues.throwFirst(validate(config));
        Inputs.require(FUNCTION, inputs, 1, ADVICE);
        String key = columnsKey(config);
        Keep keep = Keep.valueOf(config.getString("keep").toUpperCase(Locale.ROOT));
        return new DistinctTask(key, config.getStringList(key), keep == Keep.ANY ? Keep.FIRST : keep,
                inputs.get(0), context);
    }

    enum Keep { FIRST, LAST, NONE, ANY }
}
