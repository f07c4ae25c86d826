package io.conveyor.plugin.reshape.internal.sort;

import static io.conveyor.testing.Batches.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.conveyor.api.stage.ConfigProblem;
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

class SortApplyTest {

    private final RootAllocator root = new RootAllocator();
    private final TestContext context = TestContext.of(root, "sort");
    private final SortApply sort = new SortApply();
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

    private VectorSchemaRoot keep(VectorSchemaRoot batch) {
        inputs.add(batch);
        return batch;
    }

    private TestConfig config(Map<String, ?> values) {
        return TestConfig.of(sort.descriptor(), values);
    }

    private CollectingEmitter run(Map<String, ?> values, VectorSchemaRoot... batches) throws StageException {
        return Runs.transform(sort, config(values), context, batches);
    }

    private List<String> sorted(Map<String, ?> values, VectorSchemaRoot... batches) throws StageException {
        try (CollectingEmitter out = run(values, batches)) {
            return out.rows();
        }
    }

    @Test
    void sortsAscendingWithNullsFirstByDefault() throws StageException {
        VectorSchemaRoot orders = batch("id:int64, amount:int64", row(1, 30), row(2, null), row(3, 10), row(4, 20));

        assertEquals(List.of("2|null", "3|10", "4|20", "1|30"), sorted(Map.of("by", "amount"), orders));
    }

    @Test
    void descendingKeepsNullsFirstUnlessNullsLast() throws StageException {
        VectorSchemaRoot orders = batch("id:int64, amount:int64", row(1, 30), row(2, null), row(3, 10), row(4, 20));

        assertEquals(List.of("2|null", "1|30", "4|20", "3|10"),
                sorted(Map.of("by", "amount", "descending", true), orders));
        assertEquals(List.of("1|30", "4|20", "3|10", "2|null"),
                sorted(Map.of("by", "amount", "descending", true, "nulls_last", true), orders));
        assertEquals(List.of("3|10", "4|20", "1|30", "2|null"),
                sorted(Map.of("by", "amount", "nulls_last", true), orders));
    }

    @Test
    void laterKeysBreakTiesEachInItsOwnDirection() throws StageException {
        VectorSchemaRoot sales = batch("region:utf8, amount:float64, id:int64",
                row("west", 5.0, 1), row("east", 7.5, 2), row("west", 9.0, 3), row("east", null, 4),
                row(null, 1.0, 5), row("east", 7.5, 6));

        assertEquals(List.of("null|1.0|5", "\"east\"|7.5|2", "\"east\"|7.5|6", "\"east\"|null|4", "\"west\"|9.0|3",
                "\"west\"|5.0|1"), sorted(Map.of("by", List.of("region", "amount"), "descending", List.of(false, true),
                        "nulls_last", List.of(false, true)), sales));
    }

    @Test
    void equalKeysKeepTheirInputOrderAcrossBatches() throws StageException {
        VectorSchemaRoot first = batch("key:int64, seq:int64", row(2, 1), row(1, 2), row(2, 3));
        VectorSchemaRoot second = batch("key:int64, seq:int64", row(1, 4), row(2, 5), row(1, 6));
        VectorSchemaRoot third = batch("key:int64, seq:int64", row(2, 7), row(1, 8));

        assertEquals(List.of("1|2", "1|4", "1|6", "1|8", "2|1", "2|3", "2|5", "2|7"),
                sorted(Map.of("by", "key"), first, second, third));
        assertEquals(List.of("2|1", "2|3", "2|5", "2|7", "1|2", "1|4", "1|6", "1|8"),
                sorted(Map.of("by", "key", "descending", true), first, second, third));
    }

    @Test
    void stabilityHoldsForManyEqualKeysBeyondOneInsertionRun() throws StageException {
        Object[][] rows = new Object[200][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = row((i * 7) % 3, i);
        }
        VectorSchemaRoot many = batch("key:int64, seq:int64", rows);
        List<String> expected = new ArrayList<>();
        for (int key = 0; key < 3; key++) {
            for (int i = 0; i < rows.length; i++) {
                if ((i * 7) % 3 == key) {
                    expected.add(key + "|" + i);
                }
            }
        }

        assertEquals(expected, sorted(Map.of("by", "key"), many));
    }

    @Test
    void outputComesInBatchesOfTheRunsBatchSize() throws StageException {
        try (TestContext small = TestContext.of(root, "small").withBatchSize(2)) {
            VectorSchemaRoot first = batch("n:int64", row(5), row(3), row(4));
            VectorSchemaRoot second = batch("n:int64", row(1), row(2));
            try (CollectingEmitter out = Runs.transform(sort, config(Map.of("by", "n")), small, first, second)) {
                assertEquals(List.of(2, 2, 1), out.batches().stream().map(VectorSchemaRoot::getRowCount).toList());
                assertEquals(List.of("1", "2", "3", "4", "5"), out.rows());
            }
        }
    }

