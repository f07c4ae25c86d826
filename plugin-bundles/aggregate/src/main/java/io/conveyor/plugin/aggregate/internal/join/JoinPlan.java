package io.conveyor.plugin.aggregate.internal.join;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

import io.conveyor.plugin.aggregate.internal.column.Columns;
import io.conveyor.plugin.aggregate.internal.column.Problems;
import io.conveyor.plugin.aggregate.internal.hash.KeyIndex;

/**
 * A join's config applied to its two input schemas: the key fields of each side and the output
 * schema, which is every left column, then the right input's columns that are not keys (renamed
 * with the suffix when the left input has the name too). Semi and anti joins output the left
 * columns only, as they are; the other joins make every column nullable.
 */
final class JoinPlan {

    final List<Field> leftKeys;
    final List<Field> rightKeys;
    /** The right input's non-key columns in output order, with their output fields. */
    final List<Field> rightColumns;
    final List<Field> rightOutputs;
    final Schema output;

    private JoinPlan(List<Field> leftKeys, List<Field> rightKeys, List<Field> rightColumns, List<Field> rightOutputs,
            Schema output) {
        this.leftKeys = leftKeys;
        this.rightKeys = rightKeys;
        this.rightColumns = rightColumns;
        this.rightOutputs = rightOutputs;
        this.output = output;
    }

    /** One side's key fields, or null after adding problems. */
    static List<Field> keys(Schema schema, String input, List<String> names, String key, Problems problems) {
        List<Field> fields = new ArrayList<>();
        boolean ok = true;
        for (String name : names) {
            Field field = Columns.find(schema, name, input, key, key, problems);
            if (field == null) {
                ok = false;
            } else if (!KeyIndex.supports(field.getType())) {
                problems.add(key, "config key '" + key + "' names column '" + name + "' of input '" + input
                        + "', of type " + Columns.typeName(field) + ", which cannot be a join key; keys are "
                        + "numbers, bools, text, binary, decimals, dates, times, timestamps or durations");
                ok = false;
            } else {
                fields.add(field);
            }
        }
        return ok ? fields : null;
    }

    /** The plan for two known schemas, or null after adding every problem. */
    static JoinPlan resolve(JoinSpec spec, Schema left, Schema right, Problems problems) {
        List<Field> leftKeys = keys(left, spec.left(), spec.leftKeys(), spec.leftKeysKey(), problems);
        List<Field> rightKeys = keys(right, spec.right(), spec.rightKeys(), spec.rightKeysKey(), problems);
        if (leftKeys == null || rightKeys == null) {
            return null;
        }
        for (int i = 0; i < leftKeys.size(); i++) {
            Field l = leftKeys.get(i);
            Field r = rightKeys.get(i);
            if (!l.getType().equals(r.getType())) {
                String key = spec.leftKeysKey().equals(spec.rightKeysKey()) ? spec.leftKeysKey() : spec.rightKeysKey();
                problems.add(key, "config key '" + key + "' pairs column '" + l.getName() + "' of input '"
                        + spec.left() + "', of type " + Columns.typeName(l) + ", with column '" + r.getName()
                        + "' of input '" + spec.right() + "', of type " + Columns.typeName(r)
                        + "; join keys must have the same type (cast one of them)");
            }
        }
        if (!problems.isEmpty()) {
            return null;
        }
        if (!spec.how().hasRightColumns()) {
            return new JoinPlan(leftKeys, rightKeys, List.of(), List.of(), left);
        }
        List<Field> outputs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Field field : left.getFields()) {
            outputs.add(nullable(field, field.getName()));
            names.add(field.getName());
        }
        Set<String> rightKeyNames = new HashSet<>(spec.rightKeys());
        List<Field> rightColumns = new ArrayList<>();
        List<Field> rightOutputs = new ArrayList<>();
        for (Field field : right.getFields()) {
            if (rightKeyNames.contains(field.getName())) {
                continue;
            }
            String name = field.getName();
            if (names.contains(name)) {
                name = name + spec.suffix();
                String renamed = name;
                if (names.contains(name) || right.getFields().stream().anyMatch(f -> f.getName().equals(renamed)
                        && !rightKeyNames.contains(renamed))) {
                    problems.add("suffix", "config key 'suffix' renames column '" + field.getName() + "' of input '"
                            + spec.right() + "' to '" + name + "', which is taken already; choose another suffix");
                    continue;
                }
            }
            names.add(name);
            Field output = nullable(field, name);
            rightColumns.add(field);
            rightOutputs.add(output);
            outputs.add(output);
        }
        if (!problems.isEmpty()) {
            return null;
        }
        return new JoinPlan(leftKeys, rightKeys, rightColumns, rightOutputs, new Schema(outputs));
    }

    private static Field nullable(Field field, String name) {
        return new Field(name, FieldType.nullable(field.getType()), field.getChildren());
    }
}
