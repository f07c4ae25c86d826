package io.conveyor.plugin.reshape.internal.limit;

import static io.conveyor.testing.Batches.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
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

class LimitApplyTest {

    private final RootAllocator root = new RootAllocator();
    private final TestContext context = TestContext.of(root, "limit");
    private final LimitApply limit = new LimitApply();
    private final List<VectorSchemaRoot> inputs = new ArrayList<>();

    @AfterEach
    void noLeaks() {
        inputs.forEach(VectorSchemaRoot::close);
        context.close();
        root.close();
    }

    /** A batch of the numbers {@code from..to}, with a text column. */
    private VectorSchemaRoot numbers(int from, int to) {
        Object[][] rows = new Object[to - from + 1][];
        for (int n = from; n <= to; n++) {
            rows[n - from] = row(n, n % 2 == 0 ? "even" : null);
        }
        VectorSchemaRoot batch = Batches.of(root, "n:int64, s:utf8", rows);
        inputs.add(batch);
        return batch;
    }

    private CollectingEmitter run(Map<String, ?> values, VectorSchemaRoot... batches) throws StageException {
        return Runs.transform(limit, TestConfig.of(limit.descriptor(), values), context, batches);
    }

    private static List<String> firstColumn(CollectingEmitter out) {
        return out.rows().stream().map(r -> r.substring(0, r.indexOf('|'))).toList();
    }

    @Test
    void passesTheFirstNRowsAcrossBatches() throws StageException {
        VectorSchemaRoot first = numbers(1, 3);
        VectorSchemaRoot second = numbers(4, 6);
        VectorSchemaRoot third = numbers(7, 9);
        try (CollectingEmitter out = run(Map.of("n", 5), first, second, third)) {
            assertEquals(List.of("1", "2", "3", "4", "5"), firstColumn(out));
            assertSame(first, out.batches().get(0), "a batch that passes whole is forwarded");
            assertEquals(List.of("4|\"even\"", "5|null"), BatchText.rows(out.batches().get(1)));
        }
    }

    @Test
    void skipsTheOffsetFirst() throws StageException {
        try (CollectingEmitter out = run(Map.of("n", 3, "offset", 2), numbers(1, 3), numbers(4, 6))) {
            assertEquals(List.of("3", "4", "5"), firstColumn(out));
        }
        try (CollectingEmitter out = run(Map.of("n", 2, "offset", 4), numbers(1, 3), numbers(4, 6))) {
            assertEquals(List.of("5", "6"), firstColumn(out));
        }
    }

    @Test
    void theSlicedRowsOutliveTheInput() throws StageException {
        VectorSchemaRoot batch = numbers(1, 6);
        try (CollectingEmitter out = run(Map.of("n", 2, "offset", 3), batch)) {
            batch.close();
            inputs.clear();
            assertEquals(List.of("4|\"even\"", "5|null"), out.rows());
        }
    }

    @Test
    void stopsReadingOnceNRowsHavePassed() throws StageException {
        VectorSchemaRoot first = numbers(1, 3);
        VectorSchemaRoot second = numbers(4, 6);
        try (CollectingEmitter out = run(Map.of("n", 3), first, second)) {
            assertEquals(List.of("1", "2", "3"), firstColumn(out));
            assertEquals(1, out.batches().size(), "the second batch is never read");
        }
    }

    @Test
    void fewerRowsThanNPassAll() throws StageException {
        try (CollectingEmitter out = run(Map.of("n", 100), numbers(1, 2), numbers(3, 3))) {
            assertEquals(List.of("1", "2", "3"), firstColumn(out));
        }
    }

    @Test
    void zeroRowsStillTellTheColumns() throws StageException {
        try (CollectingEmitter out = run(Map.of("n", 0), numbers(1, 3), numbers(4, 6))) {
            assertEquals(1, out.batches().size());
            assertEquals(0, out.batches().get(0).getRowCount());
            assertEquals("n:int64, s:utf8", BatchText.schema(out.batches().get(0)));
        }
        try (CollectingEmitter out = run(Map.of("n", 2, "offset", 10), numbers(1, 3), numbers(4, 6))) {
            assertEquals(List.of(0), out.batches().stream().map(VectorSchemaRoot::getRowCount).toList());
            assertEquals("n:int64, s:utf8", BatchText.schema(out.batches().get(0)));
        }
    }

    @Test
    void emptyInputGivesEmptyOutput() throws StageException {
        try (CollectingEmitter out = run(Map.of("n", 5))) {
            assertEquals(List.of(), out.batches());
        }
        VectorSchemaRoot empty = Batches.of(root, "n:int64");
        inputs.add(empty);
        try (CollectingEmitter out = run(Map.of("n", 5), empty, numbers(1, 2))) {
            assertSame(empty, out.batches().get(0));
            assertEquals(List.of("1", "2"), firstColumn(out));
        }
    }

    @Test
    void negativeValuesAreConfigProblems() {
        assertEquals(List.of(new ConfigProblem("n", "config key 'n' must be 0 or more, got -1"),
                new ConfigProblem("offset", "config key 'offset' must be 0 or more, got -5")),
                limit.validate(TestConfig.of(limit.descriptor(), Map.of("n", -1, "offset", -5))));
        StageException e = assertThrows(StageException.class, () -> limit.open(TestConfig.of(limit.descriptor(),
                Map.of("n", -1)), context, List.of("in")));
        assertEquals(ErrorCode.CONFIG, e.code());
        assertEquals("n", e.key());
    }

    @Test
    void takesExactlyOneInput() {
        Map<String, Schema> two = new LinkedHashMap<>();
        two.put("a", Batches.schema("n:int64"));
        two.put("b", Batches.schema("n:int64"));
        TestSchemaContext twoInputs = TestSchemaContext.of(two);
        TestConfig config = TestConfig.of(limit.descriptor(), Map.of("n", 1));

        assertEquals(Optional.empty(), limit.outputSchema(config, twoInputs));
        assertEquals(List.of(new ConfigProblem(null, "limit.apply takes exactly one input, but the pipeline lists 2 "
                + "(a, b); combine several with union.apply first")), twoInputs.problems());
        StageException e = assertThrows(StageException.class, () -> limit.open(config, context, List.of("a", "b")));
        assertEquals(ErrorCode.CONFIG, e.code());

        TestSchemaContext one = TestSchemaContext.of("a", Batches.schema("n:int64"));
        assertEquals(Optional.of(Batches.schema("n:int64")), limit.outputSchema(config, one));
        assertEquals(List.of(), one.problems());
    }
}