    @Test
    void sortedInputIsEmittedAsHeldWithoutGathering() throws StageException {
        VectorSchemaRoot first = batch("n:int64, s:utf8", row(1, "a"), row(2, "b"));
        VectorSchemaRoot second = batch("n:int64, s:utf8", row(3, "c"));
        try (CollectingEmitter out = run(Map.of("by", "n"), first, second)) {
            first.close();
            second.close();
            inputs.clear();
            assertEquals(List.of(2, 1), out.batches().stream().map(VectorSchemaRoot::getRowCount).toList());
            assertEquals(List.of("1|\"a\"", "2|\"b\"", "3|\"c\""), out.rows());
        }
    }

    @Test
    void theOutputOutlivesTheInput() throws StageException {
        VectorSchemaRoot input = batch("n:int64, s:utf8, x:float64, b:bool",
                row(2, "two", 2.5, true), row(1, null, null, false), row(3, "three", -1.0, null));
        try (CollectingEmitter out = run(Map.of("by", "n"), input)) {
            input.close();
            inputs.clear();
            assertEquals(List.of("1|null|null|false", "2|\"two\"|2.5|true", "3|\"three\"|-1.0|null"), out.rows());
            assertEquals("n:int64, s:utf8, x:float64, b:bool", BatchText.schema(out.batches().get(0)));
        }
    }

    @Test
    void stringsSortByTheirBytesWhateverTheirLength() throws StageException {
        VectorSchemaRoot words = batch("w:utf8", row("abcdefghij"), row("abcdefgh"), row(""), row("abcdefghi"),
                row("b"), row("abcdefghia"), row("ab"), row("é"), row("z"), row("abcdefgh\u0000"), row((Object) null));

        assertEquals(List.of("null", "\"\"", "\"ab\"", "\"abcdefgh\"", "\"abcdefgh\u0000\"", "\"abcdefghi\"",
                "\"abcdefghia\"", "\"abcdefghij\"", "\"b\"", "\"z\"", "\"é\""), sorted(Map.of("by", "w"), words));
    }

    @Test
    void longStringsDifferingLateSortByTheirTail() throws StageException {
        String base = "customer-with-a-long-shared-prefix-";
        VectorSchemaRoot words = batch("w:utf8, n:int64", row(base + "zz", 1), row(base + "ab", 2),
                row(base + "b", 3), row(base + "ab", 4), row(base + "abc", 5));

        assertEquals(List.of("2", "4", "5", "3", "1"), sorted(Map.of("by", List.of("w")), words).stream()
                .map(r -> r.substring(r.indexOf('|') + 1)).toList());
    }

    @Test
    void bytesEveryValueStartsWithStillOrderShorterFirst() throws StageException {
        VectorSchemaRoot words = batch("w:utf8, n:int64", row("customer-b", 1), row("customer-", 2),
                row(null, 3), row("customer-abcdefghij", 4), row("customer-abcdefgh", 5), row("customer-", 6),
                row("customer-abcdefghi", 7));

        assertEquals(List.of("3", "2", "6", "5", "7", "4", "1"), sorted(Map.of("by", "w"), words).stream()
                .map(r -> r.substring(r.indexOf('|') + 1)).toList());
        assertEquals(List.of("3", "1", "4", "7", "5", "2", "6"), sorted(Map.of("by", "w", "descending", true),
                words).stream().map(r -> r.substring(r.indexOf('|') + 1)).toList());
    }

    @Test
    void floatsPutNaNAboveEveryNumberAndTreatNegativeZeroAsZero() throws StageException {
        VectorSchemaRoot values = batch("x:float64, n:int64", row(Double.NaN, 1), row(1.5, 2), row(-0.0, 3),
                row(Double.NEGATIVE_INFINITY, 4), row(0.0, 5), row(null, 6), row(Double.POSITIVE_INFINITY, 7));

        assertEquals(List.of("null|6", "-Infinity|4", "-0.0|3", "0.0|5", "1.5|2", "Infinity|7", "NaN|1"),
                sorted(Map.of("by", "x"), values));
        assertEquals(List.of("null|6", "NaN|1", "Infinity|7", "1.5|2", "-0.0|3", "0.0|5", "-Infinity|4"),
                sorted(Map.of("by", "x", "descending", true), values));
    }

    @Test
    void booleansSortFalseBeforeTrue() throws StageException {
        VectorSchemaRoot flags = batch("b:bool, n:int64", row(true, 1), row(false, 2), row(null, 3), row(true, 4),
                row(false, 5));

        assertEquals(List.of("null|3", "false|2", "false|5", "true|1", "true|4"), sorted(Map.of("by", "b"), flags));
    }

