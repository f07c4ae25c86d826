package io.conveyor.plugin.core.internal.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.api.stage.ErrorCode;
import io.conveyor.api.stage.StageException;
import io.conveyor.testing.BatchText;
import io.conveyor.testing.CollectingEmitter;
import io.conveyor.testing.Runs;
import io.conveyor.testing.TestConfig;
import io.conveyor.testing.TestContext;

class JsonReadSourceTest {

    private static final Path EXAMPLES = Path.of("../../examples").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private final RootAllocator root = new RootAllocator();
    private final TestContext context = TestContext.of(root, "read");
    private final JsonReadSource source = new JsonReadSource();

    @AfterEach
    void noLeaks() {
        context.close();
        root.close();
    }

    private CollectingEmitter read(String json, String format) throws Exception {
        Files.writeString(dir.resolve("in.json"), json);
        return Runs.source(source, TestConfig.of(source.descriptor(), Map.of("path", "in.json", "format", format), dir),
                context);
    }

    private StageException failure(String json, String format) {
        return assertThrows(StageException.class, () -> read(json, format).close());
    }

    @Test
    void readsTheFanoutReturnsAsJsonLines() throws Exception {
        try (CollectingEmitter out = Runs.source(source, TestConfig.of(source.descriptor(),
                Map.of("path", "fanout/data/returns.jsonl", "format", "jsonl"), EXAMPLES), context)) {
            assertEquals("order_id:int64, customer:utf8, region:utf8, status:utf8, total:float64",
                    BatchText.schema(out.batches().get(0)));
            assertEquals(List.of("1001|\"Acme\"|\"north\"|\"returned\"|-120.5",
                    "1004|\"Umbrella\"|\"east\"|\"returned\"|-42.25"), out.rows());
        }
    }

    @Test
    void recordsKeepTheFirstRecordsKeyOrderAndAppendLaterKeysOfTheInferenceWindow() throws Exception {
        try (CollectingEmitter out = read("""
                [{"b": 1, "a": "x"},
                 {"a": "y", "c": true, "b": null},
                 {"b": 2.5}]
                """, "records")) {
            assertEquals("b:float64, a:utf8, c:bool", BatchText.schema(out.batches().get(0)));
            assertEquals(List.of("1.0|\"x\"|null", "null|\"y\"|true", "2.5|null|null"), out.rows());
        }
    }

    @Test
    void nestedValuesBecomeJsonTextAndMixedValuesText() throws Exception {
        try (CollectingEmitter out = read("""
                {"tags": ["a", "b"], "meta": {"k": 1}, "mixed": 1, "nothing": null}
                {"tags": [], "meta": null, "mixed": "two", "nothing": null}
                """, "jsonl")) {
            assertEquals("tags:utf8, meta:utf8, mixed:utf8, nothing:utf8", BatchText.schema(out.batches().get(0)));
            assertEquals(List.of("\"[\"a\",\"b\"]\"|\"{\"k\":1}\"|\"1\"|null", "\"[]\"|null|\"two\"|null"), out.rows());
        }
    }

    @Test
    void batchesFollowTheContextBatchSize() throws Exception {
        context.withBatchSize(2);
        try (CollectingEmitter out = read("{\"n\":1}\n{\"n\":2}\n\n{\"n\":3}\n", "jsonl")) {
            assertEquals(List.of(2, 1), out.batches().stream().map(b -> b.getRowCount()).toList());
        }
    }

