package io.conveyor.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ClosestNameTest {

    private static final List<String> FUNCTIONS = List.of("csv.read", "csv.write", "filter.apply", "json.write");

    @Test
    void suggestsTheClosestNameForATypo() {
        assertEquals(Optional.of("csv.read"), ClosestName.to("csv.raed", FUNCTIONS));
        assertEquals(Optional.of("csv.write"), ClosestName.to("CSV.wirte", FUNCTIONS));
        assertEquals(Optional.of("filter.apply"), ClosestName.to("filter", FUNCTIONS));
    }

    @Test
    void suggestsNothingWhenNoNameIsClose() {
        assertEquals(Optional.empty(), ClosestName.to("kafka.read", FUNCTIONS));
        assertEquals(Optional.empty(), ClosestName.to("x", FUNCTIONS));
    }

    @Test
    void tiesGoToTheEarliestName() {
        assertEquals(Optional.of("csv.read"), ClosestName.to("csv.reax", List.of("csv.read", "csv.reay")));
    }
}
