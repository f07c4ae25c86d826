package io.conveyor.plugin.reshape.internal.cast;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.plugin.reshape.internal.common.Columns;
import io.conveyor.plugin.reshape.internal.convert.Conversion;
import io.conveyor.plugin.reshape.internal.convert.Conversions;

/**
 * What a cast does to the columns of one input schema: for each column, the field it becomes and
 * the conversion that makes it, or none when the column passes as it is (not named, or already
 * of the type).
 */
final class CastPlan {

    private final Schema output;
    private final Conversion[] conversions;
    private final List<ConfigProblem> problems;

    private CastPlan(Schema output, Conversion[] conversions, List<ConfigProblem> problems) {
        this.output = output;
        this.conversions = conversions;
        this.problems = problems;
    }

    static CastPlan of(Map<String, CastType> casts, String input, Schema schema) {
        List<ConfigProblem> problems = new ArrayList<>();
        casts.keySet().stream().filter(column -> Columns.find(schema, column) == null)
                .forEach(column -> problems.add(Columns.missing("columns", column, input, schema)));
        List<Field> fields = new ArrayList<>();
        Conversion[] conversions = new Conversion[schema.getFields().size()];
        for (int c = 0; c < conversions.length; c++) {
            Field field = schema.getFields().get(c);
            CastType cast = casts.get(field.getName());
            ArrowType target = cast == null ? field.getType() : cast.target(field);
            if (!target.equals(field.getType())) {
                conversions[c] = Conversions.find(field.getType(), target);
                if (conversions[c] == null) {
                    problems.add(new ConfigProblem("columns", "config key 'columns' casts column '" + field.getName()
                            + "' from " + Columns.typeName(field) + " to " + cast.displayName() + ", which is not "
                            + "supported; casts to " + cast.displayName() + " take " + cast.sources()));
                }
            }
            fields.add(target.equals(field.getType()) ? field
                    : new Field(field.getName(), new FieldType(true, target, null, field.getMetadata()), null));
        }
        return new CastPlan(new Schema(fields), conversions, List.copyOf(problems));
    }

    Schema output() {
        return output;
    }

    List<ConfigProblem> problems() {
        return problems;
    }

    /** The conversion of column {@code index}, or {@code null} when it passes as it is. */
    Conversion conversion(int index) {
        return conversions[index];
    }

    boolean convertsNothing() {
        for (Conversion conversion : conversions) {
            if (conversion != null) {
                return false;
            }
        }
        return true;
    }
}
