package io.conveyor.engine.internal.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.api.stage.Parameter;
import io.conveyor.api.stage.ParameterType;
import io.conveyor.api.stage.Stage;
import io.conveyor.api.stage.StageConfig;
import io.conveyor.api.stage.StageDescriptor;
import io.conveyor.api.stage.StageRole;
import io.conveyor.engine.internal.model.Location;
import io.conveyor.engine.internal.model.PipelineScope;
import io.conveyor.engine.internal.model.Problem;
import io.conveyor.engine.internal.model.StageSpec;

class ConfigCheckerTest {

    private static final StageDescriptor RANGE = StageDescriptor.builder("range.read", StageRole.SOURCE)
            .parameter(Parameter.builder("to", ParameterType.INTEGER).required().build())
            .build();

    private final ConfigChecker checker = new ConfigChecker(
            PipelineScope.topLevel(Path.of("/work/dir"), Map.of(), "p.toml", null));

    private static StageSpec spec() {
        Location location = new Location("p.toml", 4, 1);
        return new StageSpec("nums", "range.read", List.of(), Map.of("to", 3L), location,
                Map.of("to", new Location("p.toml", 7, 1)), List.of(), new Location("p.toml", 6, 12));
    }

    /** A stage whose validate() does what {@code validation} says. */
    private static Stage validating(Function<StageConfig, List<ConfigProblem>> validation) {
        return new Stage() {
            @Override
            public StageDescriptor descriptor() {
                return RANGE;
            }

            @Override
            public List<ConfigProblem> validate(StageConfig config) {
                return validation.apply(config);
            }
        };
    }

    /** Whether the config passed, then every problem found. */
    private String check(Stage stage) {
        List<Problem> problems = new ArrayList<>();
        boolean checked = checker.check(spec(), RANGE, Optional.of(stage), problems).isPresent();
        return checked + " " + String.join("\n", problems.stream().map(Problem::toString).toList());
    }

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }

    @Test
    void errorThrownByValidateIsAPluginProblemNamingStageAndFunction() {
        Stage overflowing = validating(config -> List.of(new ConfigProblem(null, "depth " + recurse(0))));
        assertEquals("false p.toml:4:1: error[PLUGIN]: stage 'nums': function 'range.read' failed while checking "
                + "its config: java.lang.StackOverflowError", check(overflowing));
    }

    @Test
    void missingClassInValidateIsAPluginProblem() {
        Stage broken = validating(config -> {
            throw new NoClassDefFoundError("io/x/Helper");
        });
        assertEquals("false p.toml:4:1: error[PLUGIN]: stage 'nums': function 'range.read' failed while checking "
                + "its config: java.lang.NoClassDefFoundError: io/x/Helper", check(broken));
    }

    @Test
    void nullFromValidateMeansNoProblem() {
        assertEquals("true ", check(validating(config -> null)));
    }

    @Test
    void nullEntriesInValidateResultAreSkipped() {
        Stage sloppy = validating(config -> Arrays.asList(null,
                new ConfigProblem("to", "config key 'to' must be even")));
        assertEquals("false p.toml:7:1: error[CONFIG]: stage 'nums': config key 'to' must be even",
                check(sloppy));
    }

    @Test
    void keyedProblemFromValidateIsPrefixedWithTheStageOnly() {
        Stage strict = validating(config -> List.of(new ConfigProblem("to", "config key 'to' must be an array for "
                + "operator 'in', got integer 3")));
        assertEquals("false p.toml:7:1: error[CONFIG]: stage 'nums': config key 'to' must be an array for operator "
                + "'in', got integer 3", check(strict));
    }

    @Test
    void stageWideProblemFromValidateIsLocatedAtTheStage() {
        Stage strict = validating(config -> List.of(new ConfigProblem(null, "no column survives the selection")));
        assertEquals("false p.toml:4:1: error[CONFIG]: stage 'nums': no column survives the selection",
                check(strict));
    }

    private static final StageDescriptor TEXTUAL = StageDescriptor.builder("echo", StageRole.TRANSFORM)
            .parameter(Parameter.builder("flag", ParameterType.BOOLEAN).acceptsText().build())
            .parameter(Parameter.builder("count", ParameterType.INTEGER).acceptsText().allowedValues(1, 2, 3).build())
            .parameter(Parameter.builder("ratio", ParameterType.FLOAT).acceptsText().build())
            .parameter(Parameter.builder("strict", ParameterType.BOOLEAN).build())
            .build();

    /** The config the stage would see for {@code config}, or the problems found. */
    private String checkTextual(Map<String, Object> config) {
        Location location = new Location("p.toml", 4, 1);
        Map<String, Location> keys = new java.util.HashMap<>();
        config.keySet().forEach(key -> keys.put(key, new Location("p.toml", 5 + keys.size(), 1)));
        StageSpec spec = new StageSpec("e", "echo", List.of("in"), config, location, keys, List.of(), location);
        List<Problem> problems = new ArrayList<>();
        Optional<StageConfig> checked = checker.check(spec, TEXTUAL, Optional.empty(), problems);
        if (checked.isEmpty()) {
            return String.join("\n", problems.stream().map(Problem::toString).toList());
        }
        StageConfig c = checked.get();
        return c.getBoolean("flag") + " " + c.getLong("count") + " " + c.getDouble("ratio");
    }

    @Test
    void aParameterThatAcceptsTextTakesItsValueWrittenAsTextAndTheStageSeesTheType() {
        assertEquals("true 2 1.5", checkTextual(Map.of("flag", "true", "count", "2", "ratio", "1.5")));
        assertEquals("false 3 -20.0", checkTextual(Map.of("flag", "false", "count", " 3 ", "ratio", "-2e1")));
        assertEquals("true 1 4.0", checkTextual(Map.of("flag", true, "count", 1L, "ratio", 4L)));
    }

    @Test
    void textThatHoldsNoValueOfTheTypeIsRefusedNamingTheTextItWouldTake() {
        assertEquals("p.toml:5:1: error[CONFIG]: stage 'e': config key 'flag' must be a boolean (or the text \"true\""
                + " or \"false\"), got string \"yes\"", checkTextual(Map.of("flag", "yes")));
        assertEquals("p.toml:5:1: error[CONFIG]: stage 'e': config key 'count' must be an integer (or text holding"
                + " one, such as \"42\"), got string \"2.5\"", checkTextual(Map.of("count", "2.5")));
        assertEquals("p.toml:5:1: error[CONFIG]: stage 'e': config key 'ratio' must be a float (or text holding"
                + " one, such as \"1.5\"), got string \"NaN\"", checkTextual(Map.of("ratio", "NaN")));
    }

    @Test
    void aConvertedValueMustStillBeAnAllowedOne() {
        assertEquals("p.toml:5:1: error[CONFIG]: stage 'e': config key 'count' must be one of 1, 2, 3, got 7",
                checkTextual(Map.of("count", "7")));
    }

    @Test
    void aParameterThatDoesNotAcceptTextRefusesIt() {
        assertEquals("p.toml:5:1: error[CONFIG]: stage 'e': config key 'strict' must be a boolean, got string"
                + " \"true\"", checkTextual(Map.of("strict", "true")));
    }

    @Test
    void onlyScalarParametersMayAcceptText() {
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> Parameter.builder("names", ParameterType.STRING_LIST).acceptsText().build());
        assertEquals("parameter 'names' is a string or array of strings: only a boolean, integer or float parameter"
                + " accepts its value as text", e.getMessage());
    }
}
