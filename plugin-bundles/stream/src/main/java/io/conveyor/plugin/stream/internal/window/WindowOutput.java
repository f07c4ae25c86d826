package io.conveyor.plugin.stream.internal.window;

import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.plugin.kit.column.TypeNames;
import io.conveyor.plugin.stream.internal.rows.WindowColumns;

/** What window.apply needs from an input schema (its time column) and the columns it adds. */
final class WindowOutput {

    private static final Field ID = new Field(WindowColumns.ID, FieldType.nullable(new ArrowType.Int(64, true)), null);

    private final WindowSpec spec;
    private final Clock clock;

    WindowOutput(WindowSpec spec, Clock clock) {
        this.spec = spec;
        this.clock = clock;
    }

    WindowSpec spec() {
        return spec;
    }

    /**
     * The axis rows of this schema are placed on, or {@code null} after adding to {@code problems}
     * why there is none: the time column is missing or of a type that holds no time, or the input
     * already has a window column.
     */
    TimeAxis axisFor(Schema input, String inputName, List<ConfigProblem> problems) {
        for (String name : WindowColumns.ALL) {
            if (field(input, name) != null) {
                problems.add(new ConfigProblem(null, "input '" + inputName + "' already has a column '" + name
                        + "', and window.apply adds window_id, window_start and window_end"));
                return null;
            }
        }
        if (spec.byRows()) {
            return new TimeAxis.RowAxis();
        }
        if (spec.timeColumn() == null) {
            return new TimeAxis.ArrivalAxis(clock);
        }
        Field time = field(input, spec.timeColumn());
        if (time == null) {
            problems.add(new ConfigProblem("time_column", "config key 'time_column' names column '"
                    + spec.timeColumn() + "', which input '" + inputName + "' does not have (columns: "
                    + input.getFields().stream().map(Field::getName).collect(Collectors.joining(", ")) + ")"));
            return null;
        }
        TimeAxis axis = TimeAxis.forColumn(time.getType(), spec.wholeDurations());
        if (axis == null) {
            problems.add(new ConfigProblem("time_column", "config key 'time_column' names column '"
                    + spec.timeColumn() + "' of type " + TypeNames.of(time) + ", but time windows need a number, "
                    + "a timestamp or ISO-8601 text"));
        }
        return axis;
    }

    /** window_id, window_start and window_end for windows on this axis. */
    List<Field> windowFields(TimeAxis axis) {
        return List.of(ID, axis.boundField(WindowColumns.START), axis.boundField(WindowColumns.END));
    }

    private static Field field(Schema schema, String name) {
        return schema.getFields().stream().filter(f -> f.getName().equals(name)).findFirst().orElse(null);
    }
}
