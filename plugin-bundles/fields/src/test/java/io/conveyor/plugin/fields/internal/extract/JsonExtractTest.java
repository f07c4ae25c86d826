package io.conveyor.plugin.fields.internal.extract;

import static io.conveyor.testing.Batches.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.api.stage.ErrorCode;
import io.conveyor.api.stage.StageException;
import io.conveyor.testing.BatchText;
import io.conveyor.testing.Batches;
import io.conveyor.testing.CollectingEmitter;
import io.conveyor.testing.Runs;
import io.conveyor.testing.TestConfig;
import io.conveyor.testing.TestContext;
import io.conveyor.testing.TestSchemaContext;

class JsonExtractTest {

    private static final String USER = """
            {"user": {"name": "Ann", "age": 31, "score": 4.50, "big": 1e3, "tags": ["a", "b"],
              "address": {"city": "Oslo", "zip": null}, "active": true, "none": null,
              "quote": "caf\\u00e9 \\"q\\""}}""";

    private final RootAllocator root = new RootAllocator();
    private final TestContext context = TestContext.of(root, "extract");
    private final JsonExtract extract = new JsonExtract();

    @AfterEach
    void noLeaks() {
        context.close();
        root.close();
    }

    private static TestConfig config(String path, String type) {
        Map<String, Object> values = new LinkedHashMap<>(Map.of("column", "payload", "path", path,
                "output_column", "out"));
        if (type != null) {
            values.put("type", type);
        }
        return TestConfig.of(JsonExtract.DESCRIPTOR, values);
    }

    /** The output cells for each payload, rendered as BatchText does. */
    private List<String> extract(String path, String type, String... payloads) throws StageException {
        Object[][] rows = new Object[payloads.length][];
        for (int i = 0; i < payloads.length; i++) {
            rows[i] = row(payloads[i]);
        }
        try (VectorSchemaRoot in = Batches.of(root, "payload:utf8", rows);
                CollectingEmitter out = Runs.transform(extract, config(path, type), context, in)) {
            return out.rows().stream().map(r -> r.substring(r.lastIndexOf('|') + 1)).toList();
        }
    }

    private String one(String path) throws StageException {
        return extract(path, null, USER).get(0);
    }

    @Test
    void valuesBecomeTextAsInTheOriginal() throws StageException {
        assertEquals("\"Ann\"", one("user.name"));
        assertEquals("\"31\"", one("user.age"));
        assertEquals("\"4.5\"", one("user.score"));
        assertEquals("\"1000.0\"", one("user.big"));
        assertEquals("\"true\"", one("user.active"));
        assertEquals("\"[\"a\",\"b\"]\"", one("user.tags"));
        assertEquals("\"{\"city\":\"Oslo\",\"zip\":null}\"", one("user.address"));
        assertEquals("\"café \"q\"\"", one("user.quote"));
    }

    @Test
    void missingValuesAndJsonNullsAreNull() throws StageException {
        assertEquals("null", one("user.none"));
        assertEquals("null", one("user.address.zip"));
        assertEquals("null", one("user.missing"));
        assertEquals("null", one("user.name.first"));
        assertEquals("null", one("nobody"));
    }

    @Test
    void indicesWalkArraysAtAnyDepth() throws StageException {
        String order = "{\"items\": [{\"sku\": \"A1\"}, {\"sku\": \"B2\", \"qty\": 2}], \"m\": [[1, 2], [3, 4]]}";
        assertEquals(List.of("\"B2\"", "\"2\"", "\"3\"", "\"A1\""),
                List.of(extract("items[1].sku", null, order).get(0), extract("items[1].qty", null, order).get(0),
                        extract("m[1][0]", null, order).get(0), extract("items[0].sku", null, order).get(0)));
        assertEquals(List.of("null", "null", "null"), List.of(extract("items[2].sku", null, order).get(0),
                extract("items.sku", null, order).get(0), extract("m[0].x", null, order).get(0)));
        assertEquals(List.of("\"7\"", "null"), extract("[1].id", null, "[{\"id\": 6}, {\"id\": 7}]", "{\"id\": 1}"));
        assertEquals(List.of("\"[]\""), extract("a[0]", null, "{\"a\": [[], 1]}"));
    }

    @Test
    void nullCellsAndTextThatIsNotOneJsonValueGiveNull() throws StageException {
        assertEquals(List.of("null", "null", "null", "null", "null", "null", "null", "\"1\""),
                extract("a", null, null, "", "not json", "{\"a\": 1} x", "{\"a\": 1,", "{\"a\": 1}{\"a\": 2}",
                        "{\"a\": 1", " {\"a\": 1} \n"));
    }

    @Test
    void ofDuplicateKeysTheFirstCounts() throws StageException {
        assertEquals(List.of("\"1\""), extract("a", null, "{\"a\": 1, \"a\": 2}"));
    }

