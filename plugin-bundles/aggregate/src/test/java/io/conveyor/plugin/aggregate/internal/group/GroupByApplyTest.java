package io.conveyor.plugin.aggregate.internal.group;

import static io.conveyor.testing.Batches.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.api.stage.ErrorCode;
import io.conveyor.api.stage.StageException;
import io.conveyor.plugin.aggregate.internal.Schemas;
import io.conveyor.testing.BatchText;
import io.conveyor.testing.Batches;
import io.conveyor.testing.CollectingEmitter;
import io.conveyor.testing.Runs;
import io.conveyor.testing.TestConfig;
import io.conveyor.testing.TestContext;
import io.conveyor.testing.TestSchemaContext;

class GroupByApplyTest {

    private static final String COLUMNS = "region:utf8, amount:int64, price:float64, name:utf8";

    private final RootAllocator root = new RootAllocator();
    private final TestContext context = TestContext.of(root, "group");
    private final GroupByApply groupBy = new GroupByApply();
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

    /** Groups north (first), south, null (region), over two batches. */
    private VectorSchemaRoot[] orders() {
        return new VectorSchemaRoot[] {
            batch(COLUMNS, row("north", 10, 1.5, "b"), row("south", null, 2.0, "a"), row("north", 20, null, null)),
            batch(COLUMNS, row(null, 5, 4.0, "c"), row("south", 7, 3.0, "z"), row("north", 30, 0.5, "a"))};
    }

    static Map<String, Object> agg(String column, String operation, String output) {
        Map<String, Object> table = new LinkedHashMap<>();
        if (column != null) {
            table.put("column", column);
        }
        table.put("operation", operation);
        if (output != null) {
            table.put("output_column", output);
        }
        return table;
    }

    private TestConfig config(Object by, List<?> aggregations) {
        return TestConfig.of(groupBy.descriptor(), Map.of("by", by, "aggregations", aggregations));
    }

    private CollectingEmitter run(Object by, List<?> aggregations, VectorSchemaRoot... batches) throws StageException {
        return Runs.transform(groupBy, config(by, aggregations), context, batches);
    }

    @Test
    void integerAggregatesIgnoreNullsAndGroupsComeInOrderOfFirstAppearance() throws StageException {
        try (CollectingEmitter out = run("region", List.of(agg("amount", "sum", "sum"), agg("amount", "avg", "avg"),
                agg("amount", "count", "count"), agg("amount", "min", "min"), agg("amount", "max", "max"),
                agg("amount", "median", "median"), agg("amount", "std", "std"), agg("amount", "var", "var"),
                agg("amount", "first", "first"), agg("amount", "last", "last")), orders())) {
            assertEquals("region:utf8, sum:int64, avg:float64, count:int64, min:int64, max:int64, median:float64, "
                    + "std:float64, var:float64, first:int64, last:int64", BatchText.schema(out.batches().get(0)));
            assertEquals(List.of(
                    "\"north\"|60|20.0|3|10|30|20.0|10.0|100.0|10|30",
                    "\"south\"|7|7.0|1|7|7|7.0|null|null|7|7",
                    "null|5|5.0|1|5|5|5.0|null|null|5|5"), out.rows());
        }
    }

    @Test
    void floatAggregatesKeepFloatsAndMeanIsAvg() throws StageException {
        try (CollectingEmitter out = run(List.of("region"), List.of(agg("price", "sum", "sum"),
                agg("price", "mean", "mean"), agg("price", "min", "min"), agg("price", "max", "max"),
                agg("price", "median", "median"), agg("price", "first", "first"), agg("price", "last", "last"),
                agg("price", "count", "n")), orders())) {
            assertEquals("region:utf8, sum:float64, mean:float64, min:float64, max:float64, median:float64, "
                    + "first:float64, last:float64, n:int64", BatchText.schema(out.batches().get(0)));
            assertEquals(List.of(
                    "\"north\"|2.0|1.0|0.5|1.5|1.0|1.5|0.5|2",
                    "\"south\"|5.0|2.5|2.0|3.0|2.5|2.0|3.0|2",
                    "null|4.0|4.0|4.0|4.0|4.0|4.0|4.0|1"), out.rows());
        }
    }

