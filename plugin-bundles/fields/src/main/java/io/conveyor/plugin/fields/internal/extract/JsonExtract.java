package io.conveyor.plugin.fields.internal.extract;

import java.util.List;
import java.util.Optional;

import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.osgi.service.component.annotations.Component;

import com.fasterxml.jackson.core.JsonFactory;

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
import io.conveyor.plugin.kit.column.ByteCells;
import io.conveyor.plugin.kit.column.TypeNames;
import io.conveyor.plugin.kit.column.WithColumn;
import io.conveyor.plugin.kit.config.ConfigValues;

/** {@code json.extract}: takes one value out of a column of JSON text. */
@Component(property = {Stage.FUNCTION + "=json.extract", Stage.ROLE + "=transform"})
public final class JsonExtract implements Transform {

    static final StageDescriptor DESCRIPTOR = StageDescriptor.builder("json.extract", StageRole.TRANSFORM)
            .description("Reads each cell of a utf8 column as JSON and writes the value found at a path to a new "
                    + "column (or replaces the column of that name). By default the value is text, as in the "
                    + "original tool: strings as they are, numbers and booleans as their text, objects and arrays as "
                    + "compact JSON; type = \"int64\", \"float64\" or \"bool\" keeps a typed value instead. A null "
                    + "cell, a missing key or index, a JSON null, a value of another type and text that is not one "
                    + "well-formed JSON value all give null. The cells are parsed as token streams: nothing off the "
                    + "path is built; of duplicate keys, the first counts.")
            .parameter(Parameter.builder("column", ParameterType.STRING).required()
                    .description("The utf8 column holding JSON text.").example("\"payload\"").build())
            .parameter(Parameter.builder("path", ParameterType.STRING).required()
                    .description("Object keys separated by dots, each optionally followed by array indices from 0: "
                            + "user.name, items[0].sku, matrix[1][0], [2].id (the cell is an array). A part made of "
                            + "digits is a key (a.0 reads the member \"0\"); keys containing '.', '[' or ']' cannot "
                            + "be named.")
                    .example("\"user.addresses[0].city\"").build())
            .parameter(Parameter.builder("output_column", ParameterType.STRING).required()
                    .description("The column to write; a column of that name is replaced in place.")
                    .example("\"city\"").build())
            .parameter(Parameter.builder("type", ParameterType.STRING).defaultValue("string")
                    .allowedValues(OutputType.NAMES)
                    .description("The output column's type. string (utf8): any value, as text. int64: integers "
                            + "that fit 64 bits; float64: any number; bool: true or false. A value of another kind "
                            + "is null, like a missing one.")
                    .example("\"int64\"").build())
            .example("Take the city of each user's first address", """
                    [[stages]]
                    id = "cities"
                    function = "json.extract"
                    inputs = ["events"]
                    [stages.config]
                    column = "payload"
                    path = "user.addresses[0].city"
                    output_column = "city"
                    """)
            .example("Take an amount as a number", """
                    [[stages]]
                    id = "amounts"
                    function = "json.extract"
                    inputs = ["events"]
                    [stages.config]
                    column = "payload"
                    path = "order.total"
                    output_column = "total"
                    type = "float64"
                    """)
            .build();

    private final JsonFactory factory = new JsonFactory();

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<ConfigProblem> validate(StageConfig config) {
        ConfigProblem path = null;
        try {
            JsonPath.parse(config.getString("path"));
        } catch (IllegalArgumentException e) {
            path = new ConfigProblem("path", "config key 'path' " + e.getMessage());
        }
        return ConfigValues.problems(ConfigValues.emptyProblem(config, "column"), path,
                ConfigValues.emptyProblem(config, "output_column"));
    }

    @Override
    public Optional<Schema> outputSchema(StageConfig config, SchemaContext context) {
        String column = config.getString("column");
        Field output = OutputType.parse(config.getString("type")).field(config.getString("output_column"));
        return InputColumns.common(context, input -> schema -> {
            String problem = columnProblem(schema, column, input);
            if (problem != null) {
                context.report(new ConfigProblem("column", "config key 'column' names '" + column + "', which "
                        + problem));
                return null;
            }
            return WithColumn.schema(schema, output);
        });
    }

    /** What is wrong with the JSON column in a schema, worded to follow its name, or null. */
    private static String columnProblem(Schema schema, String column, String input) {
        Field field = InputColumns.find(schema, column);
        if (field == null) {
            return InputColumns.notIn(input, schema);
        }
        if (!ByteCells.isText(field)) {
            return "is " + TypeNames.of(field) + " in input '" + input + "', but json.extract needs a utf8 column "
                    + "of JSON text";
        }
        return null;
    }

    @Override
    public TransformTask open(StageConfig config, StageContext context, List<String> inputs) throws StageException {
        ConfigValues.throwFirst(validate(config));
        String column = config.getString("column");
        String outputColumn = config.getString("output_column");
        OutputType type = OutputType.parse(config.getString("type"));
        PathExtractor extractor = new PathExtractor(factory, JsonPath.parse(config.getString("path")), type);
        return (input, batch, out) -> extract(batch, input, column, outputColumn, type, extractor, out, context);
    }

    private static void extract(VectorSchemaRoot batch, String input, String column, String outputColumn,
            OutputType type, PathExtractor extractor, Emitter out, StageContext context) throws StageException {
        String problem = columnProblem(batch.getSchema(), column, input);
        if (problem != null) {
            throw StageException.data("column '" + column + "' " + problem);
        }
        ByteCells cells = ByteCells.of(batch.getVector(column));
        int rows = batch.getRowCount();
        FieldVector values = type.newVector(outputColumn, rows, cells.totalBytes(rows) / 4, context.allocator());
        try {
            for (int row = 0; row < rows; row++) {
                if (cells.isNull(row)) {
                    values.setNull(row);
                } else {
                    int length = cells.read(row);
                    extractor.extract(cells.bytes(), length, values, row);
                }
            }
            values.setValueCount(rows);
        } catch (RuntimeException e) {
            values.close();
            throw e;
        }
        out.emit(WithColumn.batch(batch, values, context.allocator()));
    }
}
