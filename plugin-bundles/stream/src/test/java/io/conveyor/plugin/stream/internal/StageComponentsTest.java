package io.conveyor.plugin.stream.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.conveyor.testing.StageComponents;

/** The bundle's stage components, checked as the engine's registry will check them, and documented fully. */
class StageComponentsTest {

    @Test
    void theBundleRegistersItsStagesCorrectlyDeclaredAndDocumented() throws Exception {
        assertEquals(List.of("aggregate.stream/transform", "chunk.apply/transform", "file.watch/source",
                "stdin.stream/source", "stdout.stream/sink", "stdout_stream.write/sink", "window.apply/transform"),
                StageComponents.checkAll());
    }
}
