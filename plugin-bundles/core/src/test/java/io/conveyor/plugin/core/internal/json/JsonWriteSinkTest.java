package io.conveyor.plugin.core.internal.json;

import static io.conveyor.testing.Batches.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.api.stage.SinkTask;
import io.conveyor.api.stage.StageException;
import io.conveyor.testing.Batches;
import io.conveyor.testing.Runs;
import io.conveyor.testing.TestConfig;
import io.conveyor.testing.TestContext;

class JsonWriteSinkTest {

    @TempDir
    Path dir;

    private final RootAllocator root = new RootAllocator();
    private final TestContext context = TestContext.of(root, "write");
    private final JsonWriteSink sink = new JsonWriteSink();

    @AfterEach
    void noLeaks() {
        context.close();
        root.close();
    }

    private String write(String format, boolean pretty, VectorSchemaRoot... batches) throws Exception {
        Runs.sink(sink, TestConfig.of(sink.descriptor(), Map.of("path", "out.json", "format", format,
                "pretty", pretty), dir), context, batches);
        return Files.readString(dir.resolve("out.json"));
    }

    private VectorSchemaRoot sample() {
        return Batches.of(root, "id:int64, name:utf8, price:float64, ok:bool",
                row(1, "say \"hi\"\n", 150.0, true), row(2, null, Double.NaN, null));
    }

    @Test
    void compactRecordsKeepColumnOrderIntegersAndFloats() throws Exception {
        try (VectorSchemaRoot batch = sample()) {
            assertEquals("[{\"id\":1,\"name\":\"say \\\"hi\\\"\\n\",\"price\":150.0,\"ok\":true},"
                    + "{\"id\":2,\"name\":null,\"price\":null,\"ok\":null}]\n", write("records", false, batch));
        }
    }

    @Test
    void prettyRecordsIndentTwoSpacesPerLevel() throws Exception {
        try (VectorSchemaRoot batch = sample()) {
            assertEquals("""
                    [
                      {
                        "id": 1,
                        "name": "say \\"hi\\"\\n",
                        "price": 150.0,
                        "ok": true
                      },
                      {
                        "id": 2,
                        "name": null,
                        "price": null,
                        "ok": null
                      }
                    ]
                    """, write("records", true, batch));
        }
    }

    @Test
    void jsonLinesAreCompactWithATrailingNewlineEvenWhenPretty() throws Exception {
        try (VectorSchemaRoot a = Batches.of(root, "n:int64", row(1), row(2));
                VectorSchemaRoot b = Batches.of(root, "n:int64, s:utf8", row(3, "x"))) {
            assertEquals("{\"n\":1}\n{\"n\":2}\n{\"n\":3,\"s\":\"x\"}\n", write("jsonl", true, a, b));
        }
    }

    @Test
    void noRowsGiveAnEmptyArrayOrAnEmptyFile() throws Exception {
        assertEquals("[]\n", write("records", true));
        assertEquals("", write("jsonl", false));
        try (VectorSchemaRoot empty = Batches.of(root, "id:int64")) {
            assertEquals("[]\n", write("records", false, empty));
            assertEquals("[]\n", write("records", true, empty));
            assertEquals("", write("jsonl", false, empty));
        }
    }

    @Test
    void severalInputsAreWrittenInPipelineOrder() throws Exception {
        try (VectorSchemaRoot shipped = Batches.of(root, "id:int64", row(1), row(2));
                VectorSchemaRoot returns = Batches.of(root, "id:int64, total:float64", row(9, -4.5))) {
            Map<String, List<VectorSchemaRoot>> inputs = new LinkedHashMap<>();
            inputs.put("shipped", List.of(shipped));
            inputs.put("returns", List.of(returns));
            Runs.sink(sink, TestConfig.of(sink.descriptor(), Map.of("path", "ledger.jsonl", "format", "jsonl"), dir),
                    context, inputs);
        }
        assertEquals("{\"id\":1}\n{\"id\":2}\n{\"id\":9,\"total\":-4.5}\n",
                Files.readString(dir.resolve("ledger.jsonl")));
    }

    private String writeInputs(Map<String, ?> config, Map<String, List<VectorSchemaRoot>> inputs) throws Exception {
        Map<String, Object> values = new LinkedHashMap<>(config);
        values.put("path", "out.json");
        Runs.sink(sink, TestConfig.of(sink.descriptor(), values, dir), context, inputs);
        return Files.readString(dir.resolve("out.json"));
    }

    @Test
    void inputsArrivingInterleavedAreWrittenOneAfterTheOtherInEveryLayout() throws Exception {
        try (VectorSchemaRoot a1 = Batches.of(root, "n:int64", row(1));
                VectorSchemaRoot a2 = Batches.of(root, "n:int64", row(2));
                VectorSchemaRoot b1 = Batches.of(root, "n:int64", row(10), row(11));
                VectorSchemaRoot b2 = Batches.of(root, "n:int64", row(12))) {
            Map<String, List<VectorSchemaRoot>> inputs = new LinkedHashMap<>();
            inputs.put("a", List.of(a1, a2));
            inputs.put("b", List.of(b1, b2));
            assertEquals("[{\"n\":1},{\"n\":2},{\"n\":10},{\"n\":11},{\"n\":12}]\n",
                    writeInputs(Map.of(), inputs));
            assertEquals("{\"n\":1}\n{\"n\":2}\n{\"n\":10}\n{\"n\":11}\n{\"n\":12}\n",
                    writeInputs(Map.of("format", "jsonl"), inputs));
            assertEquals("""
                    [
                      {
                        "n": 1
                      },
                      {
                        "n": 2
                      },
                      {
                        "n": 10
                      },
                      {
                        "n": 11
                      },
                      {
                        "n": 12
                      }
                    ]
                    """, writeInputs(Map.of("pretty", true), inputs));
        }
    }

    @Test
    void theArrayOpensWithTheFirstInputThatHasRows() throws Exception {
        try (VectorSchemaRoot c = Batches.of(root, "n:int64", row(20))) {
            Map<String, List<VectorSchemaRoot>> inputs = new LinkedHashMap<>();
            inputs.put("a", List.of());
            inputs.put("b", List.of());
            inputs.put("c", List.of(c));
            assertEquals("[{\"n\":20}]\n", writeInputs(Map.of(), inputs));
            assertEquals("[\n  {\n    \"n\": 20\n  }\n]\n", writeInputs(Map.of("pretty", true), inputs));
            inputs.put("c", List.of());
            assertEquals("[]\n", writeInputs(Map.of(), inputs));
        }
    }

    @Test
    void abortLeavesNoFile() throws Exception {
        SinkTask task = sink.open(TestConfig.of(sink.descriptor(), Map.of("path", "out.json"), dir), context,
                List.of("in"));
        try (VectorSchemaRoot batch = sample()) {
            Runs.write(task, "in", batch);
        }
        task.abort();
        task.close();
        assertFalse(Files.exists(dir.resolve("out.json")));
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void anEmptyPathIsAConfigProblemOfThePathKey() {
        TestConfig empty = TestConfig.of(sink.descriptor(), Map.of("path", ""));
        assertEquals(List.of(new ConfigProblem("path", "config key 'path' must not be empty")), sink.validate(empty));
        StageException e = assertThrows(StageException.class, () -> sink.open(empty, context, List.of("in")));
        assertEquals("path", e.key());
        assertEquals("config key 'path' must not be empty", e.getMessage());
    }
}
