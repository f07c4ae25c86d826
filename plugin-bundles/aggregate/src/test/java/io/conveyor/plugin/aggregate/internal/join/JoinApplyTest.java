package io.conveyor.plugin.aggregate.internal.join;

import static io.conveyor.testing.Batches.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.api.stage.ErrorCode;
import io.conveyor.api.stage.StageException;
import io.conveyor.api.stage.TransformTask;
import io.conveyor.plugin.aggregate.internal.Schemas;
import io.conveyor.testing.BatchText;
import io.conveyor.testing.Batches;
import io.conveyor.testing.CollectingEmitter;
import io.conveyor.testing.Runs;
import io.conveyor.testing.TestConfig;
import io.conveyor.testing.TestContext;
import io.conveyor.testing.TestSchemaContext;

class JoinApplyTest {

    private static final String ORDERS = "order_id:int64, product_id:int64, qty:int64";
    private static final String PRODUCTS = "product_id:int64, name:utf8, qty:int64";
    private static final String JOINED = "order_id:int64, product_id:int64, qty:int64, name:utf8, qty_right:int64";

    private final RootAllocator root = new RootAllocator();
    private final TestContext context = TestContext.of(root, "join");
    private final JoinApply join = new JoinApply();
    private final List<VectorSchemaRoot> inputs = new ArrayList<>();

    @AfterEach
    void noLeaks() {
        inputs.forEach(VectorSchemaRoot::close);
        context.close();
        root.close();
    }

    private VectorSchemaRoot batch(String columns, Object[]... rows) {
        VectorSchemaRoot batch = Batches.of(root, columns, rows);
        inputs.add(batch);
        return batch;
    }

    private List<VectorSchemaRoot> orders() {
        return List.of(batch(ORDERS, row(1, 10, 2), row(2, 20, 1), row(3, 99, 5)),
                batch(ORDERS, row(4, null, 1), row(5, 10, 3), row(6, 30, 7)));
    }

    private List<VectorSchemaRoot> products() {
        return List.of(batch(PRODUCTS, row(10, "pen", 100), row(20, "ink", 200)),
                batch(PRODUCTS, row(30, "cap", null), row(40, "box", 400), row(null, "odd", 0), row(20, "ink2", 201)));
    }

    private TestConfig config(Map<String, Object> values) {
        return TestConfig.of(join.descriptor(), values);
    }

    private static Map<String, List<VectorSchemaRoot>> inputs(String leftName, List<VectorSchemaRoot> left,
            String rightName, List<VectorSchemaRoot> right) {
        Map<String, List<VectorSchemaRoot>> named = new LinkedHashMap<>();
        named.put(leftName, left);
        named.put(rightName, right);
        return named;
    }

    private CollectingEmitter run(Map<String, Object> values) throws StageException {
        return Runs.transform(join, config(values), context, inputs("orders", orders(), "products", products()));
    }

    private List<String> rows(String how) throws StageException {
        try (CollectingEmitter out = run(Map.of("on", "product_id", "how", how))) {
            String expected = how.equals("semi") || how.equals("anti") ? ORDERS : JOINED;
            out.batches().forEach(b -> assertEquals(expected, BatchText.schema(b)));
            return out.rows();
        }
    }

    @Test
    void innerJoinKeepsLeftOrderWithMatchesInRightOrderAndSuffixesClashingNames() throws StageException {
        assertEquals(List.of("1|10|2|\"pen\"|100", "2|20|1|\"ink\"|200", "2|20|1|\"ink2\"|201", "5|10|3|\"pen\"|100",
                "6|30|7|\"cap\"|null"), rows("inner"));
    }

    @Test
    void leftJoinKeepsUnmatchedAndNullKeyedLeftRowsInPlace() throws StageException {
        assertEquals(List.of("1|10|2|\"pen\"|100", "2|20|1|\"ink\"|200", "2|20|1|\"ink2\"|201", "3|99|5|null|null",
                "4|null|1|null|null", "5|10|3|\"pen\"|100", "6|30|7|\"cap\"|null"), rows("left"));
    }

