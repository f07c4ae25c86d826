package io.conveyor.plugin.stream.internal.window;

import java.util.ArrayList;
import java.util.List;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.api.stage.StageConfig;
import io.conveyor.plugin.kit.column.NumberText;

/**
 * window.apply's settings, read from the stage config. Without {@code time_column}, tumbling and
 * sliding windows count rows and session gaps are seconds of arrival time; with it, every
 * duration is measured on that column.
 */
record WindowSpec(String type, double size, double slide, double gap, String timeColumn) {

    static final String TUMBLING = "tumbling";
    static final String SLIDING = "sliding";
    static final String SESSION = "session";

    static WindowSpec of(StageConfig config) {
        String type = config.getString("type");
        double size = config.isSet("size") ? config.getDouble("size") : 0;
        double slide = SLIDING.equals(type) && config.isSet("slide") ? config.getDouble("slide") : size;
        double gap = config.isSet("gap") ? config.getDouble("gap") : 0;
        return new WindowSpec(type, size, slide, gap, config.getString("time_column"));
    }

    /** Every problem with the settings: missing or non-positive durations, fractional row counts. */
    static List<ConfigProblem> problems(StageConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        String type = config.getString("type");
        boolean byRows = config.getString("time_column") == null;
        if (SESSION.equals(type)) {
            checkDuration(config, "gap", type, false, problems);
        } else {
            checkDuration(config, "size", type, byRows, problems);
            if (SLIDING.equals(type)) {
                checkDuration(config, "slide", type, byRows, problems);
            }
        }
        if (config.isSet("time_column") && config.getString("time_column").isEmpty()) {
            problems.add(new ConfigProblem("time_column", "config key 'time_column' must not be empty"));
        }
        return problems;
    }

    private static void checkDuration(StageConfig config, String key, String type, boolean rows,
            List<ConfigProblem> problems) {
        if (!config.isSet(key)) {
            problems.add(new ConfigProblem(key, "config key '" + key + "' is required for a " + type + " window"));
            return;
        }
        double value = config.getDouble(key);
        if (!(value > 0) || Double.isInfinite(value)) {
            problems.add(new ConfigProblem(key, "config key '" + key + "' must be more than 0, got "
                    + NumberText.format(value)));
        } else if (rows && value != Math.rint(value)) {
            problems.add(new ConfigProblem(key, "config key '" + key + "' counts rows when time_column is not set, "
                    + "so it must be a whole number, got " + NumberText.format(value)));
        }
    }

    boolean session() {
        return SESSION.equals(type);
    }

    /** Whether windows count rows: tumbling or sliding without a time column. */
    boolean byRows() {
        return timeColumn == null && !session();
    }

    /** Whether every duration that applies is a whole number, so integer time columns keep integer bounds. */
    boolean wholeDurations() {
        return session() ? gap == Math.rint(gap) : size == Math.rint(size) && slide == Math.rint(slide);
    }

    /** The windows on an axis whose unit is {@code unitsPerSecond} of a configured duration. */
    Windows windows(TimeAxis axis) {
        double scale = axis.unitsPerSecond();
        if (session()) {
            return new SessionWindows(gap * scale);
        }
        return new GridWindows(size * scale, slide * scale, byRows());
    }
}
