package io.conveyor.engine.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Version;

import io.conveyor.api.runtime.ExampleDTO;
import io.conveyor.api.runtime.FunctionDTO;
import io.conveyor.api.runtime.ParameterDTO;
import io.conveyor.api.stage.Parameter;
import io.conveyor.api.stage.ParameterType;
import io.conveyor.api.stage.StageDescriptor;
import io.conveyor.api.stage.StageRole;
import io.conveyor.engine.internal.registry.StageKey;
import io.conveyor.engine.internal.registry.StageProvider;

class FunctionListingTest {

    private static final StageKey FILTER = new StageKey("filter.apply", StageRole.TRANSFORM);

    private static StageProvider provider(long serviceId, int ranking, String bundle, StageDescriptor descriptor) {
        return new StageProvider(FILTER, serviceId, ranking, bundle, Version.parseVersion("1.2.0"), descriptor,
                () -> descriptor, null);
    }

    private static final StageDescriptor DECLARED = StageDescriptor.builder("filter.apply", StageRole.TRANSFORM)
            .description("Keeps the rows that match. Nulls never match.")
            .parameter(Parameter.builder("column", ParameterType.STRING).required()
                    .description("The column to compare.").build())
            .parameter(Parameter.builder("operator", ParameterType.STRING).defaultValue("==")
                    .allowedValues("==", "!=").description("How to compare.").build())
            .parameter(Parameter.builder("columns", ParameterType.STRING_LIST).defaultValue(List.of("a", "b"))
                    .example("[\"id\"]").build())
            .parameter(Parameter.builder("limit", ParameterType.INTEGER).defaultValue(10).allowedValues(10, 20)
                    .build())
            .example("Keep big sales", "[[stages]]\nid = \"big\"\n")
            .build();

    @Test
    void theDeclarationIsCopiedAsPlainData() {
        FunctionDTO dto = FunctionListing.of(Map.of(FILTER, List.of(provider(7, 0, "io.conveyor.plugin.core",
                DECLARED)))).get(0);

        assertEquals(List.of("filter.apply", "transform", "Keeps the rows that match.",
                "Keeps the rows that match. Nulls never match.", "io.conveyor.plugin.core", "1.2.0"),
                List.of(dto.function, dto.role, dto.summary, dto.description, dto.bundleSymbolicName,
                        dto.bundleVersion));
        assertEquals(List.of("column | string | true | null | [] | The column to compare. | null",
                "operator | string | false | == | [==, !=] | How to compare. | null",
                "columns | string or array of strings | false | [a, b] | [] |  | [\"id\"]",
                "limit | integer | false | 10 | [10, 20] |  | null"),
                dto.parameters.stream().map(FunctionListingTest::line).toList());
        assertEquals(Long.valueOf(10), dto.parameters.get(3).defaultValue);
        assertEquals(List.of(10L, 20L), dto.parameters.get(3).allowedValues);
        assertEquals(1, dto.examples.size());
        ExampleDTO example = dto.examples.get(0);
        assertEquals(List.of("Keep big sales", "[[stages]]\nid = \"big\"\n"), List.of(example.title, example.toml));
    }

    @Test
    void shadowedProvidersCarryTheirOwnDeclaration() {
        StageDescriptor other = StageDescriptor.builder("filter.apply", StageRole.TRANSFORM)
                .description("A faster filter").build();
        FunctionDTO winner = FunctionListing.of(Map.of(FILTER, List.of(provider(8, 10, "io.acme.filters", other),
                provider(7, 0, "io.conveyor.plugin.core", DECLARED)))).get(0);

        assertEquals(List.of("A faster filter", "0"), List.of(winner.description,
                String.valueOf(winner.parameters.size())));
        FunctionDTO shadowed = winner.shadowed.get(0);
        assertEquals(List.of("io.conveyor.plugin.core", "Keeps the rows that match. Nulls never match.", "4", "1"),
                List.of(shadowed.bundleSymbolicName, shadowed.description, String.valueOf(shadowed.parameters.size()),
                        String.valueOf(shadowed.examples.size())));
    }

    @Test
    void valuesThatAreNotPlainDataBecomeTheirText() {
        assertEquals("2024-01-31", FunctionListing.plain(LocalDate.of(2024, 1, 31)));
        assertEquals(List.of("2024-01-31", 1L), FunctionListing.plain(List.of(LocalDate.of(2024, 1, 31), 1L)));
        assertEquals(Map.of("day", "2024-01-31"), FunctionListing.plain(Map.of("day", LocalDate.of(2024, 1, 31))));
        assertNull(FunctionListing.plain(null));
    }

    private static String line(ParameterDTO p) {
        return String.join(" | ", p.name, p.type, String.valueOf(p.required), String.valueOf(p.defaultValue),
                String.valueOf(p.allowedValues), p.description, String.valueOf(p.example));
    }
}
