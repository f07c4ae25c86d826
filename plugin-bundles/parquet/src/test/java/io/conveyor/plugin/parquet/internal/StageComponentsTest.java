package io.conveyor.plugin.parquet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.conveyor.testing.StageComponents;

class StageComponentsTest {

    @Test
    void theBundleRegistersItsStagesCorrectlyDeclaredAndDocumented() throws Exception {
        assertEquals(List.of("parquet.read/source", "parquet.write/sink"), StageComponents.checkAll());
    }
}