    @Test
    void rightJoinAddsUnmatchedRightRowsAtTheEndWithTheirKeysOnTheLeft() throws StageException {
        assertEquals(List.of("1|10|2|\"pen\"|100", "2|20|1|\"ink\"|200", "2|20|1|\"ink2\"|201", "5|10|3|\"pen\"|100",
                "6|30|7|\"cap\"|null", "null|40|null|\"box\"|400", "null|null|null|\"odd\"|0"), rows("right"));
    }

    @Test
    void fullJoinKeepsUnmatchedRowsOfBothSides() throws StageException {
        assertEquals(List.of("1|10|2|\"pen\"|100", "2|20|1|\"ink\"|200", "2|20|1|\"ink2\"|201", "3|99|5|null|null",
                "4|null|1|null|null", "5|10|3|\"pen\"|100", "6|30|7|\"cap\"|null", "null|40|null|\"box\"|400",
                "null|null|null|\"odd\"|0"), rows("full"));
    }

    @Test
    void semiJoinKeepsLeftRowsWithAMatchOnceEach() throws StageException {
        assertEquals(List.of("1|10|2", "2|20|1", "5|10|3", "6|30|7"), rows("semi"));
    }

    @Test
    void antiJoinKeepsLeftRowsWithoutAMatchIncludingNullKeys() throws StageException {
        assertEquals(List.of("3|99|5", "4|null|1"), rows("anti"));
    }

    @Test
    void theRightInputCanBeNamedWhenItIsListedFirst() throws StageException {
        try (CollectingEmitter out = Runs.transform(join, config(Map.of("on", "product_id", "right", "products")),
                context, inputs("products", products(), "orders", orders()))) {
            assertEquals(JOINED, BatchText.schema(out.batches().get(0)));
            assertEquals(5, out.rowCount());
            assertEquals("1|10|2|\"pen\"|100", out.rows().get(0));
        }
    }

    @Test
    void theRightInputIsReadToItsEndBeforeTheLeft() throws StageException {
        try (TransformTask task = join.open(config(Map.of("on", "product_id")), context,
                List.of("orders", "products"))) {
            assertTrue(task.accepts("products"));
            assertFalse(task.accepts("orders"));
            task.endOfInput("products", Runs.noEmits());
            assertTrue(task.accepts("orders"));
            assertFalse(task.accepts("products"));
        }
    }

    @Test
    void keysWithDifferentNamesAndSeveralColumnsPairUpInOrder() throws StageException {
        List<VectorSchemaRoot> left = List.of(batch("region:utf8, year:int64, v:float64", row("n", 2024, 1.5),
                row("n", 2025, 2.5), row("s", 2024, 3.5), row(null, 2024, 4.5), row("s", 2024, 5.5)));
        List<VectorSchemaRoot> right = List.of(batch("zone:utf8, yr:int64, target:float64, v:utf8",
                row("s", 2024, 10.0, "x"), row("n", 2024, 20.0, "y"), row(null, 2024, 30.0, "z")));
        try (CollectingEmitter out = Runs.transform(join, config(Map.of("left_on", List.of("region", "year"),
                "right_on", List.of("zone", "yr"), "how", "left", "suffix", "_goal")), context,
                inputs("sales", left, "goals", right))) {
            assertEquals("region:utf8, year:int64, v:float64, target:float64, v_goal:utf8",
                    BatchText.schema(out.batches().get(0)));
            assertEquals(List.of("\"n\"|2024|1.5|20.0|\"y\"", "\"n\"|2025|2.5|null|null", "\"s\"|2024|3.5|10.0|\"x\"",
                    "null|2024|4.5|null|null", "\"s\"|2024|5.5|10.0|\"x\""), out.rows());
        }
    }

