package io.conveyor.plugin.reshape.internal.union;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.plugin.reshape.internal.common.Columns;
import io.conveyor.plugin.reshape.internal.convert.Conversions;
import io.conveyor.plugin.reshape.internal.convert.Kind;

/**
 * The output schema of a union: every column of every input, by name, in the order of first
 * appearance (inputs in listed order), each with the narrowest type that holds all its inputs'
 * values. Integers of different widths widen to int64; integers, floats and decimals mixed to
 * float64; dates in days and milliseconds to dates; dates and timestamps to timestamps in
 * microseconds (keeping a zone all of them share); any of these with strings to strings. Other
 * mixtures (bool with a number, a list with anything else) cannot be combined.
 */
final class UnionSchema {

    private UnionSchema() {
    }

    /** An input's name and the schema of its batches. */
    record Input(String name, Schema schema) {
    }

    /** The output schema, or {@code null} when there are problems. */
    record Result(Schema schema, List<ConfigProblem> problems) {
    }

    static Result merge(List<Input> inputs) {
        Map<String, Column> columns = new LinkedHashMap<>();
        List<ConfigProblem> problems = new ArrayList<>();
        for (Input input : inputs) {
            for (Field field : input.schema().getFields()) {
                Column column = columns.get(field.getName());
                if (column == null) {
                    columns.put(field.getName(), new Column(input.name(), field));
                } else if (!column.add(input.name(), field)) {
                    problems.add(new ConfigProblem(null, "union.apply cannot combine column '" + field.getName()
                            + "': input '" + column.firstInput + "' has it as " + Columns.typeName(column.first)
                            + " and input '" + input.name() + "' as " + Columns.typeName(field) + "; integers "
                            + "widen to floats, dates to timestamps and anything to strings, but not these two: cast "
                            + "one of them first with cast.apply"));
                    column.broken = true;
                }
            }
        }
        if (!problems.isEmpty()) {
            return new Result(null, problems);
        }
        int inputCount = inputs.size();
        List<Field> fields = columns.values().stream().map(c -> c.field(inputCount)).toList();
        return new Result(new Schema(fields), List.of());
    }

    /** A column as seen so far across inputs. */
    private static final class Column {
        final String firstInput;
        final Field first;
        ArrowType type;
        boolean sameEverywhere = true;
        boolean broken;
        int inputs = 1;

        Column(String input, Field field) {
            this.firstInput = input;
            this.first = field;
            this.type = field.getType();
        }

        boolean add(String input, Field field) {
            if (broken) {
                return true;
            }
            inputs++;
            sameEverywhere &= first.equals(field);
            ArrowType widened = widen(type, field.getType());
            if (widened == null) {
                return false;
            }
            type = widened;
            return true;
        }

        /** The input's own field when every input has it the same, else a nullable one of the widened type. */
        Field field(int inputCount) {
            if (sameEverywhere && inputs == inputCount) {
                return first;
            }
            return new Field(first.getName(), FieldType.nullable(type),
                    type.equals(first.getType()) ? first.getChildren() : null);
        }
    }

    /** The narrowest type holding values of both, or {@code null}. */
    static ArrowType widen(ArrowType a, ArrowType b) {
        if (a.equals(b)) {
            return a;
        }
        Kind ka = Kind.of(a);
        Kind kb = Kind.of(b);
        if (ka == Kind.NULL) {
            return b;
        }
        if (kb == Kind.NULL) {
            return a;
        }
        if (ka == Kind.INTEGER && kb == Kind.INTEGER) {
            return Conversions.INTEGER;
        }
        if (isNumber(ka) && isNumber(kb)) {
            return Conversions.FLOAT;
        }
        if (ka == Kind.DATE && kb == Kind.DATE) {
            return Conversions.DATE;
        }
        if (isTemporal(ka) && isTemporal(kb)) {
            return Conversions.timestamp(commonZone(a, b));
        }
        if ((ka == Kind.TEXT && kb != Kind.OTHER) || (kb == Kind.TEXT && ka != Kind.OTHER)) {
            return Conversions.TEXT;
        }
        return null;
    }

    private static boolean isNumber(Kind kind) {
        return kind == Kind.INTEGER || kind == Kind.FLOAT || kind == Kind.DECIMAL;
    }

    private static boolean isTemporal(Kind kind) {
        return kind == Kind.DATE || kind == Kind.TIMESTAMP;
    }

    /** The zone both timestamps have (a date has none to disagree with), or {@code null}. */
    private static String commonZone(ArrowType a, ArrowType b) {
        String za = a instanceof ArrowType.Timestamp t ? t.getTimezone() : null;
        String zb = b instanceof ArrowType.Timestamp t ? t.getTimezone() : null;
        if (!(a instanceof ArrowType.Timestamp)) {
            return zb;
        }
        if (!(b instanceof ArrowType.Timestamp)) {
            return za;
        }
        return Objects.equals(za, zb) ? za : null;
    }
}
