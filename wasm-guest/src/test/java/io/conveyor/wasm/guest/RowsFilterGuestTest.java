package io.conveyor.wasm.guest;

import static io.conveyor.wasm.guest.Ndjson.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RowsFilterGuestTest {
    @ParameterizedTest
    @ValueSource(strings = {"c", "as"})
    void describesItselfAsTheAbiDocumentsIt(String language) throws GuestError {
        GuestModule filter = GuestModules.load("rows-filter", language);

        assertEquals("{\"abi\":1,\"name\":\"rows.filter\",\"version\":\"1.0.0\",\"roles\":[\"transform\"],"
                + "\"format\":\"ndjson\",\"description\":\"Drops rows whose status is \\\"deleted\\\" and "
                + "upper-cases a field. Only the ASCII letters a to z change; a field that is not a string is "
                + "left as it is.\",\"parameters\":[{\"name\":\"field\",\"type\":\"string\",\"required\":false,"
                + "\"default\":\"name\",\"description\":\"The field to upper-case.\"}]}", filter.describe());
    }

    @ParameterizedTest
    @ValueSource(strings = {"c", "as"})
    void dropsDeletedRowsAndUpperCasesNameKeepingEveryOtherByte(String language) throws GuestError {
        GuestModule filter = GuestModules.load("rows-filter", language);
        filter.configure("{\"field\":\"name\"}");

        String output = filter.transform(rows(
                "{\"id\":1,\"name\":\"alice\",\"status\":\"active\"}",
                "{\"id\":2,\"name\":\"bob\",\"status\":\"deleted\"}",
                "{ \"id\" : 3 , \"name\" : \"Zoë d'Arc 42\" }",
                "{\"id\":4,\"name\":null,\"status\":\"d\\u0065leted\"}",
                "{\"id\":5,\"name\":17,\"status\":null}",
                "{\"id\":6,\"status\":\"Deleted\",\"tags\":[\"x\",{\"name\":\"inner\"}]}"));

        assertEquals(rows(
                "{\"id\":1,\"name\":\"ALICE\",\"status\":\"active\"}",
                "{ \"id\" : 3 , \"name\" : \"ZOë D'ARC 42\" }",
                "{\"id\":5,\"name\":17,\"status\":null}",
                "{\"id\":6,\"status\":\"Deleted\",\"tags\":[\"x\",{\"name\":\"inner\"}]}"), output);
    }

    @ParameterizedTest
    @ValueSource(strings = {"c", "as"})
    void upperCasesEscapedLettersAndLeavesOtherEscapesValid(String language) throws GuestError {
        GuestModule filter = GuestModules.load("rows-filter", language);
        filter.configure("{\"field\":\"city\"}");

        String output = filter.transform(rows(
                "{\"name\":\"kept\",\"city\":\"caf\\u00e9 \\u0078 \\\"q\\\" \\\\n\\n\\ud83d\\ude00\"}"));

        assertEquals(rows(
                "{\"name\":\"kept\",\"city\":\"CAF\\u00e9 X \\\"Q\\\" \\\\N\\n\\ud83d\\ude00\"}"), output);
    }

    @ParameterizedTest
    @ValueSource(strings = {"c", "as"})
    void aBatchWhoseRowsAreAllDeletedGivesAnEmptyBatchNotAnError(String language) throws GuestError {
        GuestModule filter = GuestModules.load("rows-filter", language);
        filter.configure("{\"field\":\"name\"}");

        assertEquals("", filter.transform(rows("{\"status\":\"deleted\"}", "{\"status\":\"deleted\"}")));
        assertEquals("", filter.transform(""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"c", "as"})
    void refusesAnEmptyFieldName(String language) {
        GuestModule filter = GuestModules.load("rows-filter", language);

        GuestError error = assertThrows(GuestError.class, () -> filter.configure("{\"field\":\"\"}"));

        assertEquals("{\"code\":\"E_CONFIG\",\"message\":\"field must not be empty\"}", error.json());
    }

    @ParameterizedTest
    @ValueSource(strings = {"c", "as"})
    void reportsTheRowThatIsNotAnObjectAndStaysUsable(String language) throws GuestError {
        GuestModule filter = GuestModules.load("rows-filter", language);
        filter.configure("{\"field\":\"name\"}");

        GuestError error = assertThrows(GuestError.class,
                () -> filter.transform(rows("{\"name\":\"a\"}", "[1,2]")));

        assertEquals("{\"code\":\"E_DATA\",\"message\":\"row 2 is not a JSON object\"}", error.json());
        assertEquals(rows("{\"name\":\"B\"}"), filter.transform(rows("{\"name\":\"b\"}")));
    }
}
