package io.conveyor.plugin.core.internal.stdio;

import static io.conveyor.testing.Batches.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.api.stage.SinkTask;
import io.conveyor.testing.Batches;
import io.conveyor.testing.Runs;
import io.conveyor.testing.TestConfig;
import io.conveyor.testing.TestContext;

class StdoutWriteSinkTest {

    private final RootAllocator root = new RootAllocator();
    private final TestContext context = TestContext.of(root, "show");
    private final StdoutWriteSink sink = new StdoutWriteSink();

    @TempDir
    Path spoolFolder;

    private StdoutWriteSink spooling;
    private final VectorSchemaRoot first = Batches.of(root, "id:int64, product:utf8, amount:float64, ok:bool",
            row(2, "Desk, standing", 420.0, true), row(10, "Notebook\n\"A5\"", null, null));
    private final VectorSchemaRoot second = Batches.of(root, "id:int64, product:utf8, amount:float64, ok:bool",
            row(3, "Mug", 3.5, false));

    @BeforeEach
    void spoolInATestFolder() {
        spooling = new StdoutWriteSink(spoolFolder);
    }

    @AfterEach
    void noLeaks() {
        first.close();
        second.close();
        context.close();
        root.close();
    }

    private String print(Object... keyValues) throws Exception {
        Map<String, Object> config = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put((String) keyValues[i], keyValues[i + 1]);
        }
        Map<String, List<VectorSchemaRoot>> inputs = new LinkedHashMap<>();
        inputs.put("a", List.of(first));
        inputs.put("b", List.of(second));
        Runs.sink(sink, TestConfig.of(sink.descriptor(), config), context, inputs);
        return context.stdoutText();
    }

    @Test
    void theTableShowsShapeTypesAndAlignedCells() throws Exception {
        assertEquals("""
                shape: (3, 4)
                ┌─────┬────────────────┬────────┬───────┐
                │ id  ┆ product        ┆ amount ┆ ok    │
                │ --- ┆ ---            ┆ ---    ┆ ---   │
                │ i64 ┆ str            ┆ f64    ┆ bool  │
                ╞═════╪════════════════╪════════╪═══════╡
                │   2 ┆ Desk, standing ┆  420.0 ┆ true  │
                │  10 ┆ Notebook\\n"A5" ┆   null ┆ null  │
                │   3 ┆ Mug            ┆    3.5 ┆ false │
                └─────┴────────────────┴────────┴───────┘
                """, print());
    }

    @Test
    void aLimitedTableCountsEveryRowAndMarksTheCut() throws Exception {
        assertEquals("""
                shape: (3, 4)
                ┌─────┬────────────────┬────────┬──────┐
                │ id  ┆ product        ┆ amount ┆ ok   │
                │ --- ┆ ---            ┆ ---    ┆ ---  │
                │ i64 ┆ str            ┆ f64    ┆ bool │
                ╞═════╪════════════════╪════════╪══════╡
                │   2 ┆ Desk, standing ┆  420.0 ┆ true │
                │ …   ┆ …              ┆ …      ┆ …    │
                └─────┴────────────────┴────────┴──────┘
                """, print("limit", 1));
    }

    @Test
    void anEmptyInputPrintsAnEmptyShape() throws Exception {
        Runs.sink(sink, TestConfig.of(sink.descriptor(), Map.of()), context);
        assertEquals("shape: (0, 0)\n", context.stdoutText());
    }

    @Test
    void anEmptyResultShowsItsShapeColumnsAndTypes() throws Exception {
        try (VectorSchemaRoot empty = Batches.of(root, "id:int64, product:utf8")) {
            Runs.sink(sink, TestConfig.of(sink.descriptor(), Map.of()), context, empty);
        }
        assertEquals("""
                shape: (0, 2)
                ┌─────┬─────────┐
                │ id  ┆ product │
                │ --- ┆ ---     │
                │ i64 ┆ str     │
                ╞═════╪═════════╡
                └─────┴─────────┘
                """, context.stdoutText());
    }

    @Test
    void anEmptyResultAsCsvIsTheHeaderAndAsJsonAnEmptyArray() throws Exception {
        try (VectorSchemaRoot empty = Batches.of(root, "id:int64, product:utf8")) {
            Runs.sink(sink, TestConfig.of(sink.descriptor(), Map.of("format", "csv")), context, empty);
            Runs.sink(sink, TestConfig.of(sink.descriptor(), Map.of("format", "json")), context, empty);
            Runs.sink(sink, TestConfig.of(sink.descriptor(), Map.of("format", "jsonl")), context, empty);
        }
        assertEquals("id,product\n[]\n", context.stdoutText());
    }

    @Test
    void jsonIsPrettyByDefault() throws Exception {
        assertEquals("""
                [
                  {
                    "id": 2,
                    "product": "Desk, standing",
                    "amount": 420.0,
                    "ok": true
                  }
                ]
                """, print("format", "json", "limit", 1));
    }

    @Test
    void jsonLinesAndCsvStreamWithTheLimitAcrossInputs() throws Exception {
        assertEquals("{\"id\":2,\"product\":\"Desk, standing\",\"amount\":420.0,\"ok\":true}\n"
                + "{\"id\":10,\"product\":\"Notebook\\n\\\"A5\\\"\",\"amount\":null,\"ok\":null}\n"
                + "{\"id\":3,\"product\":\"Mug\",\"amount\":3.5,\"ok\":false}\n", print("format", "jsonl"));
    }

    @Test
    void csvUsesTheDelimiterAndALimit() throws Exception {
        assertEquals("id;product;amount;ok\n2;Desk, standing;420.0;true\n", print("format", "csv", "delimiter", ";",
                "limit", 1));
    }

    @Test
    void rowsAppearAsTheyArriveForStreamingFormats() throws Exception {
        SinkTask task = sink.open(TestConfig.of(sink.descriptor(), Map.of("format", "jsonl")), context, List.of("in"));
        Runs.write(task, "in", second);
        assertEquals("{\"id\":3,\"product\":\"Mug\",\"amount\":3.5,\"ok\":false}\n", context.stdoutText());
        task.commit();
        task.close();
    }

    private List<Path> spooled() throws IOException {
        try (Stream<Path> files = Files.list(spoolFolder)) {
            return files.toList();
        }
    }

    @Test
    void everyInputIsAcceptedAtAllTimes() throws Exception {
        try (SinkTask task = spooling.open(TestConfig.of(sink.descriptor(), Map.of()), context, List.of("a", "b"))) {
            assertTrue(task.accepts("a"));
            assertTrue(task.accepts("b"));
            task.endOfInput("a");
            assertTrue(task.accepts("b"));
        }
    }

    @Test
    void laterInputsWaitInATemporaryFileUntilTheirTurnThenStream() throws Exception {
        SinkTask task = spooling.open(TestConfig.of(sink.descriptor(), Map.of("format", "jsonl")), context,
                List.of("a", "b"));
        Runs.write(task, "b", second);
        assertEquals("", context.stdoutText());
        assertEquals(1, spooled().size());
        Runs.write(task, "a", first);
        assertEquals("{\"id\":2,\"product\":\"Desk, standing\",\"amount\":420.0,\"ok\":true}\n"
                + "{\"id\":10,\"product\":\"Notebook\\n\\\"A5\\\"\",\"amount\":null,\"ok\":null}\n", context.stdoutText());
        task.endOfInput("a");
        assertEquals(List.of(), spooled());
        Runs.write(task, "b", second);
        task.endOfInput("b");
        task.commit();
        task.close();
        assertEquals("{\"id\":2,\"product\":\"Desk, standing\",\"amount\":420.0,\"ok\":true}\n"
                + "{\"id\":10,\"product\":\"Notebook\\n\\\"A5\\\"\",\"amount\":null,\"ok\":null}\n"
                + "{\"id\":3,\"product\":\"Mug\",\"amount\":3.5,\"ok\":false}\n"
                + "{\"id\":3,\"product\":\"Mug\",\"amount\":3.5,\"ok\":false}\n", context.stdoutText());
    }

    /** Runs the sink over inputs a = [first], b = [second, second] with every batch of b arriving before a's. */
    private String printBFirst(Object... keyValues) throws Exception {
        Map<String, Object> config = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put((String) keyValues[i], keyValues[i + 1]);
        }
        try (SinkTask task = spooling.open(TestConfig.of(sink.descriptor(), config), context, List.of("a", "b"))) {
            Runs.write(task, "b", second, second);
            task.endOfInput("b");
            Runs.write(task, "a", first);
            task.endOfInput("a");
            task.commit();
        }
        assertEquals(List.of(), spooled());
        return context.stdoutText();
    }

    @Test
    void anInputThatEndsFirstIsStillPrintedInInputOrderWithTheLimitAcrossInputs() throws Exception {
        assertEquals("id,product,amount,ok\n2,\"Desk, standing\",420.0,true\n10,\"Notebook\n\"\"A5\"\"\",,\n"
                + "3,Mug,3.5,false\n", printBFirst("format", "csv", "limit", 3));
    }

    @Test
    void theTableShowsInputsInOrderAndCountsEveryRowOfASpooledInput() throws Exception {
        assertEquals("""
                shape: (4, 4)
                ┌─────┬────────────────┬────────┬──────┐
                │ id  ┆ product        ┆ amount ┆ ok   │
                │ --- ┆ ---            ┆ ---    ┆ ---  │
                │ i64 ┆ str            ┆ f64    ┆ bool │
                ╞═════╪════════════════╪════════╪══════╡
                │   2 ┆ Desk, standing ┆  420.0 ┆ true │
                │  10 ┆ Notebook\\n"A5" ┆   null ┆ null │
                │ …   ┆ …              ┆ …      ┆ …    │
                └─────┴────────────────┴────────┴──────┘
                """, printBFirst("limit", 2));
    }

    @Test
    void aSpooledInputMayChangeItsColumnsInJson() throws Exception {
        try (VectorSchemaRoot other = Batches.of(root, "key:utf8", row("k"));
                SinkTask task = spooling.open(TestConfig.of(sink.descriptor(), Map.of("format", "json", "pretty",
                        false)), context, List.of("a", "b"))) {
            Runs.write(task, "b", second, other, second);
            Runs.write(task, "a", second);
            task.endOfInput("a");
            task.endOfInput("b");
            task.commit();
        }
        String mug = "{\"id\":3,\"product\":\"Mug\",\"amount\":3.5,\"ok\":false}";
        assertEquals("[" + mug + "," + mug + ",{\"key\":\"k\"}," + mug + "]\n", context.stdoutText());
    }

    @Test
    void aFailedRunDeletesTheTemporaryFiles() throws Exception {
        try (SinkTask task = spooling.open(TestConfig.of(sink.descriptor(), Map.of()), context, List.of("a", "b"))) {
            Runs.write(task, "b", second);
            assertEquals(1, spooled().size());
            task.abort();
        }
        assertEquals(List.of(), spooled());
    }

    @Test
    void aNegativeLimitIsAConfigProblem() {
        assertEquals(List.of(new ConfigProblem("limit", "config key 'limit' must be 0 or more, got -1")),
                sink.validate(TestConfig.of(sink.descriptor(), Map.of("limit", -1))));
    }
}