    @Test
    void typedOutputsKeepValuesOfTheirKindOnly() throws StageException {
        String[] cells = {"{\"v\": 31}", "{\"v\": -4.5}", "{\"v\": \"31\"}", "{\"v\": true}",
            "{\"v\": 9223372036854775808}", "{\"v\": null}", "{}"};
        assertEquals(List.of("31", "null", "null", "null", "null", "null", "null"), extract("v", "int64", cells));
        assertEquals(List.of("31.0", "-4.5", "null", "null", "9.223372036854776E18", "null", "null"),
                extract("v", "float64", cells));
        assertEquals(List.of("null", "null", "null", "true", "null", "null", "null"), extract("v", "bool", cells));
        assertEquals(List.of("\"31\"", "\"-4.5\"", "\"31\"", "\"true\"", "\"9223372036854775808\"", "null", "null"),
                extract("v", "string", cells));
    }

    @Test
    void theOutputColumnIsAppendedOrReplacesItsNamesake() throws StageException {
        try (VectorSchemaRoot in = Batches.of(root, "id:int64, payload:utf8", row(1, "{\"n\": 5}"), row(2, null));
                CollectingEmitter appended = Runs.transform(extract, config("n", "int64"), context, in);
                CollectingEmitter replaced = Runs.transform(extract, TestConfig.of(JsonExtract.DESCRIPTOR,
                        Map.of("column", "payload", "path", "n", "output_column", "payload")), context, in)) {
            assertEquals("id:int64, payload:utf8, out:int64", BatchText.schema(appended.batches().get(0)));
            assertEquals(List.of("1|\"{\"n\": 5}\"|5", "2|null|null"), appended.rows());
            assertEquals("id:int64, payload:utf8", BatchText.schema(replaced.batches().get(0)));
            assertEquals(List.of("1|\"5\"", "2|null"), replaced.rows());
        }
    }

    @Test
    void aBatchWithoutRowsGivesOneWithTheOutputColumnAndNoInputGivesNothing() throws StageException {
        try (VectorSchemaRoot empty = Batches.of(root, "payload:utf8");
                CollectingEmitter out = Runs.transform(extract, config("a", "bool"), context, empty);
                CollectingEmitter none = Runs.transform(extract, config("a", "bool"), context)) {
            assertEquals(0, out.batches().get(0).getRowCount());
            assertEquals("payload:utf8, out:bool", BatchText.schema(out.batches().get(0)));
            assertEquals(List.of(), none.batches());
        }
    }

    @Test
    void aColumnThatIsNotTextOrMissingIsADataError() {
        try (VectorSchemaRoot in = Batches.of(root, "payload:int64", row(1))) {
            StageException e = assertThrows(StageException.class,
                    () -> Runs.transform(extract, config("a", null), context, in));
            assertEquals(ErrorCode.DATA, e.code());
            assertEquals("column 'payload' is int64 in input 'in', but json.extract needs a utf8 column of JSON text",
                    e.getMessage());
        }
        try (VectorSchemaRoot in = Batches.of(root, "body:utf8", row("{}"))) {
            StageException e = assertThrows(StageException.class,
                    () -> Runs.transform(extract, config("a", null), context, in));
            assertEquals("column 'payload' is not in input 'in' (columns: body)", e.getMessage());
        }
    }

    @Test
    void theOutputSchemaIsToldAtValidationWithColumnMistakesReported() {
        TestSchemaContext known = TestSchemaContext.of("events", Batches.schema("id:int64, payload:utf8"));
        assertEquals(Optional.of(Batches.schema("id:int64, payload:utf8, out:float64")),
                extract.outputSchema(config("a.b", "float64"), known));
        assertEquals(Optional.of(Batches.schema("id:int64, payload:utf8, out:utf8")),
                extract.outputSchema(config("a.b", null), known));
        assertEquals(List.of(), known.problems());

        TestSchemaContext wrong = TestSchemaContext.of("events", Batches.schema("payload:bool"));
        assertEquals(Optional.empty(), extract.outputSchema(config("a", null), wrong));
        assertEquals(List.of(new ConfigProblem("column", "config key 'column' names 'payload', which is bool in "
                + "input 'events', but json.extract needs a utf8 column of JSON text")), wrong.problems());

        TestSchemaContext missing = TestSchemaContext.of("events", Batches.schema("body:utf8"));
        extract.outputSchema(config("a", null), missing);
        assertEquals(List.of("config key 'column' names 'payload', which is not in input 'events' (columns: body)"),
                missing.messages());

        assertEquals(Optional.empty(), extract.outputSchema(config("a", null), TestSchemaContext.of("events", null)));
    }

    @Test
    void badPathsAndEmptyNamesAreConfigProblems() {
        assertEquals(List.of(new ConfigProblem("path", "config key 'path' has an empty part at character 6: "
                + "\"user..name\" (write keys separated by single dots, e.g. \"user.address.city\")")),
                extract.validate(config("user..name", null)));
        assertEquals(List.of(new ConfigProblem("column", "config key 'column' must not be empty"),
                new ConfigProblem("output_column", "config key 'output_column' must not be empty")),
                extract.validate(TestConfig.of(JsonExtract.DESCRIPTOR, Map.of("column", "", "path", "a",
                        "output_column", ""))));
        StageException e = assertThrows(StageException.class,
                () -> extract.open(config("a[", null), context, List.of("in")));
        assertEquals(ErrorCode.CONFIG, e.code());
        assertEquals("path", e.key());
        assertThrows(IllegalArgumentException.class, () -> config("a", "json"), "type takes declared values only");
    }
}
