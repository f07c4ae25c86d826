package io.conveyor.plugin.reshape.internal.union;

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

import io.conveyor.api.stage.ErrorCode;
import io.conveyor.api.stage.StageException;
import io.conveyor.plugin.reshape.internal.TypedBatch;
import io.conveyor.testing.BatchText;
import io.conveyor.testing.Batches;
import io.conveyor.testing.CollectingEmitter;
import io.conveyor.testing.Runs;
import io.conveyor.testing.TestConfig;
import io.conveyor.testing.TestContext;
import io.conveyor.testing.TestSchemaContext;

class UnionApplyTest {

    private final RootAllocator root = new RootAllocator();
    private final TestContext context = TestContext.of(root, "union");
    private final UnionApply union = new UnionApply();
    private final List<VectorSchemaRoot> batches = new ArrayList<>();

    @AfterEach
    void noLeaks() {
        batches.forEach(VectorSchemaRoot::close);
        context.close();
        root.close();
    }

    private VectorSchemaRoot batch(String columns, Object[]... rows) {
        return keep(Batches.of(root, columns, rows));
    }

    private VectorSchemaRoot keep(VectorSchemaRoot batch) {
        batches.add(batch);
        return batch;
    }

    /** Inputs in the given order: name, batches, name, batches... */
    private static Map<String, List<VectorSchemaRoot>> inputs(Object... namesAndBatches) {
        Map<String, List<VectorSchemaRoot>> inputs = new LinkedHashMap<>();
        for (int i = 0; i < namesAndBatches.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<VectorSchemaRoot> list = (List<VectorSchemaRoot>) namesAndBatches[i + 1];
            inputs.put((String) namesAndBatches[i], list);
        }
        return inputs;
    }

    private CollectingEmitter run(String order, Map<String, List<VectorSchemaRoot>> inputs) throws StageException {
        TestConfig config = TestConfig.of(union.descriptor(), order == null ? Map.of() : Map.of("order", order));
        return Runs.transform(union, config, context, inputs);
    }

    /** The schema of the first batch, then every row. */
    private static List<String> table(CollectingEmitter out) {
        List<String> table = new ArrayList<>();
        table.add(BatchText.schema(out.batches().get(0)));
        table.addAll(out.rows());
        return table;
    }

    @Test
    void matchesColumnsByNameInOrderOfFirstAppearanceWithNullsForMissingOnes() throws StageException {
        VectorSchemaRoot csv = batch("id:int64, name:utf8", row(1, "a"), row(2, null));
        VectorSchemaRoot json = batch("name:utf8, paid:bool, id:int64", row("c", true, 3));
        try (CollectingEmitter out = run(null, inputs("csv", List.of(csv), "json", List.of(json)))) {
            assertEquals(List.of("id:int64, name:utf8, paid:bool", "1|\"a\"|null", "2|null|null", "3|\"c\"|true"),
                    table(out));
        }
    }

    @Test
    void rowsComeInputByInputInListedOrderWhateverTheArrivalOrder() throws StageException {
        Map<String, List<VectorSchemaRoot>> inputs = inputs(
                "second", List.of(batch("n:int64", row(21)), batch("n:int64", row(22)), batch("n:int64", row(23))),
                "first", List.of(batch("n:int64", row(11)), batch("n:int64", row(12))));
        try (CollectingEmitter out = run(null, inputs)) {
            assertEquals(List.of("21", "22", "23", "11", "12"), out.rows());
        }
    }

    @Test
    void inArrivalOrderBatchesPassAsTheyComeEachInputInItsOwnOrder() throws StageException {
        Map<String, List<VectorSchemaRoot>> inputs = inputs(
                "a", List.of(batch("n:int64", row(1)), batch("n:int64", row(2)), batch("n:int64", row(3))),
                "b", List.of(batch("n:int64", row(10)), batch("n:int64", row(20))));
        try (CollectingEmitter out = run("arrival", inputs)) {
            // the test driver delivers round-robin: a1 b1 a2 b2 a3
            assertEquals(List.of("1", "10", "2", "20", "3"), out.rows());
        }
    }

    @Test
    void laterBatchesWithTheOutputSchemaAreForwardedOthersShareTheirColumns() throws StageException {
        VectorSchemaRoot first = batch("n:int64, s:utf8", row(1, "x"));
        VectorSchemaRoot same = batch("n:int64, s:utf8", row(2, "y"));
        VectorSchemaRoot reordered = batch("s:utf8, n:int64", row("z", 3));
        VectorSchemaRoot alsoReordered = batch("s:utf8, n:int64", row("w", 4));
        try (CollectingEmitter out = run(null, inputs("a", List.of(first, same), "b",
                List.of(reordered, alsoReordered)))) {
            assertSame(same, out.batches().get(1), "a batch after the first, already fitting, is forwarded");
            for (VectorSchemaRoot input : batches) {
                if (input != same) {
                    input.close(); // the first batches were held as shared copies; the others were conformed
                }
            }
            batches.clear();
            batches.add(same);
            assertEquals(List.of("1|\"x\"", "2|\"y\"", "3|\"z\"", "4|\"w\""), out.rows());
        }
    }

    @Test
    void typesWidenToTheNarrowestTypeHoldingBoth() throws StageException {
        VectorSchemaRoot first = keep(TypedBatch.with(root)
                .int32("i", 1).int64("f", 2L).date("t", "2024-03-01").int64("s", 5L).utf8("keep", "k")
                .build());
        VectorSchemaRoot second = keep(TypedBatch.with(root)
                .int64("i", 3L).float64("f", 2.5).timestamp("t", "2024-03-01T10:00:00").utf8("s", "five")
                .utf8("keep", "l").build());
        try (CollectingEmitter out = run(null, inputs("a", List.of(first), "b", List.of(second)))) {
            assertEquals(List.of("i:int64, f:float64, t:Timestamp(MICROSECOND, null), s:utf8, keep:utf8",
                    "1|2.0|2024-03-01T00:00|\"5\"|\"k\"", "3|2.5|2024-03-01T10:00|\"five\"|\"l\""), table(out));
        }
    }

