package io.conveyor.plugin.stream.internal.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonFactory;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.api.stage.ErrorCode;
import io.conveyor.api.stage.StageException;
import io.conveyor.testing.BatchText;
import io.conveyor.testing.CollectingEmitter;
import io.conveyor.testing.Runs;
import io.conveyor.testing.TestConfig;
import io.conveyor.testing.TestContext;
import io.conveyor.testing.TestSchemaContext;

class StdinStreamSourceTest {

    private final RootAllocator root = new RootAllocator();
    private final TestContext context = TestContext.of(root, "events");
    private final StdinStreamSource source = new StdinStreamSource();

    @AfterEach
    void noLeaks() {
        context.close();
        root.close();
    }

    private TestConfig config(Map<String, ?> values) {
        return TestConfig.of(source.descriptor(), values);
    }

    /**
     * The batches read from {@code stdin} through the real reader thread, each as its schema and
     * rows. The flush interval is an hour, so batches end only at the batch size or the end of
     * the input, whatever the thread's timing.
     */
    private List<String> read(String stdin, Map<String, Object> values) throws StageException {
        context.withStdin(stdin);
        Map<String, Object> all = new java.util.HashMap<>(values);
        all.put("flush_interval_ms", 3_600_000);
        try (CollectingEmitter out = Runs.source(source, config(all), context)) {
            return render(out);
        }
    }

    private static List<String> render(CollectingEmitter out) {
        List<String> lines = new ArrayList<>();
        for (VectorSchemaRoot batch : out.batches()) {
            lines.add(BatchText.schema(batch));
            lines.addAll(BatchText.rows(batch));
        }
        return lines;
    }

    @Test
    void jsonLinesGrowTheirSchemaAsKeysAndWiderValuesAppear() throws StageException {
        assertEquals(List.of("a:int64, b:utf8, c:utf8",
                "1|null|null", "2|\"x\"|null", "null|null|\"{\"d\":[1,true]}\""),
                read("{\"a\":1}\n\n{\"a\":2,\"b\":\"x\"}\n{\"b\":null,\"c\":{\"d\":[1,true]}}\n", Map.of()));
        assertEquals(List.of("a:float64", "1.0", "2.5"), read("{\"a\":1}\r\n{\"a\":2.5}", Map.of()));
        assertEquals(List.of("a:int64, b:Null", "1|null"), read("{\"a\":1,\"b\":null}\n", Map.of()));
    }

    @Test
    void jsonAlsoTakesALineHoldingAnArrayOfObjects() throws StageException {
        assertEquals(List.of("id:int64", "1", "2", "3"),
                read("[{\"id\":1},{\"id\":2}]\n{\"id\":3}\n", Map.of("format", "json")));
    }

    @Test
    void aLineThatIsNotAnObjectFailsTheRunNamingItsLine() {
        StageException e = assertThrows(StageException.class, () -> read("{\"id\":1}\n[{\"id\":2}]\n", Map.of()));
        assertEquals(ErrorCode.DATA, e.code());
        assertEquals("<stdin> line 2: expected a JSON object, found an array", e.getMessage());
        e = assertThrows(StageException.class, () -> read("{\"id\":1}\n{\"id\":\n", Map.of()));
        assertTrue(e.getMessage().startsWith("<stdin> line 2: not valid JSON: "), e.getMessage());
        e = assertThrows(StageException.class, () -> read("{\"id\":1} {\"id\":2}\n", Map.of()));
        assertEquals("<stdin> line 1: more than one JSON value on the line", e.getMessage());
    }

    @Test
    void csvWithoutHeadersNamesFieldsAsTheOriginalDid() throws StageException {
        assertEquals(List.of("field_0:int64, field_1:utf8, field_2:float64, field_3:utf8",
                "1|\"a, b\"|2.5|null", "2|\"\"|null|\"x\""),
                read("1,\"a, b\",2.5\n\n2,\"\",,x\n", Map.of("format", "csv")));
    }

    @Test
    void csvRecordsMaySpanLinesInsideQuotes() throws StageException {
        assertEquals(List.of("id:int64, note:utf8", "1|\"two\nlines, \"quoted\"\"", "2|\"plain\""),
                read("id;note\n1;\"two\nlines, \"\"quoted\"\"\"\n2;plain\n",
                        Map.of("format", "csv", "headers", true, "delimiter", ";")));
    }

    @Test
    void aQuoteNeverClosedIsAnErrorAtTheEnd() {
        StageException e = assertThrows(StageException.class,
                () -> read("1,ok\n2,\"open\nstill\n", Map.of("format", "csv")));
        assertEquals("<stdin> line 2: a quoted field is never closed", e.getMessage());
    }

    @Test
    void textGivesOneLineColumnAndAnEmptyInputStillHasIt() throws StageException {
        assertEquals(List.of("line:utf8", "\"first\"", "\"\"", "\"third\""),
                read("first\n\nthird\n", Map.of("format", "text")));
        assertEquals(List.of("line:utf8"), read("", Map.of("format", "text")));
        assertEquals(List.of(), read("", Map.of()));
    }

