package io.conveyor.engine.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class SuggestionsTest {

    private static final List<String> FUNCTIONS = List.of("csv.read", "csv.write", "filter.apply", "json.read");

    @Test
    void suggestsTheClosestNameForATypo() {
        assertEquals(Optional.of("csv.read"), Suggestions.closest("csv.raed", FUNCTIONS));
        assertEquals(Optional.of("filter.apply"), Suggestions.closest("Filter.aply", FUNCTIONS));
        assertEquals(Optional.of("path"), Suggestions.closest("pth", List.of("headers", "path")));
    }

    @Test
    void suggestsANameContainedInWhatWasTyped() {
        assertEquals(Optional.of("headers"), Suggestions.closest("has_headers", List.of("path", "headers")));
    }

    @Test
    void suggestsNothingWhenNoNameIsClose() {
        assertEquals(Optional.empty(), Suggestions.closest("parquet.read", FUNCTIONS));
        assertEquals(Optional.empty(), Suggestions.closest("x", List.of("a", "b")));
        assertEquals(Optional.empty(), Suggestions.closest("csv.read", List.of("csv.read")));
    }

    @Test
    void formatsTheSuggestionForMessages() {
        assertEquals(" (did you mean 'json.read'?)", Suggestions.didYouMean("jsn.read", FUNCTIONS));
        assertEquals("", Suggestions.didYouMean("zzz", FUNCTIONS));
    }
}
