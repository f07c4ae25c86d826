package io.conveyor.plugin.crypto.internal;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.api.stage.SchemaContext;
import io.conveyor.api.stage.StageConfig;
import io.conveyor.api.stage.StageException;
import io.conveyor.api.stage.Transform;
import io.conveyor.plugin.kit.column.ByteCells;
import io.conveyor.plugin.kit.column.TypeNames;
import io.conveyor.plugin.kit.column.WithColumn;

/**
 * What encrypt.apply and decrypt.apply share: their config checks, and the output schema (the
 * input's columns with a utf8 output column added or replaced), told at validation time and
 * checked again on every batch.
 */
abstract class CipherStage implements Transform {

    /** What follows the column name in the default output column: {@code _encrypted}, {@code _decrypted}. */
    abstract String suffix();

    @Override
    public List<ConfigProblem> validate(StageConfig config) {
        return CipherConfig.problems(config);
    }

    @Override
    public Optional<Schema> outputSchema(StageConfig config, SchemaContext context) {
        String column = config.getString("column");
        Field output = textField(CipherConfig.outputColumn(config, suffix()));
        Schema result = null;
        boolean known = !context.inputs().isEmpty();
        for (String input : context.inputs()) {
            Optional<Schema> schema = context.input(input);
            if (schema.isEmpty()) {
                known = false;
                continue;
            }
            String problem = columnProblem(schema.get(), column, input);
            if (problem != null) {
                context.report(new ConfigProblem("column", "config key 'column' names '" + column + "', which "
                        + problem));
                known = false;
                continue;
            }
            Schema derived = WithColumn.schema(schema.get(), output);
            known &= result == null || result.equals(derived);
            result = derived;
        }
        return known ? Optional.of(result) : Optional.empty();
    }

    /** The column as a text vector, or a DATA error saying why it is not one. */
    final FieldVector textColumn(VectorSchemaRoot batch, String column, String input) throws StageException {
        String problem = columnProblem(batch.getSchema(), column, input);
        if (problem != null) {
            throw StageException.data("column '" + column + "' " + problem);
        }
        return batch.getVector(column);
    }

    /** What is wrong with the column in the schema, worded to follow the column's name, or null. */
    private String columnProblem(Schema schema, String column, String input) {
        Field field = schema.getFields().stream().filter(f -> f.getName().equals(column)).findFirst().orElse(null);
        if (field == null) {
            return "is not in input '" + input + "' (columns: "
                    + schema.getFields().stream().map(Field::getName).collect(Collectors.joining(", ")) + ")";
        }
        if (!ByteCells.isText(field)) {
            return "is " + TypeNames.of(field) + " in input '" + input + "', but " + descriptor().function()
                    + " needs a utf8 column";
        }
        return null;
    }

    static Field textField(String name) {
        return new Field(name, FieldType.nullable(ArrowType.Utf8.INSTANCE), null);
    }
}
