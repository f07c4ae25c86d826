package io.conveyor.wasm.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Engines by name: the two known ones, wasmtime started once on first use, and nothing after shutdown. */
class EnginesTest {

    @Test
    void knowsChicoryAndWasmtimeAndNamesThemForAnyOtherName() throws Exception {
        Deadlines deadlines = new Deadlines();
        Engines engines = new Engines(deadlines);
        try {
            assertEquals("chicory", engines.get("chicory").name());
            assertEquals("wasmtime", engines.get("wasmtime").name());
            assertSame(engines.get("wasmtime"), engines.get("wasmtime"));
            assertTrue(Engines.exists("wasmtime"));
            assertFalse(Engines.exists("v8"));
            assertEquals("the engine must be one of chicory, wasmtime, got 'v8'",
                    assertThrows(IllegalArgumentException.class, () -> engines.get("v8")).getMessage());
        } finally {
            engines.shutdown();
            deadlines.shutdown();
        }
        assertEquals("the wasmtime engine has been shut down",
                assertThrows(WasmFailure.class, () -> engines.get("wasmtime")).getMessage());
    }
}