    @Test
    void textKeysMatchByValue() throws StageException {
        List<VectorSchemaRoot> left = List.of(batch("code:utf8, n:int64", row("b", 1), row("", 2), row("a", 3)),
                batch("code:utf8, n:int64", row("a", 4), row(null, 5)));
        List<VectorSchemaRoot> right = List.of(batch("code:utf8, label:utf8", row("a", "Alpha"), row("", "Empty"),
                row(null, "Null")));
        try (CollectingEmitter out = Runs.transform(join, config(Map.of("on", "code")), context,
                inputs("l", left, "r", right))) {
            assertEquals(List.of("\"\"|2|\"Empty\"", "\"a\"|3|\"Alpha\"", "\"a\"|4|\"Alpha\""), out.rows());
        }
    }

    @Test
    void manyMatchesAreEmittedInBatchesOfTheContextsSize() throws StageException {
        context.withBatchSize(4);
        List<VectorSchemaRoot> left = List.of(batch("k:int64", row(1), row(2), row(1)));
        List<VectorSchemaRoot> right = List.of(batch("k:int64, v:int64", row(1, 10), row(1, 11), row(1, 12),
                row(2, 20)));
        try (CollectingEmitter out = Runs.transform(join, config(Map.of("on", "k")), context,
                inputs("l", left, "r", right))) {
            assertEquals(List.of(4, 3), out.batches().stream().map(VectorSchemaRoot::getRowCount).toList());
            assertEquals(List.of("1|10", "1|11", "1|12", "2|20", "1|10", "1|11", "1|12"), out.rows());
        }
    }

    @Test
    void aOneToOneLeftJoinOutlivesItsInputs() throws StageException {
        List<VectorSchemaRoot> left = List.of(batch("k:int64, s:utf8", row(1, "a"), row(2, "b")));
        List<VectorSchemaRoot> right = List.of(batch("k:int64, v:int64", row(2, 20), row(1, 10)));
        try (CollectingEmitter out = Runs.transform(join, config(Map.of("on", "k", "how", "left")), context,
                inputs("l", left, "r", right))) {
            inputs.forEach(VectorSchemaRoot::close);
            inputs.clear();
            assertEquals(List.of("1|\"a\"|10", "2|\"b\"|20"), out.rows());
        }
    }

    @Test
    void emptyInputsWithColumnsGiveAnEmptyResultWithTheOutputColumns() throws StageException {
        for (String how : List.of("inner", "left", "right", "full")) {
            try (CollectingEmitter out = Runs.transform(join, config(Map.of("on", "product_id", "how", how)), context,
                    inputs("orders", List.of(batch(ORDERS)), "products", List.of(batch(PRODUCTS))))) {
                assertEquals(1, out.batches().size(), how);
                assertEquals(0, out.rowCount(), how);
                assertEquals(JOINED, BatchText.schema(out.batches().get(0)), how);
            }
        }
    }

    @Test
    void anEmptyRightInputGivesNoMatches() throws StageException {
        List<VectorSchemaRoot> empty = List.of(batch(PRODUCTS));
        try (CollectingEmitter inner = Runs.transform(join, config(Map.of("on", "product_id")), context,
                inputs("orders", orders(), "products", empty));
                CollectingEmitter left = Runs.transform(join, config(Map.of("on", "product_id", "how", "left")),
                        context, inputs("orders", orders(), "products", empty))) {
            assertEquals(0, inner.rowCount());
            assertEquals(JOINED, BatchText.schema(inner.batches().get(0)));
            assertEquals(List.of("1|10|2|null|null", "2|20|1|null|null", "3|99|5|null|null", "4|null|1|null|null",
                    "5|10|3|null|null", "6|30|7|null|null"), left.rows());
        }
    }