    @Test
    void sortsEveryOtherKeyType() throws StageException {
        VectorSchemaRoot typed = keep(TypedBatch.with(root)
                .int32("i", 3, null, -7, 3)
                .float32("f", 1.5f, 2.5f, null, -1f)
                .largeUtf8("s", "pear", "apple", null, "fig")
                .date("d", "2024-03-01", "1969-12-31", "2024-02-29", null)
                .timestamp("t", "2024-01-01T10:00:00.000001", null, "2024-01-01T10:00:00", "1960-05-05T00:00:00")
                .build());

        assertEquals(List.of("1", "2", "0", "3"), order(Map.of("by", "i"), typed));
        assertEquals(List.of("2", "3", "0", "1"), order(Map.of("by", "f"), typed));
        assertEquals(List.of("2", "1", "3", "0"), order(Map.of("by", "s"), typed));
        assertEquals(List.of("3", "1", "2", "0"), order(Map.of("by", "d"), typed));
        assertEquals(List.of("1", "3", "2", "0"), order(Map.of("by", "t"), typed));
        assertEquals(List.of("0", "2", "3", "1"), order(Map.of("by", "t", "descending", true, "nulls_last", true),
                typed));
    }

    /** The original positions of the rows, in output order, read from the int32 column's row. */
    private List<String> order(Map<String, ?> values, VectorSchemaRoot typed) throws StageException {
        List<String> original = BatchText.rows(typed);
        return sorted(values, typed).stream().map(r -> String.valueOf(original.indexOf(r))).toList();
    }

    @Test
    void timestampsAndDatesKeepTheirTypesAndValues() throws StageException {
        VectorSchemaRoot typed = keep(TypedBatch.with(root)
                .date("d", "2024-03-01", "1969-12-31")
                .timestamp("t", "2024-01-01T10:00:00.5", "1960-05-05T00:00:00")
                .build());
        try (CollectingEmitter out = run(Map.of("by", "d"), typed)) {
            assertEquals("d:Date(DAY), t:Timestamp(MICROSECOND, null)", BatchText.schema(out.batches().get(0)));
            // BatchText shows a date as its day number
            assertEquals(List.of("-1|1960-05-05T00:00", "19783|2024-01-01T10:00:00.500"), out.rows());
        }
    }

    @Test
    void noBatchAtAllGivesNoOutput() throws StageException {
        try (CollectingEmitter out = run(Map.of("by", "n"))) {
            assertEquals(List.of(), out.batches());
        }
    }

    @Test
    void aBatchWithoutRowsGivesOneWithTheSameColumns() throws StageException {
        VectorSchemaRoot empty = batch("n:int64, s:utf8");
        try (CollectingEmitter out = run(Map.of("by", "n"), empty)) {
            assertEquals(1, out.batches().size());
            assertEquals(0, out.batches().get(0).getRowCount());
            assertEquals("n:int64, s:utf8", BatchText.schema(out.batches().get(0)));
        }
    }

    @Test
    void aMissingColumnFailsTheFirstBatchAtItsKey() {
        VectorSchemaRoot orders = batch("id:int64, amount:int64", row(1, 30));

        StageException e = assertThrows(StageException.class, () -> run(Map.of("by", List.of("id", "amout")), orders));

        assertEquals(ErrorCode.DATA, e.code());
        assertEquals("by", e.key());
        assertEquals("config key 'by' names column 'amout', which input 'in' does not have (did you mean "
                + "'amount'?); its columns: id, amount", e.getMessage());
    }

    @Test
    void aBatchWithOtherColumnsIsADataError() {
        VectorSchemaRoot first = batch("n:int64", row(1));
        VectorSchemaRoot second = batch("n:utf8", row("2"));

        StageException e = assertThrows(StageException.class, () -> run(Map.of("by", "n"), first, second));

        assertEquals(ErrorCode.DATA, e.code());
        assertEquals("a batch of input 'in' has the columns (n utf8), but the first batch, of input 'in', had "
                + "(n int64); sort.apply needs every batch to have the same columns", e.getMessage());
    }

