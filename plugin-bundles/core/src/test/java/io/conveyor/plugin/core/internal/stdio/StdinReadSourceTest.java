package io.conveyor.plugin.core.internal.stdio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.api.stage.StageException;
import io.conveyor.testing.BatchText;
import io.conveyor.testing.CollectingEmitter;
import io.conveyor.testing.Runs;
import io.conveyor.testing.TestConfig;
import io.conveyor.testing.TestContext;

class StdinReadSourceTest {

    private final RootAllocator root = new RootAllocator();
    private final TestContext context = TestContext.of(root, "stdin");
    private final StdinReadSource source = new StdinReadSource();

    @AfterEach
    void noLeaks() {
        context.close();
        root.close();
    }

    private CollectingEmitter read(String stdin, Map<String, Object> config) throws StageException {
        return Runs.source(source, TestConfig.of(source.descriptor(), config), context.withStdin(stdin));
    }

    @Test
    void jsonIsAnArrayOfObjectsByDefault() throws StageException {
        try (CollectingEmitter out = read("[{\"id\": 1, \"ok\": true}, {\"id\": 2, \"ok\": false}]", Map.of())) {
            assertEquals("id:int64, ok:bool", BatchText.schema(out.batches().get(0)));
            assertEquals(List.of("1|true", "2|false"), out.rows());
        }
    }

    @Test
    void jsonLinesStreamOneObjectPerLine() throws StageException {
        try (CollectingEmitter out = read("{\"level\": \"error\"}\n{\"level\": \"info\"}\n", Map.of("format", "jsonl"))) {
            assertEquals(List.of("\"error\"", "\"info\""), out.rows());
        }
    }

    @Test
    void csvHonoursHeadersAndDelimiter() throws StageException {
        try (CollectingEmitter out = read("1\tx\n2\ty\n", Map.of("format", "csv", "headers", false, "delimiter", "\t"))) {
            assertEquals("column_1:int64, column_2:utf8", BatchText.schema(out.batches().get(0)));
            assertEquals(List.of("1|\"x\"", "2|\"y\""), out.rows());
        }
    }

    @Test
    void rawGivesOneLineColumnWithoutLineEndings() throws StageException {
        context.withBatchSize(2);
        try (CollectingEmitter out = read("first\r\n\nthird\nfourth", Map.of("format", "raw"))) {
            assertEquals("line:utf8", BatchText.schema(out.batches().get(0)));
            assertEquals(List.of("\"first\"", "\"\"", "\"third\"", "\"fourth\""), out.rows());
            assertEquals(2, out.batches().size());
        }
    }

    @Test
    void emptyStdinGivesNoBatchForJsonAndTheColumnsForRawAndCsvHeaders() throws StageException {
        try (CollectingEmitter out = read("", Map.of("format", "jsonl"))) {
            assertEquals(0, out.batches().size());
        }
        try (CollectingEmitter out = read("", Map.of("format", "raw"))) {
            assertEquals(1, out.batches().size());
            assertEquals("line:utf8", BatchText.schema(out.batches().get(0)));
            assertEquals(0, out.batches().get(0).getRowCount());
        }
        try (CollectingEmitter out = read("id,name\n", Map.of("format", "csv"))) {
            assertEquals("id:utf8, name:utf8", BatchText.schema(out.batches().get(0)));
            assertEquals(0, out.rowCount());
        }
    }

    /** Standard input that hands out one line per read, as a slow producer's pipe does. */
    private static InputStream lineByLine(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                int end = pos;
                while (end < count && buf[end] != '\n') {
                    end++;
                }
                return super.read(b, off, Math.min(len, Math.max(1, end + 1 - pos)));
            }
        };
    }

    @Test
    void rowsArePassedOnInFullBatchesAndTheRestWhenTheInputEndsAsTheDescriptionSays() throws StageException {
        context.withBatchSize(3).withStdin(lineByLine("a\nb\nc\nd\ne\n"));
        try (CollectingEmitter out = Runs.source(source, TestConfig.of(source.descriptor(), Map.of("format", "raw")),
                context)) {
            assertEquals(List.of(3, 2), out.batches().stream().map(b -> b.getRowCount()).toList());
        }
        assertEquals("Reads the run's standard input in batches: a JSON array of objects, JSON lines, CSV, or raw "
                + "text lines.", source.descriptor().description().split("(?<=\\.) ")[0]);
    }

    @Test
    void theRunsStdinIsNotClosed() throws StageException {
        boolean[] closed = {false};
        ByteArrayInputStream in = new ByteArrayInputStream("a\n".getBytes(StandardCharsets.UTF_8)) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        context.withStdin(in);
        Runs.source(source, TestConfig.of(source.descriptor(), Map.of("format", "raw")), context).close();
        assertEquals(false, closed[0]);
    }

    @Test
    void errorsNameStdinAsTheSource() {
        StageException e = assertThrows(StageException.class, () -> read("{\"a\": 1}", Map.of()).close());
        assertEquals("<stdin>:1:1: expected a JSON array of objects (format = \"json\"), found an object; for one "
                + "object per line, set format = \"jsonl\"", e.getMessage());
        e = assertThrows(StageException.class, () -> read("a,b\n1,\"x\n", Map.of("format", "csv")).close());
        assertEquals("<stdin>:2: unterminated quoted field (the '\"' opened on this line is never closed)",
                e.getMessage());
        e = assertThrows(StageException.class, () -> read("{\"a\": 1}{\"a\": 2}\n", Map.of("format", "jsonl")).close());
        assertEquals("<stdin>:1:9: expected the end of the line after the object, found an object (format = "
                + "\"jsonl\" reads one object per line)", e.getMessage());
    }

    @Test
    void aLongDelimiterIsAConfigProblem() {
        assertEquals(List.of(new ConfigProblem("delimiter",
                "config key 'delimiter' must be exactly one character, got string \"ab\"")),
                source.validate(TestConfig.of(source.descriptor(), Map.of("format", "csv", "delimiter", "ab"))));
    }
}
