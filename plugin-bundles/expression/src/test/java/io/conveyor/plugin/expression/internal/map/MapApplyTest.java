package io.conveyor.plugin.expression.internal.map;

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

class MapApplyTest {

    private static final String SCHEMA = "id:int64, product:utf8, amount:float64, quantity:int64, in_stock:bool";

    private final RootAllocator root = new RootAllocator();
    private final TestContext context = TestContext.of(root, "map");
    private final MapApply map = new MapApply();
    private final VectorSchemaRoot sales = Batches.of(root, SCHEMA,
            row(1, "Laptop stand", 45.5, 3, true),
            row(2, "Desk, standing", 420.0, 1, true),
            row(6, "Headphones", 249.5, null, true),
            row(9, null, null, 7, false));

    @AfterEach
    void noLeaks() {
        sales.close();
        context.close();
        root.close();
    }

    private TestConfig single(String expression, String output) {
        return TestConfig.of(map.descriptor(), Map.of("expression", expression, "output_column", output));
    }

    private TestConfig columns(Map<String, Object> columns) {
        return TestConfig.of(map.descriptor(), Map.of("columns", columns));
    }

    /** The schema, then every row. */
    private List<String> run(TestConfig config, VectorSchemaRoot... batches) throws StageException {
        try (CollectingEmitter out = Runs.transform(map, config, context,
                batches.length == 0 ? new VectorSchemaRoot[] {sales} : batches)) {
            List<String> lines = new java.util.ArrayList<>();
            lines.add(out.batches().isEmpty() ? "no batch" : BatchText.schema(out.batches().get(0)));
            lines.addAll(out.rows());
            return lines;
        }
    }

    @Test
    void aNewColumnGoesAfterTheOthers() throws StageException {
        assertEquals(List.of(
                "id:int64, product:utf8, amount:float64, quantity:int64, in_stock:bool, total:float64",
                "1|\"Laptop stand\"|45.5|3|true|136.5",
                "2|\"Desk, standing\"|420.0|1|true|420.0",
                "6|\"Headphones\"|249.5|null|true|null",
                "9|null|null|7|false|null"), run(single("amount * quantity", "total")));
    }

    @Test
    void aReplacedColumnKeepsItsPosition() throws StageException {
        assertEquals(List.of(
                "id:int64, product:utf8, amount:float64, quantity:int64, in_stock:bool",
                "1|\"LAPTOP STAND\"|45.5|3|true",
                "2|\"DESK, STANDING\"|420.0|1|true",
                "6|\"HEADPHONES\"|249.5|null|true",
                "9|null|null|7|false"), run(single("upper(product)", "product")));
        assertEquals(List.of(
                "id:int64, product:utf8, amount:int64, quantity:int64, in_stock:bool",
                "1|\"Laptop stand\"|46|3|true",
                "2|\"Desk, standing\"|420|1|true",
                "6|\"Headphones\"|250|null|true",
                "9|null|null|7|false"), run(single("cast(amount as int)", "amount")));
    }

    @Test
    void severalColumnsAreComputedFromTheInputInOrder() throws StageException {
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("quantity", "coalesce(quantity, 0) + 1");
        columns.put("big", "amount >= 200");
        columns.put("label", "product || ' x' || quantity");
        assertEquals(List.of(
                "id:int64, product:utf8, amount:float64, quantity:int64, in_stock:bool, big:bool, label:utf8",
                "1|\"Laptop stand\"|45.5|4|true|false|\"Laptop stand x3\"",
                "2|\"Desk, standing\"|420.0|2|true|true|\"Desk, standing x1\"",
                "6|\"Headphones\"|249.5|1|true|true|null",
                "9|null|null|8|false|null|null"), run(columns(columns)));
    }

    @Test
    void theOriginalToolsExpressionsKeepWorking() throws StageException {
        assertEquals("1|\"Laptop stand\"|45.5|3|true|91.0", run(single("amount * 2", "x")).get(1));
        assertEquals("1|\"Laptop stand\"|45.5|3|true|6", run(single("quantity * 2", "x")).get(1));
        assertEquals("1|\"Laptop stand\"|45.5|3|true|4.5", run(single("quantity + 1.5", "x")).get(1));
        assertEquals("1|\"Laptop stand\"|45.5|3|true|2", run(single("quantity - 1", "x")).get(1));
        assertEquals("1|\"Laptop stand\"|45.5|3|true|15.166666666666666", run(single("amount / quantity", "x")).get(1));
        assertEquals("1|\"Laptop stand\"|45.5|3|true|1.5", run(single("quantity / 2", "x")).get(1));
        assertEquals("1|\"Laptop stand\"|45.5|3|true|true", run(single("TRUE", "x")).get(1));
        assertEquals("1|\"Laptop stand\"|45.5|3|true|\"web\"", run(single("'web'", "x")).get(1));
        assertEquals("1|\"Laptop stand\"|45.5|3|true|\"web\"", run(single("\"web\"", "x")).get(1));
        assertEquals("1|\"Laptop stand\"|45.5|3|true|\"Laptop stand\"", run(single("\"product\"", "x")).get(1));
        assertEquals("1|\"Laptop stand\"|45.5|3|true|\"Laptop stand\"", run(single("product", "x")).get(1));
        assertEquals(List.of("id:int64, product:utf8, amount:float64, quantity:int64, in_stock:bool, x:int64",
                "1|\"Laptop stand\"|45.5|3|true|5"), run(single("5", "x")).subList(0, 2));
        assertEquals("1|\"Laptop stand\"|45.5|3|true|5.0", run(single("5.0", "x")).get(1));
    }