    @Test
    void textKeepsItsTypeForMinMaxFirstLastAndCountsNonNullValues() throws StageException {
        try (CollectingEmitter out = run("region", List.of(agg("name", "min", "min"), agg("name", "max", "max"),
                agg("name", "first", "first"), agg("name", "last", "last"), agg("name", "count", "names"),
                agg(null, "count", "rows")), orders())) {
            assertEquals("region:utf8, min:utf8, max:utf8, first:utf8, last:utf8, names:int64, rows:int64",
                    BatchText.schema(out.batches().get(0)));
            assertEquals(List.of(
                    "\"north\"|\"a\"|\"b\"|\"b\"|\"a\"|2|3",
                    "\"south\"|\"a\"|\"z\"|\"a\"|\"z\"|2|2",
                    "null|\"c\"|\"c\"|\"c\"|\"c\"|1|1"), out.rows());
        }
    }

    @Test
    void outputColumnDefaultsToTheColumnName() throws StageException {
        try (CollectingEmitter out = run("region", List.of(agg("amount", "sum", null)), orders())) {
            assertEquals("region:utf8, amount:int64", BatchText.schema(out.batches().get(0)));
            assertEquals(List.of("\"north\"|60", "\"south\"|7", "null|5"), out.rows());
        }
    }

    @Test
    void aGroupWithoutValuesGetsNullAndCountZero() throws StageException {
        VectorSchemaRoot batch = batch("k:utf8, v:float64, t:utf8", row("a", null, null), row("b", 1.0, "x"));
        try (CollectingEmitter out = run("k", List.of(agg("v", "sum", "sum"), agg("v", "avg", "avg"),
                agg("v", "min", "min"), agg("v", "median", "median"), agg("v", "var", "var"),
                agg("v", "first", "first"), agg("t", "max", "max"), agg("v", "count", "count")), batch)) {
            assertEquals(List.of("\"a\"|null|null|null|null|null|null|null|0",
                    "\"b\"|1.0|1.0|1.0|1.0|null|1.0|\"x\"|1"), out.rows());
        }
    }

    @Test
    void multiColumnKeysWithNullsInAnyPart() throws StageException {
        String columns = "region:utf8, year:int64, amount:int64";
        VectorSchemaRoot first = batch(columns, row("north", 2024, 1), row("north", 2025, 2), row(null, 2024, 4));
        VectorSchemaRoot second = batch(columns, row("north", 2024, 8), row(null, null, 16), row(null, 2024, 32),
                row("", 2024, 64));
        try (CollectingEmitter out = run(List.of("region", "year"), List.of(agg("amount", "sum", "total"),
                agg(null, "count", "n")), first, second)) {
            assertEquals("region:utf8, year:int64, total:int64, n:int64", BatchText.schema(out.batches().get(0)));
            assertEquals(List.of("\"north\"|2024|9|2", "\"north\"|2025|2|1", "null|2024|36|2", "null|null|16|1",
                    "\"\"|2024|64|1"), out.rows());
        }
    }

    @Test
    void numericKeysOfEveryKindGroupByValue() throws StageException {
        VectorSchemaRoot batch = batch("id:int64, ratio:float64, ok:bool", row(3, 0.0, true), row(1, -0.0, false),
                row(3, 0.0, true), row(null, null, null), row(1, Double.NaN, false), row(1, Double.NaN, null));
        try (CollectingEmitter ids = run("id", List.of(agg(null, "count", "n")), batch);
                CollectingEmitter ratios = run("ratio", List.of(agg(null, "count", "n")), batch);
                CollectingEmitter flags = run("ok", List.of(agg(null, "count", "n")), batch)) {
            assertEquals(List.of("3|2", "1|3", "null|1"), ids.rows());
            assertEquals(List.of("0.0|3", "null|1", "NaN|2"), ratios.rows()); // -0.0 groups with 0.0
            assertEquals(List.of("true|2", "false|2", "null|2"), flags.rows());
        }
    }

    @Test
    void manyGroupsGrowTheTableAndKeepFirstAppearanceOrder() throws StageException {
        Object[][] rows = new Object[20_000][];
        for (int i = 0; i < rows.length; i++) {
            int key = (i * 7919) % 5_000; // every key four times, in a scrambled first-appearance order
            rows[i] = row("k" + key, key, 1);
        }
        VectorSchemaRoot batch = batch("name:utf8, id:int64, one:int64", rows);
        try (CollectingEmitter byName = run("name", List.of(agg("one", "sum", "n")), batch);
                CollectingEmitter byId = run(List.of("id", "name"), List.of(agg("one", "sum", "n")), batch)) {
            assertEquals(5_000, byName.rowCount());
            assertEquals(5_000, byId.rowCount());
            for (int g = 0; g < 5_000; g++) {
                int key = (g * 7919) % 5_000;
                assertEquals("\"k" + key + "\"|4", byName.rows().get(g));
                assertEquals(key + "|\"k" + key + "\"|4", byId.rows().get(g));
            }
        }
    }

