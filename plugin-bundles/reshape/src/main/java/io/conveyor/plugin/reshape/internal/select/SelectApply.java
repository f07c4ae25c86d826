package io.conveyor.plugin.reshape.internal.select;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.TransferPair;
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

/** {@code select.apply}: keeps some columns, in the given order. */
@Component(property = {Stage.FUNCTION + "=select.apply", Stage.ROLE + "=transform"})
public final class SelectApply implements Transform {

    static final StageDescriptor DESCRIPTOR = StageDescriptor.builder("select.apply", StageRole.TRANSFORM)
            .description("Keeps the named columns, in the order given, and drops the others. The column data is "
                    + "shared with the input, not copied. A column missing from the input is reported when the "
                    + "pipeline is validated if the input's columns are known then, and otherwise fails the run "
                    + "at the first batch; either way the message lists the columns there are.")
            .parameter(Parameter.builder("columns", ParameterType.STRING_LIST).required()
                    .description("The columns to keep, in output order; a single name may be a plain string.")
                    .example("[\"order_id\", \"customer\"]").build())
            .example("Keep the order id and customer", """
                    [[stages]]
                    id = "open_ids"
                    function = "select.apply"
                    inputs = ["open"]
                    [stages.config]
                    columns = ["order_id", "customer"]
                    """)
            .build();

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<ConfigProblem> validate(StageConfig config) {
        List<String> columns = config.getStringList("columns");
        if (columns.isEmpty()) {
            return List.of(new ConfigProblem("columns", "config key 'columns' must name at least one column"));
        }
        Set<String> seen = new HashSet<>();
        for (String column : columns) {
            if (!seen.add(column)) {
                return List.of(new ConfigProblem("columns", "config key 'columns' names '" + column + "' twice"));
            }
        }
        return List.of();
    }

    @Override
    public Optional<Schema> outputSchema(StageConfig config, SchemaContext context) {
        List<String> columns = config.getStringList("columns");
        return SchemaChecks.perInput(context, new SchemaChecks.PerInput() {
            @Override
            public List<ConfigProblem> problems(String input, Schema schema) {
                return check(columns, input, schema);
            }

            @Override
            public Schema output(Schema schema) {
                return new Schema(columns.stream().map(c -> Columns.find(schema, c)).toList());
            }
        });
    }

    private static List<ConfigProblem> check(List<String> columns, String input, Schema schema) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (String column : columns) {
            if (Columns.find(schema, column) == null) {
                problems.add(Columns.missing("columns", column, input, schema));
            }
        }
        return problems;
    }

    @Override
    public TransformTask open(StageConfig config, StageContext context, List<String> inputs) throws StageException {
        ConfigValues.throwFirst(validate(config));
        List<String> columns = config.getStringList("columns");
        return (input, batch, out) -> select(columns, input, batch, out, context);
    }

    /**
     * Emits a batch of the chosen columns. The input belongs to the engine and may be shared, so
     * its buffers cannot be moved out ({@code TransferPair.transfer} would empty the input for
     * every other consumer). {@code splitAndTransfer} over all rows instead gives the new vectors
     * a reference to the same memory (fixed-width data and validity slices are retained, not
     * copied; only a variable-width column's offsets are rebuilt), and leaves the input intact.
     * A selection equal to the input's columns forwards the input itself.
     */
    private static void select(List<String> columns, String input, VectorSchemaRoot batch, Emitter out,
            StageContext context) throws StageException {
        SchemaChecks.throwFirst(check(columns, input, batch.getSchema()));
        List<FieldVector> chosen = new ArrayList<>(columns.size());
        for (String column : columns) {
            chosen.add(batch.getVector(column));
        }
        if (chosen.equals(batch.getFieldVectors())) {
            out.emit(batch);
            return;
        }
        int rows = batch.getRowCount();
        if (rows == 0) {
            out.emit(empty(chosen, context));
            return;
        }
        List<FieldVector> shared = new ArrayList<>(chosen.size());
        try {
            for (FieldVector vector : chosen) {
                TransferPair pair = vector.getTransferPair(context.allocator());
                pair.splitAndTransfer(0, rows);
                shared.add((FieldVector) pair.getTo());
            }
        } catch (RuntimeException e) {
            shared.forEach(FieldVector::close);
            throw e;
        }
        out.emit(new VectorSchemaRoot(shared));
    }

    /** A batch without rows with the chosen columns: the schema of an empty result. */
    private static VectorSchemaRoot empty(List<FieldVector> chosen, StageContext context) {
        VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(chosen.stream().map(FieldVector::getField)
                .toList()), context.allocator());
        root.setRowCount(0);
        return root;
    }
}
