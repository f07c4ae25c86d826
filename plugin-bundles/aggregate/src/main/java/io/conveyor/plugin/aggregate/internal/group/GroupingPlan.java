package io.conveyor.plugin.aggregate.internal.group;

import java.util.ArrayList;
import java.util.List;

import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

import io.conveyor.plugin.aggregate.internal.column.Columns;
import io.conveyor.plugin.aggregate.internal.column.Problems;
import io.conveyor.plugin.aggregate.internal.column.ValueKind;
import io.conveyor.plugin.aggregate.internal.hash.KeyIndex;

/**
 * A group-by's config applied to an input schema: the key and value fields it reads and the
 * schema it writes (the keys, then one column per aggregate). Built at validation from a known
 * input schema and at run time from the first batch's, with the same checks.
 */
final class GroupingPlan {

    final List<String> keys;
    final List<AggregationSpec> specs;
    final List<Field> keyFields = new ArrayList<>();
    /** The input field of each aggregate, {@code null} for a count of rows. */
    final List<Field> valueFields = new ArrayList<>();
    final Schema output;

    private GroupingPlan(List<String> keys, List<AggregationSpec> specs, Schema output) {
        this.keys = keys;
        this.specs = specs;
        this.output = output;
    }

    /** The plan, or {@code null} after adding every problem found. */
    static GroupingPlan resolve(Schema input, String inputName, String keysKey, List<String> keys,
            List<AggregationSpec> specs, Problems problems) {
        List<Field> outputFields = new ArrayList<>();
        List<Field> keyFields = new ArrayList<>();
        List<Field> valueFields = new ArrayList<>();
        boolean ok = true;
        for (String key : keys) {
            Field field = Columns.find(input, key, inputName, keysKey, keysKey, problems);
            if (field == null) {
                ok = false;
            } else if (!KeyIndex.supports(field.getType())) {
                problems.add(keysKey, "config key '" + keysKey + "' names column '" + key + "' of type "
                        + Columns.typeName(field) + ", which cannot be a group key; keys are numbers, bools, "
                        + "text, binary, decimals, dates, times, timestamps or durations");
                ok = false;
            } else {
                keyFields.add(field);
                outputFields.add(nullable(field, field.getName()));
            }
        }
        for (AggregationSpec spec : specs) {
            Field field = spec.countsRows() ? null
                    : Columns.find(input, spec.column(), inputName, spec.key(), spec.columnPath(), problems);
            if (!spec.countsRows() && field == null) {
                ok = false;
                continue;
            }
            if (field != null && !spec.operation().accepts(ValueKind.of(field.getType()))) {
                problems.add(spec.key(), "config key '" + spec.columnPath() + "' names column '" + spec.column()
                        + "' of type " + Columns.typeName(field) + ", but " + spec.operationName() + " needs "
                        + spec.operation().requirement());
                ok = false;
                continue;
            }
            valueFields.add(field);
            outputFields.add(resultField(spec, field));
        }
        if (!ok) {
            return null;
        }
        GroupingPlan plan = new GroupingPlan(keys, specs, new Schema(outputFields));
        plan.keyFields.addAll(keyFields);
        plan.valueFields.addAll(valueFields);
        return plan;
    }

    private static Field resultField(AggregationSpec spec, Field input) {
        if (spec.countsRows()) {
            return new Field(spec.output(), FieldType.nullable(Operation.INT64), null);
        }
        Operation operation = spec.operation();
        boolean keepsType = operation == Operation.MIN || operation == Operation.MAX || operation == Operation.FIRST
                || operation == Operation.LAST;
        return new Field(spec.output(), FieldType.nullable(operation.resultType(input)),
                keepsType ? input.getChildren() : null);
    }

    private static Field nullable(Field field, String name) {
        return new Field(name, FieldType.nullable(field.getType()), field.getChildren());
    }
}
