package io.conveyor.engine.internal.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.api.stage.ErrorCode;
import io.conveyor.api.stage.Parameter;
import io.conveyor.api.stage.ParameterType;
import io.conveyor.api.stage.Stage;
import io.conveyor.api.stage.StageConfig;
import io.conveyor.api.stage.StageDescriptor;
import io.conveyor.engine.internal.config.CheckedStageConfig;
import io.conveyor.engine.internal.config.Suggestions;
import io.conveyor.engine.internal.config.ValueText;
import io.conveyor.engine.internal.model.PipelineScope;
import io.conveyor.engine.internal.model.Problem;
import io.conveyor.engine.internal.model.StageSpec;

/**
 * Checks one stage's {@code [stages.config]} against its declared parameters (known keys,
 * required keys, types, allowed values), then runs the stage's own cross-key validation.
 */
final class ConfigChecker {

    private final PipelineScope scope;

    ConfigChecker(PipelineScope scope) {
        this.scope = scope;
    }

    /** The checked config, or empty after adding at least one problem. */
    Optional<StageConfig> check(StageSpec spec, StageDescriptor descriptor, Optional<Stage> stage,
            List<Problem> problems) {
        List<Problem> found = new ArrayList<>();
        String subject = "stage '" + spec.id() + "': ";
        List<String> declared = descriptor.parameters().stream().map(Parameter::name).toList();
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : spec.config().entrySet()) {
            String key = entry.getKey();
            Optional<Parameter> parameter = descriptor.parameter(key);
            Object value = parameter.map(p -> TextValues.typed(p, entry.getValue())).orElse(entry.getValue());
            values.put(key, value);
            String message = parameter.isEmpty()
                    ? "unknown config key '" + key + "' for " + descriptor.function()
                            + Suggestions.didYouMean(key, declared)
                    : valueProblem(parameter.get(), value);
            if (message != null) {
                found.add(problem(spec, key, subject + message));
            }
        }
        for (Parameter parameter : descriptor.parameters()) {
            if (parameter.required() && !spec.config().containsKey(parameter.name())) {
                found.add(new Problem(ErrorCode.CONFIG, subject + "config key '" + parameter.name()
                        + "' is required for " + descriptor.function(), spec.location(), spec.id(),
                        parameter.name()));
            }
        }
        if (!found.isEmpty()) {
            problems.addAll(found);
            return Optional.empty();
        }
        StageConfig config = new CheckedStageConfig(values, descriptor, scope);
        if (stage.isPresent()) {
            found.addAll(stageValidation(spec, descriptor, stage.get(), config));
        }
        problems.addAll(found);
        return found.isEmpty() ? Optional.of(config) : Optional.empty();
    }

    /** The stage's own findings, each prefixed with {@code stage '<id>': } and located at its key. */
    private static List<Problem> stageValidation(StageSpec spec, StageDescriptor descriptor, Stage stage,
            StageConfig config) {
        String subject = "stage '" + spec.id() + "': ";
        List<ConfigProblem> reported;
        try {
            reported = stage.validate(config);
        } catch (Throwable e) {
            // Plugin code: whatever it throws (StackOverflowError, NoClassDefFoundError) is the
            // plugin's failure to report, never the caller's (a shell, SCR) to handle.
            return List.of(new Problem(ErrorCode.PLUGIN, subject + "function '" + descriptor.function()
                    + "' failed while checking its config: " + e, spec.location(), spec.id(), null));
        }
        if (reported == null) {
            return List.of();
        }
        List<Problem> problems = new ArrayList<>();
        for (ConfigProblem p : reported) {
            if (p == null) {
                continue;
            }
            // The message names its key itself (see ConfigProblem): only the stage is added.
            problems.add(problem(spec, p.key(), subject + p.message()));
        }
        return problems;
    }

    static Problem problem(StageSpec spec, String key, String message) {
        return new Problem(ErrorCode.CONFIG, message, key == null ? spec.location() : spec.locationOf(key),
                spec.id(), key);
    }

    /** What is wrong with {@code value} for this parameter, or {@code null}. */
    private static String valueProblem(Parameter parameter, Object value) {
        String prefix = "config key '" + parameter.name() + "' must be ";
        if (!hasType(parameter.type(), value)) {
            return prefix + article(parameter.type()) + TextValues.orText(parameter) + ", got "
                    + ValueText.describe(value);
        }
        if (parameter.allowedValues().isEmpty()) {
            return null;
        }
        List<?> elements = value instanceof List<?> list ? list : List.of(value);
        for (Object element : elements) {
            if (parameter.allowedValues().stream().noneMatch(allowed -> sameValue(allowed, element))) {
                return prefix + "one of " + ValueText.renderAll(parameter.allowedValues()) + ", got "
                        + ValueText.render(element);
            }
        }
        return null;
    }

    private static boolean hasType(ParameterType type, Object value) {
        return switch (type) {
            case STRING -> value instanceof String;
            case INTEGER -> value instanceof Long;
            case FLOAT -> value instanceof Long || value instanceof Double;
            case BOOLEAN -> value instanceof Boolean;
            case STRING_LIST -> value instanceof String
                    || value instanceof List<?> list && list.stream().allMatch(String.class::isInstance);
            case ARRAY -> value instanceof List;
            case TABLE -> value instanceof Map;
            case ANY -> true;
        };
    }

    private static boolean sameValue(Object allowed, Object value) {
        if (allowed instanceof Number a && value instanceof Number v) {
            return a.doubleValue() == v.doubleValue();
        }
        return allowed.equals(value);
    }

    private static String article(ParameterType type) {
        String name = type.displayName();
        return (type == ParameterType.INTEGER || type == ParameterType.ARRAY || type == ParameterType.ANY
                ? "an " : "a ") + name;
    }
}
