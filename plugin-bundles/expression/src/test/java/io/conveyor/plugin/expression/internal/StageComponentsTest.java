package io.conveyor.plugin.expression.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.conveyor.testing.StageComponents;

/** The bundle's stage components, checked as the engine's registry will check them, and documented fully. */
class StageComponentsTest {

    @Test
    void theBundleRegistersItsStagesCorrectlyDeclaredAndDocumented() throws Exception {
        assertEquals(List.of("filter.apply/transform", "map.apply/transform"), StageComponents.checkAll());
    }
}