    @Test
    void aValueThatDoesNotFitItsColumnAfterTheInferenceWindowIsADataError() {
        StringBuilder json = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            json.append("{\"n\": ").append(i).append("}\n");
        }
        json.append("{\"n\": \"many\"}\n");
        StageException e = failure(json.toString(), "jsonl");
        assertEquals(ErrorCode.DATA, e.code());
        assertEquals("in.json:101: key 'n' holds \"many\", which is not int64 (the type inferred from the first 100 "
                + "records)", e.getMessage());
    }

    @Test
    void aKeyFirstSeenAfterTheInferenceWindowIsADataError() {
        StringBuilder json = new StringBuilder("[\n");
        for (int i = 0; i < 100; i++) {
            json.append("{\"n\": ").append(i).append("},\n");
        }
        json.append("{\"n\": 1, \"extra\": true}\n]");
        assertEquals("in.json:102: key 'extra' is not in the schema inferred from the first 100 records",
                failure(json.toString(), "records").getMessage());
    }

    @Test
    void malformedJsonAndWrongShapesAreLocatedDataErrors() {
        assertEquals("in.json:1:1: expected a JSON array of objects (format = \"records\"), found an object; for one "
                + "object per line, set format = \"jsonl\"", failure("{\"a\": 1}", "records").getMessage());
        assertEquals("in.json:1:1: expected a JSON array of objects (format = \"records\"), found a number",
                failure("42", "records").getMessage());
        assertEquals("in.json:2:1: expected an object, found a number", failure("{\"a\": 1}\n42\n", "jsonl").getMessage());
        assertEquals("in.json:1:9: invalid JSON: Unexpected end-of-input: expected close marker for Object "
                + "(start marker at line 1, column 2)", failure("[{\"a\": 1", "records").getMessage());
    }

    @Test
    void jsonLinesHoldOneObjectPerNonBlankLine() throws Exception {
        try (CollectingEmitter out = read("\uFEFF{\"a\": 1}\n\n  \t\n{\"a\": 2}\r\n{\"a\": 3}", "jsonl")) {
            assertEquals(List.of("1", "2", "3"), out.rows());
        }
    }

    @Test
    void twoObjectsOnOneLineAreAnErrorOnThatLine() {
        StageException e = failure("{\"a\": 1}\n{\"a\": 2}{\"a\": 3}\n", "jsonl");
        assertEquals(ErrorCode.DATA, e.code());
        assertEquals("in.json:2:9: expected the end of the line after the object, found an object (format = "
                + "\"jsonl\" reads one object per line)", e.getMessage());
    }

    @Test
    void anObjectSpreadOverTwoLinesIsAnErrorOnTheLineItStarts() {
        assertEquals("in.json:2: the object does not end on its line (format = \"jsonl\" reads one object per line)",
                failure("{\"a\": 1}\n{\"a\":\n 2}\n", "jsonl").getMessage());
    }

    @Test
    void aBrokenRecordIsReportedOnItsOwnLineNotAtTheEndOfTheFile() {
        assertEquals("in.json:2: the object does not end on its line (format = \"jsonl\" reads one object per line)",
                failure("{\"a\": 1}\n{\"a\": 2\n{\"a\": 3}\n{\"a\": 4}\n{\"a\": 5}\n", "jsonl").getMessage());
        assertEquals("in.json:3:7: invalid JSON: Unexpected character ('}' (code 125)): expected a value",
                failure("{\"a\": 1}\n\n{\"a\": }\n{\"a\": 3}\n", "jsonl").getMessage());
    }

    @Test
    void emptyInputsProduceNothing() throws Exception {
        try (CollectingEmitter out = read("[]", "records")) {
            assertEquals(0, out.batches().size());
        }
        try (CollectingEmitter out = read("", "jsonl")) {
            assertEquals(0, out.batches().size());
        }
    }

    @Test
    void aMissingFileIsAnIoErrorOnThePathKey() {
        StageException e = assertThrows(StageException.class, () -> source.open(
                TestConfig.of(source.descriptor(), Map.of("path", "nope.json"), dir), context));
        assertEquals(ErrorCode.IO, e.code());
        assertEquals("cannot read nope.json: no such file", e.getMessage());
        assertEquals("path", e.key());
    }

    @Test
    void anEmptyPathIsAConfigProblemOfThePathKey() {
        TestConfig empty = TestConfig.of(source.descriptor(), Map.of("path", ""));
        assertEquals(List.of(new ConfigProblem("path", "config key 'path' must not be empty")), source.validate(empty));
        StageException e = assertThrows(StageException.class, () -> source.open(empty, context));
        assertEquals("path", e.key());
        assertEquals("config key 'path' must not be empty", e.getMessage());
    }
}