    @Test
    void aRightInputWithoutAnyBatchLeavesOnlyJoinsThatNeedNoRightColumns() throws StageException {
        try (CollectingEmitter anti = Runs.transform(join, config(Map.of("on", "product_id", "how", "anti")), context,
                inputs("orders", orders(), "products", List.of()));
                CollectingEmitter semi = Runs.transform(join, config(Map.of("on", "product_id", "how", "semi")),
                        context, inputs("orders", orders(), "products", List.of()));
                CollectingEmitter inner = Runs.transform(join, config(Map.of("on", "product_id")), context,
                        inputs("orders", orders(), "products", List.of()))) {
            assertEquals(6, anti.rowCount());
            assertEquals(0, semi.rowCount());
            assertEquals(ORDERS, BatchText.schema(semi.batches().get(0)));
            assertEquals(0, inner.batches().size());
        }
        StageException e = assertThrows(StageException.class, () -> Runs.transform(join,
                config(Map.of("on", "product_id", "how", "left")), context,
                inputs("orders", orders(), "products", List.of())));
        assertEquals(ErrorCode.DATA, e.code());
        assertEquals("input 'products' ended without any batch, so its columns are unknown, and a left join keeps "
                + "the rows of input 'orders' with those columns", e.getMessage());
    }

    @Test
    void aLeftInputWithoutAnyBatchCannotGiveTheUnmatchedRightRows() {
        StageException e = assertThrows(StageException.class, () -> Runs.transform(join,
                config(Map.of("on", "product_id", "how", "right")), context,
                inputs("orders", List.of(), "products", products())));
        assertEquals("input 'orders' ended without any batch, so its columns are unknown, and a right join keeps "
                + "the rows of input 'products' with those columns", e.getMessage());
    }

    @Test
    void keysOfDifferentTypesAreADataErrorAtRunTime() {
        List<VectorSchemaRoot> right = List.of(batch("product_id:utf8, name:utf8", row("10", "pen")));
        StageException e = assertThrows(StageException.class, () -> Runs.transform(join,
                config(Map.of("on", "product_id")), context, inputs("orders", orders(), "products", right)));
        assertEquals(ErrorCode.DATA, e.code());
        assertEquals("on", e.key());
        assertEquals("config key 'on' pairs column 'product_id' of input 'orders', of type int64, with column "
                + "'product_id' of input 'products', of type utf8; join keys must have the same type (cast one of "
                + "them)", e.getMessage());
    }

    @Test
    void aMissingRightKeyIsADataErrorOnTheFirstRightBatch() {
        StageException e = assertThrows(StageException.class, () -> Runs.transform(join,
                config(Map.of("left_on", "product_id", "right_on", "produt_id")), context,
                inputs("orders", orders(), "products", products())));
        assertEquals("right_on", e.key());
        assertEquals("config key 'right_on' names column 'produt_id', which is not in input 'products' (did you mean "
                + "'product_id'?)", e.getMessage());
    }

    @Test
    void validationTellsTheOutputSchemaFromBothInputs() {
        Map<String, Schema> schemas = new LinkedHashMap<>();
        schemas.put("orders", Batches.schema(ORDERS));
        schemas.put("products", Batches.schema(PRODUCTS));
        TestSchemaContext known = TestSchemaContext.of(schemas);
        assertEquals(JOINED, Schemas.text(join.outputSchema(config(Map.of("on", "product_id")), known)));
        assertEquals(ORDERS, Schemas.text(join.outputSchema(config(Map.of("on", "product_id", "how", "semi")), known)));
        assertEquals(List.of(), known.problems());
    }

    @Test
    void validationReportsWhatOneKnownInputShows() {
        Map<String, Schema> schemas = new LinkedHashMap<>();
        schemas.put("orders", Batches.schema(ORDERS));
        schemas.put("products", null);
        TestSchemaContext halfKnown = TestSchemaContext.of(schemas);
        assertEquals("unknown", Schemas.text(join.outputSchema(config(Map.of("left_on", "id", "right_on", "product_id")),
                halfKnown)));
        assertEquals(List.of(new ConfigProblem("left_on", "config key 'left_on' names column 'id', which is not in "
                + "input 'orders' (columns: order_id, product_id, qty)")), halfKnown.problems());
    }

