package io.conveyor.plugin.stream.internal.chunk;

import static io.conveyor.testing.Batches.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
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

class ChunkApplyTest {

    private final RootAllocator root = new RootAllocator();
    private final TestContext context = TestContext.of(root, "chunk");
    private final ChunkApply chunk = new ChunkApply();

    @AfterEach
    void noLeaks() {
        context.close();
        root.close();
    }

    private TestConfig config(Map<String, ?> values) {
        return TestConfig.of(chunk.descriptor(), values);
    }

    @Test
    void chunksRunAcrossBatchesAndTheRestIsFlushedAtTheEnd() throws StageException {
        try (VectorSchemaRoot first = Batches.of(root, "id:int64, name:utf8", row(1, "a"), row(2, null), row(3, "c"));
                VectorSchemaRoot second = Batches.of(root, "id:int64, name:utf8", row(4, "d"), row(5, "e"),
                        row(6, "f"), row(7, "g"), row(8, "h"));
                CollectingEmitter out = Runs.transform(chunk, config(Map.of("batch_size", 3)), context, first,
                        second)) {
            assertEquals("records:List", BatchText.schema(out.batches().get(0)));
            assertEquals(List.of(
                    "[{\"id\":1,\"name\":\"a\"},{\"id\":2},{\"id\":3,\"name\":\"c\"}]",
                    "[{\"id\":4,\"name\":\"d\"},{\"id\":5,\"name\":\"e\"},{\"id\":6,\"name\":\"f\"}]",
                    "[{\"id\":7,\"name\":\"g\"},{\"id\":8,\"name\":\"h\"}]"), out.rows());
            // batch one is one whole chunk; batch two gives one and keeps two rows for the end
            assertEquals(List.of(1, 1, 1), out.batches().stream().map(VectorSchemaRoot::getRowCount).toList());
        }
    }

    @Test
    void aChunkCompletedByTheNextBatchComesWithThatBatchsChunks() throws StageException {
        try (VectorSchemaRoot first = Batches.of(root, "id:int64", row(1), row(2));
                VectorSchemaRoot second = Batches.of(root, "id:int64", row(3), row(4), row(5), row(6));
                CollectingEmitter out = Runs.transform(chunk, config(Map.of("batch_size", 2,
                        "output_column", "batch")), context, first, second)) {
            assertEquals("batch:List", BatchText.schema(out.batches().get(0)));
            assertEquals(List.of("[{\"id\":1},{\"id\":2}]", "[{\"id\":3},{\"id\":4}]", "[{\"id\":5},{\"id\":6}]"),
                    out.rows());
            assertEquals(List.of(1, 2), out.batches().stream().map(VectorSchemaRoot::getRowCount).toList());
        }
    }

    @Test
    void rowsWaitingAcrossSeveralSmallBatchesMakeOneChunk() throws StageException {
        try (VectorSchemaRoot a = Batches.of(root, "id:int64", row(1));
                VectorSchemaRoot b = Batches.of(root, "id:int64", row(2));
                VectorSchemaRoot c = Batches.of(root, "id:int64", row(3), row(4));
                CollectingEmitter out = Runs.transform(chunk, config(Map.of("batch_size", 3)), context, a, b, c)) {
            assertEquals(List.of("[{\"id\":1},{\"id\":2},{\"id\":3}]", "[{\"id\":4}]"), out.rows());
        }
    }

    @Test
    void aChunkWhoseRowsCameWithDifferentColumnsHoldsTheirUnion() throws StageException {
        try (VectorSchemaRoot first = Batches.of(root, "id:int64", row(1));
                VectorSchemaRoot second = Batches.of(root, "id:float64, name:utf8", row(2.5, "b"), row(3.0, "c"));
                CollectingEmitter out = Runs.transform(chunk, config(Map.of("batch_size", 2)), context, first,
                        second)) {
            assertEquals(List.of("[{\"id\":1.0},{\"id\":2.5,\"name\":\"b\"}]", "[{\"id\":3.0,\"name\":\"c\"}]"),
                    out.rows());
        }
    }

    @Test
    void anEmptyInputGivesTheListColumnWithoutRows() throws StageException {
        try (VectorSchemaRoot empty = Batches.of(root, "id:int64");
                CollectingEmitter out = Runs.transform(chunk, config(Map.of()), context, empty)) {
            assertEquals(1, out.batches().size());
            assertEquals(0, out.batches().get(0).getRowCount());
            assertEquals("records:List", BatchText.schema(out.batches().get(0)));
        }
        try (CollectingEmitter out = Runs.transform(chunk, config(Map.of()), context)) {
            assertEquals(0, out.batches().size());
        }
    }

    @Test
    void theDefaultChunkIsAHundredRows() throws StageException {
        Object[][] rows = new Object[150][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = row(i);
        }
        try (VectorSchemaRoot batch = Batches.of(root, "n:int64", rows);
                CollectingEmitter out = Runs.transform(chunk, config(Map.of()), context, batch)) {
            VectorSchemaRoot chunks = out.batches().get(0);
            assertEquals(1, chunks.getRowCount());
            assertEquals(100, ((List<?>) chunks.getVector(0).getObject(0)).size());
            assertEquals(50, ((List<?>) out.batches().get(1).getVector(0).getObject(0)).size());
        }
    }

    @Test
    void outputSchemaIsAListOfStructsOfTheInputColumns() {
        Schema input = Batches.schema("id:int64, name:utf8");
        TestSchemaContext schemas = TestSchemaContext.of("in", input);
        Optional<Schema> output = chunk.outputSchema(config(Map.of("output_column", "rows")), schemas);
        assertEquals("Schema<rows: List<item: Struct<id: Int(64, true), name: Utf8>>>",
                output.orElseThrow().toString());
        assertEquals(List.of(), schemas.problems());
    }

    @Test
    void severalInputsAreAProblem() {
        Map<String, Schema> inputs = new LinkedHashMap<>();
        inputs.put("a", null);
        inputs.put("b", null);
        TestSchemaContext schemas = TestSchemaContext.of(inputs);
        assertEquals(Optional.empty(), chunk.outputSchema(config(Map.of()), schemas));
        assertEquals(List.of("chunk.apply takes exactly one input, the stream it reads in order; got 2 (a, b)"),
                schemas.messages());
        StageException e = assertThrows(StageException.class, () -> chunk.open(config(Map.of()), context,
                List.of("a", "b")));
        assertEquals(ErrorCode.CONFIG, e.code());
    }

    @Test
    void batchSizeOutsideItsRangeAndAnEmptyColumnNameAreProblems() {
        assertEquals(List.of(new ConfigProblem("batch_size", "config key 'batch_size' must be between 1 and 10000, "
                + "got 0")), chunk.validate(config(Map.of("batch_size", 0))));
        assertEquals(List.of(new ConfigProblem("batch_size", "config key 'batch_size' must be between 1 and 10000, "
                + "got 10001")), chunk.validate(config(Map.of("batch_size", 10001))));
        assertEquals(List.of(new ConfigProblem("output_column", "config key 'output_column' must not be empty")),
                chunk.validate(config(Map.of("output_column", ""))));
        StageException e = assertThrows(StageException.class, () -> chunk.open(config(Map.of("batch_size", 0)),
                context, List.of("in")));
        assertEquals("batch_size", e.key());
    }
}
