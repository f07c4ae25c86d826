package io.conveyor.plugin.reshape.internal.rename;

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
import io.conveyor.plugin.reshape.internal.common.Columns;
import io.conveyor.plugin.reshape.internal.common.SchemaChecks;
import io.conveyor.plugin.reshape.internal.common.Vectors;

/** {@code rename.apply}: gives columns new names, keeping their order and data. */
@Component(property = {Stage.FUNCTION + "=rename.apply", Stage.ROLE + "=transform"})
public final class RenameApply implements Transform {

    static final StageDescriptor DESCRIPTOR = StageDescriptor.builder("rename.apply", StageRole.TRANSFORM)
            .description("Gives columns new names; the columns keep their place, type and data (shared with the "
                    + "input, not copied), and the others pass unchanged. Names may be swapped (a to b and b to "
                    + "a). A column the input does not have, or a new name that another column keeps or is also "
                    + "given, is an error: reported when the pipeline is validated if the input's columns are "
                    + "known then, otherwise at the first batch.")
            .parameter(Parameter.builder("columns", ParameterType.TABLE).required()
                    .description("The columns to rename, as a table from old name to new name.")
                    .example("{ cust_nm = \"customer\", amt = \"amount\" }").build())
            .example("Friendlier column names", """
                    [[stages]]
                    id = "named"
                    function = "rename.apply"
                    inputs = ["raw"]
                    [stages.config]
                    columns = { cust_nm = "customer", amt = "amount" }
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
        Map<String, String> firstOldByNew = new HashMap<>();
        table.forEach((old, renamed) -> {
            if (!(renamed instanceof String name) || name.isEmpty()) {
                problems.add(new ConfigProblem("columns", "config key 'columns' must give each column a new name "
                        + "as a non-empty string, got " + ConfigValues.describe(renamed) + " for '" + old + "'"));
                return;
            }
            String other = firstOldByNew.putIfAbsent(name, (String) old);
            if (other != null) {
                problems.add(new ConfigProblem("columns", "config key 'columns' renames both '" + other + "' and '"
                        + old + "' to '" + name + "'"));
            }
        });
        return problems;
    }

    private static Map<String, String> renames(StageConfig config) {
        Map<String, String> renames = new LinkedHashMap<>();
        ((Map<?, ?>) config.get("columns")).forEach((old, renamed) -> renames.put((String) old, (String) renamed));
        return renames;
    }

    /** Every column the input lacks, and every new name a column the input keeps already has. */
    static List<ConfigProblem> check(Map<String, String> renames, String input, Schema schema) {
        List<ConfigProblem> problems = new ArrayList<>();
        renames.forEach((old, renamed) -> {
            if (Columns.find(schema, old) == null) {
                problems.add(Columns.missing("columns", old, input, schema));
            } else if (!renamed.equals(old) && Columns.find(schema, renamed) != null
                    && !renames.containsKey(renamed)) {
                problems.add(new ConfigProblem("columns", "config key 'columns' renames '" + old + "' to '" + renamed
                        + "', but input '" + input + "' already has a column '" + renamed + "'; rename that one "
                        + "too, or drop it first with select.apply"));
            }
        });
        return problems;
    }

    static Schema renamed(Map<String, String> renames, Schema schema) {
        return new Schema(schema.getFields().stream().map(f -> renamed(renames, f)).toList());
    }

    private static Field renamed(Map<String, String> renames, Field field) {
        String name = renames.get(field.getName());
        return name == null ? field : new Field(name, field.getFieldType(), field.getChildren());
    }

    @Override
    public Optional<Schema> outputSchema(StageConfig config, SchemaContext context) {
        Map<String, String> renames = renames(config);
        return SchemaChecks.perInput(context, new SchemaChecks.PerInput() {
            @Override
            public List<ConfigProblem> problems(String input, Schema schema) {
                return check(renames, input, schema);
            }

            @Override
            public Schema output(Schema schema) {
                return renamed(renames, schema);
            }
        });
    }

    @Override
    public TransformTask open(StageConfig config, StageContext context, List<String> inputs) throws StageException {
        ConfigValues.throwFirst(validate(config));
        Map<String, String> renames = renames(config);
        return new TransformTask() {
            private Schema checked;

            @Override
            public void process(String input, VectorSchemaRoot batch, Emitter out) throws StageException {
                if (!batch.getSchema().equals(checked)) {
                    SchemaChecks.throwFirst(check(renames, input, batch.getSchema()));
                    checked = batch.getSchema();
                }
                out.emit(rename(renames, batch, context));
            }
        };
    }

    /** The batch with its columns renamed, sharing the input's memory. */
    private static VectorSchemaRoot rename(Map<String, String> renames, VectorSchemaRoot batch, StageContext context) {
        int rows = batch.getRowCount();
        List<FieldVector> vectors = new ArrayList<>(batch.getFieldVectors().size());
        try {
            for (FieldVector vector : batch.getFieldVectors()) {
                vectors.add(Vectors.slice(vector, renamed(renames, vector.getField()), 0, rows, context.allocator()));
            }
        } catch (RuntimeException e) {
            vectors.forEach(FieldVector::close);
            throw e;
        }
        return Vectors.root(vectors, rows);
    }
}