    @Test
    void theResultIsEmittedInBatchesOfTheContextsSize() throws StageException {
        context.withBatchSize(2);
        VectorSchemaRoot batch = batch("k:int64", row(1), row(2), row(3), row(4), row(5), row(1));
        try (CollectingEmitter out = run("k", List.of(agg(null, "count", "n")), batch)) {
            assertEquals(List.of(2, 2, 1), out.batches().stream().map(VectorSchemaRoot::getRowCount).toList());
            assertEquals(List.of("1|2", "2|1", "3|1", "4|1", "5|1"), out.rows());
        }
    }

    @Test
    void anEmptyInputWithColumnsGivesAnEmptyResultWithTheOutputColumns() throws StageException {
        try (CollectingEmitter out = run("region", List.of(agg("amount", "sum", "total"), agg(null, "count", "n")),
                batch(COLUMNS), batch(COLUMNS))) {
            assertEquals(1, out.batches().size());
            assertEquals(0, out.rowCount());
            assertEquals("region:utf8, total:int64, n:int64", BatchText.schema(out.batches().get(0)));
        }
    }

    @Test
    void noInputBatchAtAllGivesNothing() throws StageException {
        try (CollectingEmitter out = run("region", List.of(agg(null, "count", "n")))) {
            assertEquals(0, out.batches().size());
        }
    }

    @Test
    void anIntegerSumThatOverflowsIsADataError() {
        VectorSchemaRoot batch = batch("k:int64, v:int64", row(1, Long.MAX_VALUE), row(1, 1));
        StageException e = assertThrows(StageException.class, () -> run("k", List.of(agg("v", "sum", "s")), batch));
        assertEquals(ErrorCode.DATA, e.code());
        assertEquals("the sum of column 'v' overflows int64 (beyond 9223372036854775807 in size)", e.getMessage());
    }

    @Test
    void anAggregateOnTheWrongTypeIsADataErrorAtRunTimeNamingTheKey() {
        StageException e = assertThrows(StageException.class,
                () -> run("region", List.of(agg(null, "count", "n"), agg("name", "sum", "s")), orders()));
        assertEquals(ErrorCode.DATA, e.code());
        assertEquals("aggregations", e.key());
        assertEquals("config key 'aggregations[1].column' names column 'name' of type utf8, but sum needs an "
                + "integer or float column", e.getMessage());
    }

    @Test
    void anUnknownColumnAtRunTimeSuggestsTheClosestOne() {
        StageException e = assertThrows(StageException.class,
                () -> run("regoin", List.of(agg("amount", "sum", "s")), orders()));
        assertEquals(ErrorCode.DATA, e.code());
        assertEquals("by", e.key());
        assertEquals("config key 'by' names column 'regoin', which is not in input 'in' (did you mean 'region'?)",
                e.getMessage());
    }

    @Test
    void aColumnThatChangesTypeBetweenBatchesIsADataError() {
        VectorSchemaRoot first = batch("k:utf8, v:int64", row("a", 1));
        VectorSchemaRoot second = batch("k:utf8, v:float64", row("a", 1.5));
        StageException e = assertThrows(StageException.class,
                () -> run("k", List.of(agg("v", "sum", "s")), first, second));
        assertEquals("column 'v' of input 'in' changed between batches, from int64 to float64", e.getMessage());
    }

    @Test
    void theOutputSchemaIsKnownAtValidationFromTheInputSchema() {
        TestSchemaContext schemas = TestSchemaContext.of("orders", Batches.schema(COLUMNS));
        assertEquals("region:utf8, n:int64, amount:int64, avg:float64, top:utf8, cheapest:float64",
                Schemas.text(groupBy.outputSchema(config("region", List.of(agg(null, "count", "n"),
                        agg("amount", "sum", null), agg("amount", "avg", "avg"), agg("name", "max", "top"),
                        agg("price", "min", "cheapest"))), schemas)));
        assertEquals(List.of(), schemas.problems());
    }

