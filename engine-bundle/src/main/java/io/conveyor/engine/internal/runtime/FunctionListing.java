package io.conveyor.engine.internal.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.conveyor.api.runtime.FunctionDTO;
import io.conveyor.engine.internal.registry.StageKey;
import io.conveyor.engine.internal.registry.StageProvider;

/** Turns the registry's providers into {@link FunctionDTO}s: one per key, shadowed providers nested. */
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
        dto.summary = summary(provider.descriptor().description());
        dto.bundleSymbolicName = provider.bundleSymbolicName();
        dto.bundleVersion = provider.bundleVersion().toString();
        dto.serviceId = provider.serviceId();
        dto.ranking = provider.ranking();
        dto.descriptor = provider.descriptor();
        return dto;
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
