package io.conveyor.plugin.fields.internal;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

import io.conveyor.api.stage.SchemaContext;

/** Looking up the columns a config names in an input's schema, for messages at validation and run time. */
public final class InputColumns {

    private InputColumns() {
    }

    /** The field called {@code name}, or null. */
    public static Field find(Schema schema, String name) {
        for (Field field : schema.getFields()) {
            if (field.getName().equals(name)) {
                return field;
            }
        }
        return null;
    }

    /** The column names, for messages: {@code id, name, price}. */
    public static String names(Schema schema) {
        return schema.getFields().stream().map(Field::getName).collect(Collectors.joining(", "));
    }

    /** {@code is not in input 'in' (columns: a, b)}: follows a column's name. */
    public static String notIn(String input, Schema schema) {
        return "is not in input '" + input + "' (columns: " + names(schema) + ")";
    }

    /**
     * The output schema of a transform whose every input gives the same output: {@code derive}
     * maps a known input schema to its output schema, reporting problems itself and returning
     * null when there are some. Empty unless every input is known, fine and alike.
     */
    public static Optional<Schema> common(SchemaContext context, Function<String, Function<Schema, Schema>> derive) {
        List<String> inputs = context.inputs();
        Schema result = null;
        boolean known = !inputs.isEmpty();
        for (String input : inputs) {
            Optional<Schema> schema = context.input(input);
            Schema derived = schema.map(derive.apply(input)).orElse(null);
            known &= derived != null && (result == null || result.equals(derived));
            result = derived == null ? result : derived;
        }
        return known ? Optional.of(result) : Optional.empty();
    }
}