    @Test
    void typesThatDoNotMeetAreAnErrorNamingBothInputs() {
        VectorSchemaRoot flags = batch("id:int64, flag:bool", row(1, true));
        VectorSchemaRoot numbers = batch("id:int64, flag:int64", row(2, 0));

        StageException e = assertThrows(StageException.class,
                () -> run(null, inputs("flags", List.of(flags), "numbers", List.of(numbers))));

        assertEquals(ErrorCode.DATA, e.code());
        assertEquals("union.apply cannot combine column 'flag': input 'flags' has it as bool and input 'numbers' as "
                + "int64; integers widen to floats, dates to timestamps and anything to strings, but not these two: "
                + "cast one of them first with cast.apply", e.getMessage());
    }

    @Test
    void aLaterBatchWithANewColumnIsADataError() {
        VectorSchemaRoot first = batch("n:int64", row(1));
        VectorSchemaRoot second = batch("n:int64, extra:utf8", row(2, "x"));

        StageException e = assertThrows(StageException.class,
                () -> run(null, inputs("a", List.of(first, second))));

        assertEquals("a batch of input 'a' has the column 'extra', which its first batch did not have; union.apply "
                + "takes the columns from each input's first batch", e.getMessage());
    }

    @Test
    void aLaterBatchWhoseTypeDoesNotWidenIsADataError() {
        VectorSchemaRoot first = batch("n:int64", row(1));
        VectorSchemaRoot second = batch("n:float64", row(2.5));

        StageException e = assertThrows(StageException.class,
                () -> run(null, inputs("a", List.of(first, second))));

        assertEquals("a batch of input 'a' has the column 'n' as float64, which does not widen to the int64 the "
                + "union gives it from the inputs' first batches", e.getMessage());
    }

    @Test
    void inputsWithoutRowsStillGiveTheirColumns() throws StageException {
        VectorSchemaRoot empty = batch("id:int64, extra:float64");
        VectorSchemaRoot rows = batch("id:int64", row(7));
        try (CollectingEmitter out = run(null, inputs("empty", List.of(empty), "rows", List.of(rows)))) {
            assertEquals(List.of("id:int64, extra:float64", "7|null"), table(out));
        }
        try (CollectingEmitter out = run(null, inputs("empty", List.of(empty), "none", List.of()))) {
            assertEquals(List.of("id:int64, extra:float64"), table(out));
            assertEquals(0, out.batches().get(0).getRowCount());
        }
    }

    @Test
    void noBatchFromAnyInputGivesNoOutput() throws StageException {
        try (CollectingEmitter out = run(null, inputs("a", List.of(), "b", List.of()))) {
            assertEquals(List.of(), out.batches());
        }
        try (CollectingEmitter out = run("arrival", inputs("a", List.of(), "b", List.of()))) {
            assertEquals(List.of(), out.batches());
        }
    }

    @Test
    void anInputThatEndsWithoutABatchIsSkipped() throws StageException {
        Map<String, List<VectorSchemaRoot>> inputs = inputs("a", List.of(), "b", List.of(batch("n:int64", row(1),
                row(2))), "c", List.of(batch("n:int64", row(3))));
        try (CollectingEmitter out = run(null, inputs)) {
            assertEquals(List.of("n:int64", "1", "2", "3"), table(out));
        }
    }

    @Test
    void aSingleInputPassesThrough() throws StageException {
        VectorSchemaRoot first = batch("n:int64", row(1));
        VectorSchemaRoot second = batch("n:int64", row(2));
        try (CollectingEmitter out = run(null, inputs("a", List.of(first, second)))) {
            assertEquals(List.of("1", "2"), out.rows());
            assertSame(second, out.batches().get(1));
        }
    }

    @Test
    void validationTellsTheMergedSchemaOrTheClash() {
        Map<String, Schema> known = new LinkedHashMap<>();
        known.put("csv", Batches.schema("id:int64, amount:int64"));
        known.put("json", Batches.schema("amount:float64, note:utf8"));
        TestSchemaContext context = TestSchemaContext.of(known);
        TestConfig config = TestConfig.of(union.descriptor(), Map.of());
        assertEquals(Optional.of(Batches.schema("id:int64, amount:float64, note:utf8")),
                union.outputSchema(config, context));
        assertEquals(List.of(), context.problems());

        Map<String, Schema> clashing = new LinkedHashMap<>();
        clashing.put("csv", Batches.schema("id:int64, paid:bool"));
        clashing.put("unknown", null);
        clashing.put("json", Batches.schema("paid:float64"));
        TestSchemaContext bad = TestSchemaContext.of(clashing);
        assertEquals(Optional.empty(), union.outputSchema(config, bad));
        assertEquals(List.of("union.apply cannot combine column 'paid': input 'csv' has it as bool and input 'json' "
                + "as float64; integers widen to floats, dates to timestamps and anything to strings, but not these "
                + "two: cast one of them first with cast.apply"), bad.messages());

        Map<String, Schema> partly = new LinkedHashMap<>();
        partly.put("csv", Batches.schema("id:int64"));
        partly.put("unknown", null);
        TestSchemaContext partlyKnown = TestSchemaContext.of(partly);
        assertEquals(Optional.empty(), union.outputSchema(config, partlyKnown));
        assertEquals(List.of(), partlyKnown.problems());
    }
}
