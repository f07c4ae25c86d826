package io.conveyor.plugin.stream.internal.sink;

import static io.conveyor.testing.Batches.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.api.stage.Sink;
import io.conveyor.api.stage.StageException;
import io.conveyor.plugin.stream.internal.chunk.ChunkApplyAccess;
import io.conveyor.testing.Batches;
import io.conveyor.testing.CollectingEmitter;
import io.conveyor.testing.Runs;
import io.conveyor.testing.TestConfig;
import io.conveyor.testing.TestContext;

class StdoutStreamSinkTest {

    private static final String ORDERS = "id:int64, name:utf8, price:float64, ok:bool";

    private final RootAllocator root = new RootAllocator();
    private final TestContext context = TestContext.of(root, "show");
    private final StdoutStreamSink sink = new StdoutStreamSink();

    @AfterEach
    void noLeaks() {
        context.close();
        root.close();
    }

    private String print(Sink stage, Map<String, ?> values, VectorSchemaRoot... batches) throws StageException {
        try {
            Runs.sink(stage, TestConfig.of(stage.descriptor(), values), context, batches);
        } finally {
            for (VectorSchemaRoot batch : batches) {
                batch.close();
            }
        }
        return context.stdoutText();
    }

    /** Prints batches the caller keeps owning. */
    private String printBorrowed(Map<String, ?> values, CollectingEmitter batches) throws StageException {
        Runs.sink(sink, TestConfig.of(sink.descriptor(), values), context,
                batches.batches().toArray(VectorSchemaRoot[]::new));
        return context.stdoutText();
    }

    private VectorSchemaRoot orders() {
        return Batches.of(root, ORDERS, row(1, "pen, blue", 1.5, true), row(2, null, null, false),
                row(3, "say \"hi\"", 1e7, null), row(4, "", -0.25, true));
    }

    @Test
    void jsonLinesByDefaultWithKeysInColumnOrder() throws StageException {
        assertEquals("""
                {"id":1,"name":"pen, blue","price":1.5,"ok":true}
                {"id":2,"name":null,"price":null,"ok":false}
                {"id":3,"name":"say \\"hi\\"","price":10000000.0,"ok":null}
                {"id":4,"name":"","price":-0.25,"ok":true}
                """, print(sink, Map.of(), orders()));
    }

    @Test
    void prettyJsonIndentsEachObject() throws StageException {
        assertEquals("""
                {
                  "id": 1,
                  "name": "pen, blue",
                  "price": 1.5,
                  "ok": true
                }
                """, print(sink, Map.of("format", "json", "pretty", true),
                Batches.of(root, ORDERS, row(1, "pen, blue", 1.5, true))));
    }

    @Test
    void csvValuesInColumnOrderQuotedWhenNeeded() throws StageException {
        assertEquals("""
                1,"pen, blue",1.5,true
                2,,,false
                3,"say ""hi""\",10000000.0,
                4,"",-0.25,true
                """, print(sink, Map.of("format", "csv"), orders()));
    }

    @Test
    void csvHeadersArePrintedAgainWhenTheColumnsChange() throws StageException {
        assertEquals("""
                id;name
                1;a
                2;b
                id;name;extra
                3;c;x
                """, print(sink, Map.of("format", "csv", "headers", true, "delimiter", ";"),
                Batches.of(root, "id:int64, name:utf8", row(1, "a")),
                Batches.of(root, "id:int64, name:utf8", row(2, "b")),
                Batches.of(root, "id:int64, name:utf8, extra:utf8", row(3, "c", "x"))));
    }

    @Test
    void textGivesKeyValuePairsWithJsonValues() throws StageException {
        assertEquals("""
                id=1 name="pen, blue" price=1.5 ok=true
                id=2 name=null price=null ok=false
                id=3 name="say \\"hi\\"" price=10000000.0 ok=null
                id=4 name="" price=-0.25 ok=true
                """, print(sink, Map.of("format", "text"), orders()));
    }

    @Test
    void nestedListsOfStructsPrintAsJson() throws StageException {
        ChunkApplyAccess chunks = new ChunkApplyAccess(root);
        try (CollectingEmitter chunked = chunks.chunk(2, Batches.of(root, "id:int64, tag:utf8", row(1, "a"),
                row(2, null), row(3, "c")))) {
            assertEquals("""
                    {"records":[{"id":1,"tag":"a"},{"id":2,"tag":null}]}
                    {"records":[{"id":3,"tag":"c"}]}
                    """, printBorrowed(Map.of(), chunked));
        } finally {
            chunks.close();
        }
    }

    @Test
    void prettyNestedValuesAreIndentedByLevel() throws StageException {
        ChunkApplyAccess chunks = new ChunkApplyAccess(root);
        try (CollectingEmitter chunked = chunks.chunk(2, Batches.of(root, "id:int64", row(1), row(2)))) {
            assertEquals("""
                    {
                      "records": [
                        {
                          "id": 1
                        },
                        {
                          "id": 2
                        }
                      ]
                    }
                    """, printBorrowed(Map.of("format", "json", "pretty", true), chunked));
        } finally {
            chunks.close();
        }
    }

    @Test
    void linesAreWrittenAndFlushedEveryFlushEveryRowsAndAtTheEndOfEachBatch() throws StageException {
        List<String> writes = new ArrayList<>();
        PrintStream recording = new PrintStream(new OutputStream() {
            private final ByteArrayOutputStream current = new ByteArrayOutputStream();

            @Override
            public void write(int b) {
                current.write(b);
            }

            @Override
            public void flush() {
                if (current.size() > 0) {
                    writes.add(current.toString(StandardCharsets.UTF_8));
                    current.reset();
                }
            }
        }, false, StandardCharsets.UTF_8);
        try (StdoutStreamTask task = new StdoutStreamTask(recording, RowFormat.of("csv", false, ',', false), 2);
                VectorSchemaRoot five = Batches.of(root, "n:int64", row(1), row(2), row(3), row(4), row(5));
                VectorSchemaRoot one = Batches.of(root, "n:int64", row(6))) {
            task.write("in", five);
            task.write("in", one);
            task.commit();
        }
        assertEquals(List.of("1\n2\n", "3\n4\n", "5\n", "6\n"), writes);
    }

    @Test
    void theOriginalNameWorksTheSame() throws StageException {
        StdoutStreamAlias alias = new StdoutStreamAlias();
        assertEquals("stdout_stream.write", alias.descriptor().function());
        assertEquals("id=1 name=\"a\"\n", print(alias, Map.of("format", "text"),
                Batches.of(root, "id:int64, name:utf8", row(1, "a"))));
    }

    @Test
    void anEmptyInputPrintsNothingButACsvHeader() throws StageException {
        assertEquals("", print(sink, Map.of(), Batches.of(root, ORDERS)));
        assertEquals("id,name,price,ok\n", print(sink, Map.of("format", "csv", "headers", true),
                Batches.of(root, ORDERS)));
    }

    @Test
    void configProblems() {
        assertEquals(List.of(new ConfigProblem("flush_every", "config key 'flush_every' must be 1 or more, got 0"),
                new ConfigProblem("delimiter", "config key 'delimiter' must be exactly one character, got string "
                        + "\"||\"")), sink.validate(TestConfig.of(sink.descriptor(), Map.of("flush_every", 0,
                "delimiter", "||"))));
        StageException e = assertThrows(StageException.class, () -> sink.open(TestConfig.of(sink.descriptor(),
                Map.of("flush_every", -1)), context, List.of("in")));
        assertEquals("flush_every", e.key());
    }
}
