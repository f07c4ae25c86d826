package io.conveyor.wasm.internal.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.conveyor.api.stage.Parameter;
import io.conveyor.wasm.internal.engine.WasmFailure;

class DescriptionTest {

    @Test
    void aModulesScalarParametersAcceptTheirValueAsTextAsTheOriginalToolPassedIt() throws WasmFailure {
        Description description = Description.parse("""
                {"abi": 1, "name": "echo", "version": "1.0.0", "roles": ["transform"], "parameters": [
                  {"name": "add_metadata", "type": "boolean", "default": true},
                  {"name": "limit", "type": "integer"},
                  {"name": "ratio", "type": "float"},
                  {"name": "message", "type": "string"},
                  {"name": "columns", "type": "array"}
                ]}""".getBytes(StandardCharsets.UTF_8));

        assertEquals(List.of("add_metadata true", "limit true", "ratio true", "message false", "columns false"),
                description.parameters().stream().map(DescriptionTest::acceptsText).toList());
        assertEquals(true, description.parameters().get(0).defaultValue());
    }

    private static String acceptsText(Parameter parameter) {
        return parameter.name() + " " + parameter.acceptsText();
    }
}