    /** Runs a task over a script until it ends, noting each batch's rows with the script's time in ms. */
    private List<String> batches(ScriptedFeed feed, String format, long flushMillis) throws StageException {
        List<String> lines = new ArrayList<>();
        LineFormat parse = LineFormat.of(format, false, ',', "<stdin>", new JsonFactory());
        try (LineStreamTask task = new LineStreamTask(feed, parse, flushMillis * 1_000_000, context, feed::now,
                "<stdin>"); CollectingEmitter out = new CollectingEmitter()) {
            boolean more = true;
            while (more) {
                int before = out.batches().size();
                more = task.produce(out);
                for (VectorSchemaRoot batch : out.batches().subList(before, out.batches().size())) {
                    lines.add(feed.now() / 1_000_000 + "ms " + BatchText.rows(batch));
                }
            }
        }
        return lines;
    }

    @Test
    void aBatchGoesWhenTheFlushIntervalHasPassedSinceItsFirstLine() throws StageException {
        ScriptedFeed feed = new ScriptedFeed().lines("a", "b").pause(300).lines("c").eof();
        assertEquals(List.of("200ms [\"a\", \"b\"]", "300ms [\"c\"]"), batches(feed, "text", 200));
    }

    @Test
    void aTricklingProducerStillSeesItsRowsWithinTheInterval() throws StageException {
        ScriptedFeed feed = new ScriptedFeed().lines("a").pause(150).lines("b").pause(150).lines("c").pause(150)
                .lines("d").pause(150).lines("e").eof();
        assertEquals(List.of("200ms [\"a\", \"b\"]", "500ms [\"c\", \"d\"]", "600ms [\"e\"]"),
                batches(feed, "text", 200));
    }

    @Test
    void aFullBatchGoesAtOnce() throws StageException {
        context.withBatchSize(2);
        ScriptedFeed feed = new ScriptedFeed().lines("a", "b", "c").pause(50).lines("d").eof();
        assertEquals(List.of("0ms [\"a\", \"b\"]", "50ms [\"c\", \"d\"]"), batches(feed, "text", 1000));
    }

    @Test
    void aFlushIntervalOfZeroPassesOnWhatIsThereAtOnce() throws StageException {
        ScriptedFeed feed = new ScriptedFeed().lines("a", "b").pause(10).lines("c").eof();
        assertEquals(List.of("0ms [\"a\", \"b\"]", "10ms [\"c\"]"), batches(feed, "text", 0));
    }

    @Test
    void withNothingArrivingEachCallReturnsAfterOneShortWait() throws StageException {
        ScriptedFeed feed = new ScriptedFeed().silence();
        LineFormat text = LineFormat.of("text", false, ',', "<stdin>", new JsonFactory());
        try (LineStreamTask task = new LineStreamTask(feed, text, 1_000_000_000L, context, feed::now, "<stdin>");
                CollectingEmitter out = new CollectingEmitter()) {
            assertTrue(task.produce(out));
            assertTrue(task.produce(out));
            assertEquals(0, out.batches().size());
            assertEquals(2, feed.polls());
            assertEquals(200, feed.now() / 1_000_000);
        }
        assertTrue(feed.closed());
    }

    @Test
    void aStoppingRunEndsTheWaitForMoreLinesAfterOneSlice() throws StageException {
        ScriptedFeed feed = new ScriptedFeed().lines("a").silence();
        LineFormat text = LineFormat.of("text", false, ',', "<stdin>", new JsonFactory());
        try (LineStreamTask task = new LineStreamTask(feed, text, 3_600_000_000_000L, context, feed::now, "<stdin>");
                CollectingEmitter out = new CollectingEmitter()) {
            context.stop();
            assertTrue(task.produce(out));
            assertEquals(2, feed.polls());
            assertEquals(List.of("\"a\""), out.rows());
        }
    }

    @Test
    void theInputEndingEndsTheSource() throws StageException {
        ScriptedFeed feed = new ScriptedFeed().eof();
        LineFormat json = LineFormat.of("jsonl", false, ',', "<stdin>", new JsonFactory());
        try (LineStreamTask task = new LineStreamTask(feed, json, 0, context, feed::now, "<stdin>");
                CollectingEmitter out = new CollectingEmitter()) {
            assertFalse(task.produce(out));
            assertFalse(task.produce(out));
            assertEquals(0, out.batches().size());
        }
    }

    @Test
    void outputSchemaIsKnownForTextOnly() {
        assertEquals("Schema<line: Utf8>", source.outputSchema(config(Map.of("format", "text")),
                TestSchemaContext.none()).orElseThrow().toString());
        assertEquals(Optional.empty(), source.outputSchema(config(Map.of()), TestSchemaContext.none()));
    }

    @Test
    void configProblems() {
        assertEquals(List.of(new ConfigProblem("flush_interval_ms", "config key 'flush_interval_ms' must be 0 or more, "
                + "got -1"), new ConfigProblem("delimiter", "config key 'delimiter' must be exactly one character, "
                + "got string \"\"")), source.validate(config(Map.of("flush_interval_ms", -1, "delimiter", ""))));
        StageException e = assertThrows(StageException.class, () -> source.open(config(Map.of("flush_interval_ms",
                -5)), context));
        assertEquals("flush_interval_ms", e.key());
        assertThrows(IllegalArgumentException.class, () -> config(Map.of("format", "raw")));
    }
}
