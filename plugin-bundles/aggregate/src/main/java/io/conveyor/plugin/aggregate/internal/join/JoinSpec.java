package io.conveyor.plugin.aggregate.internal.join;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.api.stage.StageConfig;

/**
 * A join's config: which input is the left and which the right, the key columns of each side
 * (and the config keys that named them, for messages), the join type and the suffix.
 */
record JoinSpec(String left, String right, List<String> leftKeys, List<String> rightKeys, String leftKeysKey,
        String rightKeysKey, How how, String suffix) {

    /** The config problems that need no input: how the keys are given, and the suffix. */
    static List<ConfigProblem> problems(StageConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        boolean on = config.isSet("on");
        boolean leftOn = config.isSet("left_on");
        boolean rightOn = config.isSet("right_on");
        if (on && (leftOn || rightOn)) {
            problems.add(new ConfigProblem(leftOn ? "left_on" : "right_on", "config key '"
                    + (leftOn ? "left_on" : "right_on") + "' cannot be set with 'on': use 'on' when the key columns "
                    + "have the same names on both sides, or 'left_on' and 'right_on' when they differ"));
            return problems;
        }
        if (!on && !leftOn && !rightOn) {
            problems.add(new ConfigProblem("on", "config key 'on' is required: it names the key columns (or set "
                    + "'left_on' and 'right_on' when their names differ between the inputs)"));
            return problems;
        }
        if (!on && leftOn != rightOn) {
            String missing = leftOn ? "right_on" : "left_on";
            problems.add(new ConfigProblem(missing, "config key '" + missing + "' is required with '"
                    + (leftOn ? "left_on" : "right_on") + "': it names the " + (leftOn ? "right" : "left")
                    + " input's key columns"));
            return problems;
        }
        if (on) {
            checkKeys(config, "on", problems);
        } else {
            checkKeys(config, "left_on", problems);
            checkKeys(config, "right_on", problems);
            int leftCount = config.getStringList("left_on").size();
            int rightCount = config.getStringList("right_on").size();
            if (problems.isEmpty() && leftCount != rightCount) {
                problems.add(new ConfigProblem("right_on", "config key 'right_on' names " + rightCount + " column"
                        + (rightCount == 1 ? "" : "s") + " but 'left_on' names " + leftCount
                        + "; they pair up in order"));
            }
        }
        if (config.getString("suffix").isEmpty()) {
            problems.add(new ConfigProblem("suffix", "config key 'suffix' must not be empty: it tells apart the "
                    + "right input's columns whose names the left input has too"));
        }
        if (config.isSet("right") && config.getString("right").isEmpty()) {
            problems.add(new ConfigProblem("right", "config key 'right' must name one of the stage's inputs"));
        }
        return problems;
    }

    private static void checkKeys(StageConfig config, String key, List<ConfigProblem> problems) {
        List<String> keys = config.getStringList(key);
        if (keys.isEmpty()) {
            problems.add(new ConfigProblem(key, "config key '" + key + "' must name at least one column"));
        }
        Set<String> seen = new HashSet<>();
        for (String column : keys) {
            if (!seen.add(column)) {
                problems.add(new ConfigProblem(key, "config key '" + key + "' names '" + column + "' twice"));
            }
        }
    }

    /**
     * The problem with the inputs, or null: a join takes two, and 'right', when set, names one.
     */
    static String inputsProblem(StageConfig config, List<String> inputs) {
        if (inputs.size() != 2) {
            String listed = inputs.isEmpty() ? "none" : inputs.size() + " ('" + String.join("', '", inputs) + "')";
            return "join.apply takes exactly two inputs, the left then the right, got " + listed;
        }
        if (config.isSet("right") && !inputs.contains(config.getString("right"))) {
            return "config key 'right' names '" + config.getString("right") + "', which is not an input of this "
                    + "stage (inputs: '" + inputs.get(0) + "', '" + inputs.get(1) + "')";
        }
        return null;
    }

    /** The spec of a config without {@link #problems} and inputs without an {@link #inputsProblem}. */
    static JoinSpec of(StageConfig config, List<String> inputs) {
        String right = config.isSet("right") ? config.getString("right") : inputs.get(1);
        String left = inputs.get(0).equals(right) ? inputs.get(1) : inputs.get(0);
        boolean on = config.isSet("on");
        return new JoinSpec(left, right, config.getStringList(on ? "on" : "left_on"),
                config.getStringList(on ? "on" : "right_on"), on ? "on" : "left_on", on ? "on" : "right_on",
                How.parse(config.getString("how")), config.getString("suffix"));
    }
}
