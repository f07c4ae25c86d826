package io.conveyor.wasm.guest;

import static io.conveyor.wasm.guest.Ndjson.rows;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The original tool's echo plugin: one module, three roles, chosen by the export the host calls. */
class EchoGuestTest {
    /** What the host passes when a stage sets no config: every default filled in. */
    private static final String DEFAULTS =
            "{\"message\":\"Hello from WASM Echo Plugin!\",\"add_metadata\":true,\"mode\":\"auto\"}";

    @ParameterizedTest
    @ValueSource(strings = {"c", "as"})
    void describesThreeRolesAndTheOriginalParameters(String language) throws GuestError {
        GuestModule echo = GuestModules.load("echo", language);

        assertEquals("{\"abi\":1,\"name\":\"echo\",\"version\":\"1.0.0\","
                + "\"roles\":[\"source\",\"transform\",\"sink\"],\"format\":\"ndjson\","
                + "\"description\":\"Echoes rows: as a source one greeting row, as a transform its input "
                + "(marked with _echo_processed), as a sink it accepts every non-empty batch.\","
                + "\"parameters\":["
                + "{\"name\":\"message\",\"type\":\"string\",\"required\":false,"
                + "\"default\":\"Hello from WASM Echo Plugin!\",\"description\":\"The message of the source's row.\"},"
                + "{\"name\":\"add_metadata\",\"type\":\"boolean\",\"required\":false,\"default\":true,"
                + "\"description\":\"Whether the transform adds \\\"_echo_processed\\\": true to each row.\"},"
                + "{\"name\":\"mode\",\"type\":\"string\",\"required\":false,\"default\":\"auto\","
                + "\"description\":\"auto, source, transform or sink; accepted for pipelines written for the "
                + "original tool: the role follows the stage's place in the pipeline.\"}]}", echo.describe());
    }

    @ParameterizedTest
    @ValueSource(strings = {"c", "as"})
    void asASourceEmitsOneGreetingRowThenEnds(String language) throws GuestError {
        GuestModule echo = GuestModules.load("echo", language);
        echo.configure(DEFAULTS);

        assertEquals(rows("{\"message\":\"Hello from WASM Echo Plugin!\",\"plugin\":\"echo-wasm\",\"type\":\"source\"}"),
                echo.next());
        assertEquals("", echo.next());
        assertEquals("", echo.next());
    }

    @ParameterizedTest
    @ValueSource(strings = {"c", "as"})
    void asASourceEmitsTheConfiguredMessageAndStartsAgainWithEachRun(String language) throws GuestError {
        GuestModule echo = GuestModules.load("echo", language);
        echo.configure("{\"message\":\"say \\\"hi\\\" \u2713\",\"add_metadata\":true,\"mode\":\"source\"}");
        String row = rows("{\"message\":\"say \\\"hi\\\" \u2713\",\"plugin\":\"echo-wasm\",\"type\":\"source\"}");

        assertEquals(row, echo.next());
        assertEquals("", echo.next());
        echo.configure("{\"message\":\"say \\\"hi\\\" \u2713\"}");
        assertEquals(row, echo.next());
    }

    @ParameterizedTest
    @ValueSource(strings = {"c", "as"})
    void asATransformMarksEachRowOnce(String language) throws GuestError {
        GuestModule echo = GuestModules.load("echo", language);
        echo.configure(DEFAULTS);

        String output = echo.transform(rows(
                "{\"id\":1,\"name\":\"a\"}",
                "{}",
                "{\"_echo_processed\":false, \"nested\": {\"list\": [1, \"}\"]}}"));

        assertEquals(rows(
                "{\"id\":1,\"name\":\"a\",\"_echo_processed\":true}",
                "{\"_echo_processed\":true}",
                "{\"nested\": {\"list\": [1, \"}\"]},\"_echo_processed\":true}"), output);
    }

    @ParameterizedTest
    @ValueSource(strings = {"c", "as"})
    void asATransformWithoutMetadataPassesTheBatchThroughUnchanged(String language) throws GuestError {
        GuestModule echo = GuestModules.load("echo", language);
        echo.configure("{\"message\":\"m\",\"add_metadata\":false,\"mode\":\"transform\"}");
        String batch = rows("{\"id\":1}", "{ \"id\" : 2 }");

        assertEquals(batch, echo.transform(batch));
    }

    @ParameterizedTest
    @ValueSource(strings = {"c", "as"})
    void asASinkAcceptsRowsAndRefusesAnEmptyBatch(String language) throws GuestError {
        GuestModule echo = GuestModules.load("echo", language);
        echo.configure(DEFAULTS);

        assertDoesNotThrow(() -> echo.write(rows("{\"id\":1}")));
        GuestError error = assertThrows(GuestError.class, () -> echo.write(""));

        assertEquals("{\"code\":\"E_DATA\",\"message\":\"Received empty data\"}", error.json());
        assertDoesNotThrow(() -> echo.write(rows("{\"id\":2}")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"c", "as"})
    void refusesValuesOfTheWrongKind(String language) {
        GuestModule echo = GuestModules.load("echo", language);

        GuestError notBoolean = assertThrows(GuestError.class, () -> echo.configure("{\"add_metadata\":\"yes\"}"));
        GuestError unknownMode = assertThrows(GuestError.class, () -> echo.configure("{\"mode\":\"sinker\"}"));

        assertEquals("{\"code\":\"E_CONFIG\",\"message\":\"add_metadata must be a boolean, not a string\"}",
                notBoolean.json());
        assertEquals("{\"code\":\"E_CONFIG\",\"message\":\"mode must be one of auto, source, transform, sink\"}",
                unknownMode.json());
    }

    @ParameterizedTest
    @ValueSource(strings = {"c", "as"})
    void reportsARowThatIsNotAnObject(String language) throws GuestError {
        GuestModule echo = GuestModules.load("echo", language);
        echo.configure(DEFAULTS);

        GuestError error = assertThrows(GuestError.class, () -> echo.transform(rows("{\"a\":1}", "{\"a\":")));

        assertEquals("{\"code\":\"E_DATA\",\"message\":\"row 2 is not a JSON object\"}", error.json());
    }
}