    @Test
    void aSuffixThatClashesIsAProblem() {
        Map<String, Schema> schemas = new LinkedHashMap<>();
        schemas.put("orders", Batches.schema("product_id:int64, qty:int64, qty_right:int64"));
        schemas.put("products", Batches.schema(PRODUCTS));
        TestSchemaContext known = TestSchemaContext.of(schemas);
        join.outputSchema(config(Map.of("on", "product_id")), known);
        assertEquals(List.of(new ConfigProblem("suffix", "config key 'suffix' renames column 'qty' of input 'products' "
                + "to 'qty_right', which is taken already; choose another suffix")), known.problems());
    }

    @Test
    void theInputsMustBeTwoAndRightMustNameOne() {
        TestSchemaContext one = TestSchemaContext.of("orders", null);
        join.outputSchema(config(Map.of("on", "k")), one);
        assertEquals(List.of(new ConfigProblem(null, "join.apply takes exactly two inputs, the left then the right, "
                + "got 1 ('orders')")), one.problems());

        Map<String, Schema> two = new LinkedHashMap<>();
        two.put("a", null);
        two.put("b", null);
        TestSchemaContext named = TestSchemaContext.of(two);
        join.outputSchema(config(Map.of("on", "k", "right", "c")), named);
        assertEquals(List.of(new ConfigProblem("right", "config key 'right' names 'c', which is not an input of this "
                + "stage (inputs: 'a', 'b')")), named.problems());

        StageException e = assertThrows(StageException.class,
                () -> join.open(config(Map.of("on", "k")), context, List.of("a")));
        assertEquals(ErrorCode.PLAN, e.code());
    }

    @Test
    void keySettingsThatDoNotFitAreConfigProblems() {
        assertEquals(List.of(new ConfigProblem("on", "config key 'on' is required: it names the key columns (or set "
                + "'left_on' and 'right_on' when their names differ between the inputs)")), join.validate(config(Map.of())));
        assertEquals(List.of(new ConfigProblem("left_on", "config key 'left_on' cannot be set with 'on': use 'on' when "
                + "the key columns have the same names on both sides, or 'left_on' and 'right_on' when they differ")),
                join.validate(config(Map.of("on", "k", "left_on", "k"))));
        assertEquals(List.of(new ConfigProblem("right_on", "config key 'right_on' is required with 'left_on': it names "
                + "the right input's key columns")), join.validate(config(Map.of("left_on", "k"))));
        assertEquals(List.of(new ConfigProblem("right_on", "config key 'right_on' names 1 column but 'left_on' names 2; "
                + "they pair up in order")), join.validate(config(Map.of("left_on", List.of("a", "b"), "right_on", "a"))));
        Map<String, Object> values = new HashMap<>(Map.of("on", List.of("k", "k"), "suffix", ""));
        assertEquals(List.of(new ConfigProblem("on", "config key 'on' names 'k' twice"),
                new ConfigProblem("suffix", "config key 'suffix' must not be empty: it tells apart the right input's "
                        + "columns whose names the left input has too")), join.validate(config(values)));
    }

    @Test
    void aLeftInputThatChangesItsColumnsIsADataError() {
        List<VectorSchemaRoot> left = List.of(batch("k:int64, v:int64", row(1, 1)), batch("k:int64, v:utf8",
                row(1, "x")));
        List<VectorSchemaRoot> right = List.of(batch("k:int64, w:int64", row(1, 2)));
        StageException e = assertThrows(StageException.class, () -> Runs.transform(join, config(Map.of("on", "k")),
                context, inputs("l", left, "r", right)));
        assertEquals("the columns of input 'l' changed between batches, from k:int64, v:int64 to k:int64, v:utf8",
                e.getMessage());
    }
}