    @Test
    void reachingTheMemoryLimitSaysThatSortHoldsItsInput() {
        try (BufferAllocator limited = root.newChildAllocator("limited", 0, 6000);
                TestContext small = TestContext.of(limited, "limited")) {
            Object[][] rows = new Object[300][];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = row(300 - i);
            }
            VectorSchemaRoot input = batch("n:int64", rows);
            StageException e = assertThrows(StageException.class,
                    () -> Runs.transform(sort, config(Map.of("by", "n")), small, input));
            assertEquals(ErrorCode.STAGE, e.code());
            assertTrue(e.getMessage().startsWith("sort.apply holds its whole input in memory and reached the run's "
                    + "memory limit of 6000 bytes after 300 rows of input 'in'; sort fewer rows"), e.getMessage());
        }
    }

    @Test
    void validationChecksTheKeysAgainstTheInputSchema() {
        Schema schema = new Schema(List.of(Field.nullable("region", ArrowType.Utf8.INSTANCE),
                Field.nullable("amount", new ArrowType.Int(64, true)),
                new Field("tags", FieldType.nullable(ArrowType.List.INSTANCE),
                        List.of(Field.nullable("item", ArrowType.Utf8.INSTANCE)))));

        TestSchemaContext good = TestSchemaContext.of("sales", schema);
        assertEquals(Optional.of(schema), sort.outputSchema(config(Map.of("by", List.of("amount", "region"))), good));
        assertEquals(List.of(), good.problems());

        TestSchemaContext bad = TestSchemaContext.of("sales", schema);
        assertEquals(Optional.empty(), sort.outputSchema(config(Map.of("by", List.of("regoin", "tags"))), bad));
        assertEquals(List.of(
                new ConfigProblem("by", "config key 'by' names column 'regoin', which input 'sales' does not have "
                        + "(did you mean 'region'?); its columns: region, amount, tags"),
                new ConfigProblem("by", "config key 'by' names column 'tags' of type list, which cannot be sorted "
                        + "on; sortable types are integers, floats, booleans, strings, binary, dates, times, "
                        + "timestamps and durations")), bad.problems());

        TestSchemaContext unknown = TestSchemaContext.of("sales", null);
        assertEquals(Optional.empty(), sort.outputSchema(config(Map.of("by", "anything")), unknown));
        assertEquals(List.of(), unknown.problems());
    }

    @Test
    void badKeyShapesAreConfigProblems() {
        assertEquals(List.of(new ConfigProblem("by", "config key 'by' must name at least one column")),
                sort.validate(config(Map.of("by", List.of()))));
        assertEquals(List.of(new ConfigProblem("by", "config key 'by' names 'a' twice")),
                sort.validate(config(Map.of("by", List.of("a", "b", "a")))));
        assertEquals(List.of(new ConfigProblem("descending", "config key 'descending' has 1 value but 'by' names 2 "
                + "columns; give one boolean per column, or a single boolean for all")),
                sort.validate(config(Map.of("by", List.of("a", "b"), "descending", List.of(true)))));
        assertEquals(List.of(new ConfigProblem("descending", "config key 'descending' must be a boolean, or an "
                + "array of booleans with one per column of 'by', got string \"yes\""),
                new ConfigProblem("nulls_last", "config key 'nulls_last' must be a boolean, or an array of booleans "
                        + "with one per column of 'by', got array [true, 1]")),
                sort.validate(config(Map.of("by", List.of("a", "b"), "descending", "yes",
                        "nulls_last", List.of(true, 1)))));
        StageException e = assertThrows(StageException.class, () -> sort.open(config(Map.of("by", List.of())),
                context, List.of("in")));
        assertEquals(ErrorCode.CONFIG, e.code());
        assertEquals("by", e.key());
    }

    @Test
    void severalInputsAreSortedTogetherWithTiesInListedInputOrder() throws StageException {
        Map<String, List<VectorSchemaRoot>> named = new LinkedHashMap<>();
        named.put("later", List.of(batch("k:int64, from:utf8", row(1, "later-1"), row(2, "later-2")),
                batch("k:int64, from:utf8", row(1, "later-3"))));
        named.put("earlier", List.of(batch("k:int64, from:utf8", row(2, "earlier-1"), row(1, "earlier-2"))));
        try (CollectingEmitter out = Runs.transform(sort, config(Map.of("by", "k")), context, named)) {
            assertEquals(List.of("1|\"later-1\"", "1|\"later-3\"", "1|\"earlier-2\"", "2|\"later-2\"",
                    "2|\"earlier-1\""), out.rows());
        }
    }

    @Test
    void inputsWithDifferentColumnsAreReportedAtValidation() {
        Map<String, Schema> named = new LinkedHashMap<>();
        named.put("a", Batches.schema("k:int64"));
        named.put("b", Batches.schema("k:utf8"));
        TestSchemaContext two = TestSchemaContext.of(named);

        assertEquals(Optional.empty(), sort.outputSchema(config(Map.of("by", "k")), two));
        assertEquals(List.of("sort.apply sorts its inputs together, so they must have the same columns, but input "
                + "'a' has (k int64) and input 'b' has (k utf8); combine them with union.apply first"),
                two.messages());
    }
}