    @Test
    void validationReportsEveryUnknownColumnAndWrongTypeAtItsKey() {
        TestSchemaContext schemas = TestSchemaContext.of("orders", Batches.schema(COLUMNS));
        assertEquals("unknown", Schemas.text(groupBy.outputSchema(config(List.of("region", "zone"),
                List.of(agg("amount", "sum", "s"), agg("amout", "avg", "a"), agg("name", "median", "m"))), schemas)));
        assertEquals(List.of(
                new ConfigProblem("by", "config key 'by' names column 'zone', which is not in input 'orders' "
                        + "(columns: region, amount, price, name)"),
                new ConfigProblem("aggregations", "config key 'aggregations[1].column' names column 'amout', which is "
                        + "not in input 'orders' (did you mean 'amount'?)"),
                new ConfigProblem("aggregations", "config key 'aggregations[2].column' names column 'name' of type "
                        + "utf8, but median needs an integer or float column")), schemas.problems());
    }

    @Test
    void anUnknownInputSchemaGivesAnUnknownOutputWithoutProblems() {
        TestSchemaContext schemas = TestSchemaContext.of("orders", null);
        assertEquals("unknown", Schemas.text(groupBy.outputSchema(config("region", List.of(agg(null, "count", "n"))),
                schemas)));
        assertEquals(List.of(), schemas.problems());
    }

    @Test
    void twoInputsAreAProblemAtValidationAndAPlanErrorAtRunTime() {
        Map<String, org.apache.arrow.vector.types.pojo.Schema> two = new LinkedHashMap<>();
        two.put("a", null);
        two.put("b", null);
        TestSchemaContext schemas = TestSchemaContext.of(two);
        groupBy.outputSchema(config("k", List.of(agg(null, "count", "n"))), schemas);
        assertEquals(List.of("groupby.apply takes exactly one input, got 2 ('a', 'b'); combine several inputs first "
                + "(union.apply)"), schemas.messages());
        StageException e = assertThrows(StageException.class,
                () -> groupBy.open(config("k", List.of(agg(null, "count", "n"))), context, List.of("a", "b")));
        assertEquals(ErrorCode.PLAN, e.code());
    }

    @Test
    void badAggregationTablesAreConfigProblemsNamingTheirPlace() {
        List<Object> aggregations = List.of(
                "amount",
                Map.of("colum", "amount", "operation", "sum"),
                Map.of("column", "amount", "operation", "summ"),
                Map.of("column", "amount"),
                Map.of("operation", "avg"),
                Map.of("operation", "count"),
                Map.of("column", "amount", "operation", "sum", "output_column", 3),
                Map.of("column", "amount", "operation", "sum"),
                Map.of("column", "amount", "operation", "max"),
                Map.of("column", "price", "operation", "min", "output_column", "region"));
        assertEquals(List.of(
                "config key 'aggregations[0]' must be a table such as { column = \"amount\", operation = \"sum\" }, "
                        + "got string \"amount\"",
                "config key 'aggregations[1]' has unknown key 'colum' (did you mean 'column'?); an aggregation takes "
                        + "column, operation and output_column",
                "config key 'aggregations[2].operation' must be one of \"sum\", \"avg\", \"mean\", \"count\", \"min\", "
                        + "\"max\", \"median\", \"std\", \"var\", \"first\", \"last\", got \"summ\" (did you mean "
                        + "'sum'?)",
                "config key 'aggregations[3].operation' is required (one of sum, avg, mean, count, min, max, median, "
                        + "std, var, first, last)",
                "config key 'aggregations[4].column' is required for operation 'avg'",
                "config key 'aggregations[5].output_column' is required for a count without column: it names the "
                        + "count of rows",
                "config key 'aggregations[6].output_column' must be a non-empty string, got integer 3",
                "config key 'aggregations[8]' gives output column 'amount' (its column's name, as output_column is "
                        + "not set), which is aggregations[7] too; set output_column to tell them apart",
                "config key 'aggregations[9].output_column' gives output column 'region', which is also a group key "
                        + "in 'by'; set output_column to tell them apart"),
                groupBy.validate(config("region", aggregations)).stream().map(ConfigProblem::message).toList());
        assertEquals(List.of("aggregations"), groupBy.validate(config("region", List.of("x"))).stream()
                .map(ConfigProblem::key).toList());
    }

    @Test
    void badKeyListsAreConfigProblems() {
        assertEquals(List.of(new ConfigProblem("by", "config key 'by' must name at least one column")),
                groupBy.validate(config(List.of(), List.of())));
        assertEquals(List.of(new ConfigProblem("by", "config key 'by' names 'a' twice")),
                groupBy.validate(config(List.of("a", "b", "a"), List.of())));
    }

    @Test
    void noAggregationsGivesTheDistinctKeys() throws StageException {
        try (CollectingEmitter out = run("region", List.of(), orders())) {
            assertEquals(List.of("\"north\"", "\"south\"", "null"), out.rows());
        }
    }
}