    @Test
    void aBatchWithoutRowsGivesTheOutputColumnsAndNoBatchGivesNothing() throws StageException {
        try (VectorSchemaRoot empty = Batches.of(root, SCHEMA)) {
            assertEquals(List.of("id:int64, product:utf8, amount:float64, quantity:int64, in_stock:bool, "
                    + "total:float64"), run(single("amount * quantity", "total"), empty));
        }
        try (CollectingEmitter out = Runs.transform(map, single("amount * quantity", "total"), context)) {
            assertEquals(0, out.batches().size());
        }
    }

    @Test
    void batchesOfADifferentSchemaAreCompiledAgain() throws StageException {
        try (VectorSchemaRoot other = Batches.of(root, "quantity:float64, id:int64", row(2.5, 1))) {
            assertEquals(List.of("id:int64, product:utf8, amount:float64, quantity:int64, in_stock:bool, q:int64",
                    "1|\"Laptop stand\"|45.5|3|true|6", "2|\"Desk, standing\"|420.0|1|true|2",
                    "6|\"Headphones\"|249.5|null|true|null", "9|null|null|7|false|14",
                    "2.5|1|5.0"), run(single("quantity * 2", "q"), sales, other));
        }
    }

    @Test
    void theKeysOfEachFormAreRequiredAndTheFormsExclusive() {
        assertEquals(List.of(
                new ConfigProblem("expression", "config key 'expression' is required for map.apply, unless several "
                        + "columns are computed with columns = { name = \"expression\", ... }"),
                new ConfigProblem("output_column", "config key 'output_column' is required for map.apply with "
                        + "expression")), map.validate(TestConfig.of(map.descriptor(), Map.of())));
        assertEquals(List.of(new ConfigProblem("output_column", "config key 'output_column' must not be empty")),
                map.validate(single("1", "")));
        assertEquals(List.of(new ConfigProblem("columns", "config key 'columns' cannot be combined with "
                + "'expression': compute one column with expression and output_column, or several with columns")),
                map.validate(TestConfig.of(map.descriptor(), Map.of("columns", Map.of("a", "1"), "expression", "2"))));
        assertEquals(List.of(new ConfigProblem("columns", "config key 'columns' must name at least one column, as "
                + "in columns = { total = \"price * quantity\" }")), map.validate(columns(Map.of())));
        assertEquals(List.of(new ConfigProblem("columns", "config key 'columns.\"unit price\"' must be an "
                + "expression in a string, got integer 3")), map.validate(columns(Map.of("unit price", 3))));
    }

    @Test
    void syntaxErrorsAreFoundWithoutASchemaAtTheirKey() {
        assertEquals(List.of(new ConfigProblem("expression", "config key 'expression' at column 9: the expression "
                + "ends too early")), map.validate(single("amount *", "x")));
        assertEquals(List.of(new ConfigProblem("columns", "config key 'columns.total' at column 8: unexpected "
                + "character '$'")), map.validate(columns(Map.of("total", "amount $ 2"))));
    }

    @Test
    void theOutputSchemaIsKnownWhenTheInputsIs() {
        Schema schema = Batches.schema(SCHEMA);
        TestSchemaContext known = TestSchemaContext.of("in", schema);
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("amount", "round(amount)");
        columns.put("day", "cast('2024-01-02' as date)");
        columns.put("tag", "\"web\"");
        Optional<Schema> output = map.outputSchema(columns(columns), known);
        assertEquals(List.of(), known.messages());
        assertEquals("Schema<id: Int(64, true), product: Utf8, amount: FloatingPoint(DOUBLE), quantity: Int(64, true), "
                + "in_stock: Bool, day: Date(DAY), tag: Utf8>", output.orElseThrow().toString());
        assertEquals(Optional.empty(), map.outputSchema(columns(columns), TestSchemaContext.of("in", null)));
    }

    @Test
    void typeErrorsAreReportedBeforeTheRunWithTheirPosition() {
        TestSchemaContext known = TestSchemaContext.of("in", Batches.schema(SCHEMA));
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("total", "amout * quantity");
        columns.put("label", "product + 1");
        assertEquals(Optional.empty(), map.outputSchema(columns(columns), known));
        assertEquals(List.of(
                new ConfigProblem("columns", "config key 'columns.total' at column 1: unknown column 'amout' (did you "
                        + "mean 'amount'?)"),
                new ConfigProblem("columns", "config key 'columns.label' at column 9: '+' needs numbers on both "
                        + "sides, got product (utf8) and 1 (int64) (use || to join text)")), known.problems());
    }

    @Test
    void atRunTimeTheFirstBatchIsCheckedAndBadValuesAreDataErrors() {
        StageException unknown = assertThrows(StageException.class, () -> run(single("amout * 2", "x")));
        assertEquals(ErrorCode.CONFIG, unknown.code());
        assertEquals("expression", unknown.key());
        assertEquals("config key 'expression' at column 1: unknown column 'amout' (did you mean 'amount'?)",
                unknown.getMessage());
        StageException bad = assertThrows(StageException.class, () -> run(single("cast(product as int)", "x")));
        assertEquals(ErrorCode.DATA, bad.code());
        assertEquals("config key 'expression' at column 1: cannot cast 'Laptop stand' to int64 (try_cast gives null "
                + "instead)", bad.getMessage());
    }
}
