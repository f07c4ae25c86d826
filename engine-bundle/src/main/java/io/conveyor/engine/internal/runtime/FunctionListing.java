package io.conveyor.engine.internal.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.conveyor.api.runtime.ExampleDTO;
import io.conveyor.api.runtime.FunctionDTO;
import io.conveyor.api.runtime.ParameterDTO;
import io.conveyor.api.stage.Example;
import io.conveyor.api.stage.Parameter;
import io.conveyor.api.stage.StageDescriptor;
import io.conveyor.engine.internal.registry.StageKey;
import io.conveyor.engine.internal.registry.StageProvider;

/**
 * Turns the registry's providers into {@link FunctionDTO}s: one per key, shadowed providers
 * nested, each with its declaration copied as plain data (no live API object escapes).
 */
final class FunctionListing {

    private FunctionListing() {
    }

    static List<FunctionDTO> of(Map<StageKey, List<StageProvider>> providersByKey) {
        List<FunctionDTO> functions = new ArrayList<>();
        providersByKey.forEach((key, providers) -> {
            FunctionDTO winner = dto(providers.get(0));
            providers.stream().skip(1).map(FunctionListing::dto).forEach(winner.shadowed::add);
            functions.add(winner);
        });
        return functions;
    }

    private static FunctionDTO dto(StageProvider provider) {
        FunctionDTO dto = new FunctionDTO();
        dto.function = provider.key().function();
        dto.role = provider.key().role().id();
        StageDescriptor descriptor = provider.descriptor();
        dto.summary = summary(descriptor.description());
        dto.bundleSymbolicName = provider.bundleSymbolicName();
        dto.bundleVersion = provider.bundleVersion().toString();
        dto.serviceId = provider.serviceId();
        dto.ranking = provider.ranking();
        dto.description = descriptor.description();
        descriptor.parameters().stream().map(FunctionListing::parameter).forEach(dto.parameters::add);
        descriptor.examples().stream().map(FunctionListing::example).forEach(dto.examples::add);
        return dto;
    }

    private static ParameterDTO parameter(Parameter parameter) {
        ParameterDTO dto = new ParameterDTO();
        dto.name = parameter.name();
        dto.type = parameter.type().displayName() + (parameter.acceptsText() ? " (or text)" : "");
        dto.required = parameter.required();
        dto.defaultValue = plain(parameter.defaultValue());
        parameter.allowedValues().stream().map(FunctionListing::plain).forEach(dto.allowedValues::add);
        dto.description = parameter.description();
        dto.example = parameter.example();
        return dto;
    }

    private static ExampleDTO example(Example example) {
        ExampleDTO dto = new ExampleDTO();
        dto.title = example.title();
        dto.toml = example.toml();
        return dto;
    }

    /**
     * A declared value as DTO data: strings, numbers, booleans, lists and maps (copied) as they
     * are; anything else, such as a TOML date, as its text.
     */
    static Object plain(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(FunctionListing::plain).toList();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), plain(v)));
            return copy;
        }
        return value.toString();
    }

    /** The first sentence: up to and including the first period followed by a space or the end. */
    static String summary(String description) {
        String text = description.strip();
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '.' && (i + 1 == text.length() || Character.isWhitespace(text.charAt(i + 1)))) {
                return text.substring(0, i + 1);
            }
        }
        return text.lines().findFirst().orElse("");
    }
}
