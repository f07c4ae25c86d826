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

import io.conveyor.api.stage.ErrorCode;
import io.conveyor.api.stage.StageException;
import io.conveyor.testing.BatchText;
import io.conveyor.testing.CollectingEmitter;
import io.conveyor.testing.Runs;
import io.conveyor.testing.TestConfig;
import io.conveyor.testing.TestContext;

/** json.read with {@code format = "dataframe"}: one JSON object of columns. */
class JsonColumnsReadTest {

    @TempDir
    Path dir;

    private final RootAllocator root = new RootAllocator();
    private final TestContext context = TestContext.of(root, "read").withBatchSize(2);
    private final JsonReadSource source = new JsonReadSource();

    @AfterEach
    void noLeaks() {
        context.close();
        root.close();
    }

    private CollectingEmitter read(String json) throws Exception {
        Files.writeString(dir.resolve("in.json"), json);
        return Runs.source(source, TestConfig.of(source.descriptor(), Map.of("path", "in.json", "format", "dataframe"),
                dir), context);
    }

    private StageException failure(String json) {
        StageException e = assertThrows(StageException.class, () -> read(json).close());
        assertEquals(ErrorCode.DATA, e.code());
        return e;
    }

    @Test
    void columnsKeepTheirOrderAndTypesAreInferredFromEveryValue() throws Exception {
        try (CollectingEmitter out = read("""
                {"id": [1, 2, 3], "price": [1.5, 2, null], "ok": [true, null, false], "name": ["a", null, "c"],
                 "tags": [["x"], {"k": 1}, null], "mixed": [1, "a", true], "nothing": [null, null, null]}
                """)) {
            assertEquals("id:int64, price:float64, ok:bool, name:utf8, tags:utf8, mixed:utf8, nothing:utf8",
                    BatchText.schema(out.batches().get(0)));
            assertEquals(List.of(
                    "1|1.5|true|\"a\"|\"[\"x\"]\"|\"1\"|null",
                    "2|2.0|null|null|\"{\"k\":1}\"|\"a\"|null",
                    "3|null|false|\"c\"|null|\"true\"|null"), out.rows());
            assertEquals(List.of(2, 1), out.batches().stream().map(b -> b.getRowCount()).toList());
        }
    }

    @Test
    void aTypeIsDecidedByAllValuesNotTheFirstHundred() throws Exception {
        StringBuilder ints = new StringBuilder();
        for (int i = 0; i < 150; i++) {
            ints.append(i).append(", ");
        }
        try (CollectingEmitter out = read("{\"n\": [" + ints + "0.5]}")) {
            assertEquals("n:float64", BatchText.schema(out.batches().get(0)));
            assertEquals(151, out.rowCount());
        }
    }

    @Test
    void anArrayIsReadAsRecordsAsTheOriginalsReaderDid() throws Exception {
        try (CollectingEmitter out = read("\uFEFF \n [{\"id\": 1, \"name\": \"a\"}, {\"id\": 2}]")) {
            assertEquals("id:int64, name:utf8", BatchText.schema(out.batches().get(0)));
            assertEquals(List.of("1|\"a\"", "2|null"), out.rows());
        }
    }

    @Test
    void emptyInputsGiveNothingButEmptyColumnsKeepTheirNames() throws Exception {
        try (CollectingEmitter out = read("")) {
            assertEquals(List.of(), out.batches());
        }
        try (CollectingEmitter out = read("{}")) {
            assertEquals(List.of(), out.batches());
        }
        try (CollectingEmitter out = read("{\"a\": [], \"b\": []}")) {
            assertEquals(1, out.batches().size());
            assertEquals(0, out.rowCount());
            assertEquals("a:utf8, b:utf8", BatchText.schema(out.batches().get(0)));
        }
    }

    @Test
    void wrongShapesAreLocatedDataErrors() {
        assertEquals("in.json: column 'b' has 1 values, but column 'a' has 2 (format = \"dataframe\" needs "
                + "columns of equal length)", failure("{\"a\": [1, 2], \"b\": [1]}").getMessage());
        assertEquals("in.json:1:7: expected an array of values for column 'a', found a number",
                failure("{\"a\": 1}").getMessage());
        assertEquals("in.json:1:12: column 'a' appears twice", failure("{\"a\": [1], \"a\": [2]}").getMessage());
        assertEquals("in.json:1:1: expected an object of columns (format = \"dataframe\"), found a string",
                failure("\"columns\"").getMessage());
        assertEquals("in.json:1:12: expected the end of the input after the object, found an object",
                failure("{\"a\": [1]} {}").getMessage());
        assertEquals("in.json:1:11: invalid JSON: Unexpected character ('}' (code 125)): expected a value",
                failure("{\"a\": [1, }").getMessage());
    }
}
