package io.conveyor.plugin.kit.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class DidYouMeanTest {

    private static final List<String> COLUMNS = List.of("order_id", "customer", "amount", "placed_at");

    @Test
    void suggestsTheClosestNameForATypo() {
        assertEquals(Optional.of("amount"), DidYouMean.closest("amout", COLUMNS));
        assertEquals(Optional.of("customer"), DidYouMean.closest("Custmer", COLUMNS));
    }

    @Test
    void suggestsANameContainedInWhatWasTyped() {
        assertEquals(Optional.of("amount"), DidYouMean.closest("total_amount", COLUMNS));
    }

    @Test
    void suggestsNothingWhenNoNameIsClose() {
        assertEquals(Optional.empty(), DidYouMean.closest("price", COLUMNS));
        assertEquals(Optional.empty(), DidYouMean.closest("x", List.of("a", "b")));
        assertEquals(Optional.empty(), DidYouMean.closest("amount", List.of("amount")));
    }

    @Test
    void formatsTheSuggestionForMessages() {
        assertEquals(" (did you mean 'order_id'?)", DidYouMean.suffix("orderid", COLUMNS));
        assertEquals("", DidYouMean.suffix("zzz", COLUMNS));
    }
}
