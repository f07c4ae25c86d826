package io.conveyor.plugin.expression.internal.filter;

import static io.conveyor.testing.Batches.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.UInt8Vector;
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
import io.conveyor.testing.BatchText;
import io.conveyor.testing.Batches;
import io.conveyor.testing.CollectingEmitter;
import io.conveyor.testing.Runs;
import io.conveyor.testing.TestConfig;
import io.conveyor.testing.TestContext;

class FilterApplyTest {

    private static final String SCHEMA = "id:int64, product:utf8, amount:float64, quantity:int64, in_stock:bool";

    private final RootAllocator root = new RootAllocator();
    private final TestContext context = TestContext.of(root, "filter");
    private final FilterApply filter = new FilterApply();
    private final VectorSchemaRoot sales = Batches.of(root, SCHEMA,
            row(1, "Laptop stand", 45.5, 3, true),
            row(2, "Desk, standing", 420.0, 1, true),
            row(3, "Monitor 27in", 189.99, 2, false),
            row(5, "Office chair", 150.0, 4, true),
            row(6, "Headphones", 249.5, null, true),
            row(7, "Notebook", 3.25, 50, null),
            row(9, "Webcam", null, 7, false));

    @AfterEach
    void noLeaks() {
        sales.close();
        context.close();
        root.close();
    }

    private List<String> ids(String column, String operator, Object value) throws StageException {
        try (CollectingEmitter out = Runs.transform(filter, TestConfig.of(filter.descriptor(),
                Map.of("column", column, "operator", operator, "value", value)), context, sales)) {
            return out.rows().stream().map(r -> r.substring(0, r.indexOf('|'))).toList();
        }
    }

    private StageException failure(String column, String operator, Object value) {
        return assertThrows(StageException.class, () -> ids(column, operator, value));
    }

    @Test
    void keepsTheQuickstartsBigSalesAndNeverMatchesNulls() throws StageException {
        try (CollectingEmitter out = Runs.transform(filter, TestConfig.of(filter.descriptor(),
                Map.of("column", "amount", "operator", ">=", "value", 150)), context, sales)) {
            assertEquals(List.of(
                    "2|\"Desk, standing\"|420.0|1|true",
                    "3|\"Monitor 27in\"|189.99|2|false",
                    "5|\"Office chair\"|150.0|4|true",
                    "6|\"Headphones\"|249.5|null|true"), out.rows());
        }
    }

    @Test
    void numericOperatorsCompareIntegersExactlyAndWithFloats() throws StageException {
        assertEquals(List.of("5"), ids("quantity", "==", 4));
        assertEquals(List.of("5"), ids("quantity", "=", 4));
        assertEquals(List.of("1", "2", "3", "7", "9"), ids("quantity", "!=", 4));
        assertEquals(List.of("1", "2", "3", "7", "9"), ids("quantity", "<>", 4));
        assertEquals(List.of("7", "9"), ids("quantity", ">", 4.5));
        assertEquals(List.of("2", "3"), ids("quantity", "<", 3));
        assertEquals(List.of("1", "2", "3"), ids("quantity", "<=", 3));
        assertEquals(List.of("1", "7"), ids("amount", "<", 100));
        assertEquals(List.of("2", "5"), ids("amount", "in", List.of(150, 420.0)));
        assertEquals(List.of("3", "7"), ids("quantity", "in", List.of(2, 50)));
    }

    @Test
    void stringOperatorsCompareBytesInPlace() throws StageException {
        assertEquals(List.of("5"), ids("product", "==", "Office chair"));
        assertEquals(List.of("2"), ids("product", "<", "Headphones"));
        assertEquals(List.of("1", "2", "3", "6", "7", "9"), ids("product", "!=", "Office chair"));
        assertEquals(List.of("1", "2"), ids("product", "contains", "and"));
        assertEquals(List.of("3", "9"), ids("product", "in", List.of("Webcam", "Monitor 27in", "Lamp")));
        assertEquals(List.of(), ids("product", "contains", "desk"));
    }

    @Test
    void booleanColumnsCompareWithBooleans() throws StageException {
        assertEquals(List.of("1", "2", "5", "6"), ids("in_stock", "==", true));
        assertEquals(List.of("1", "2", "5", "6"), ids("in_stock", "!=", false));
        assertEquals(List.of("1", "2", "3", "5", "6", "9"), ids("in_stock", "in", List.of(true, false)));
    }

    @Test
    void aBatchWhereEveryRowMatchesIsForwardedWithoutACopy() throws StageException {
        try (CollectingEmitter out = Runs.transform(filter, TestConfig.of(filter.descriptor(),
                Map.of("column", "id", "operator", ">", "value", 0)), context, sales)) {
            assertSame(sales, out.batches().get(0));
        }
    }

    @Test
    void whenNothingMatchesOneBatchWithoutRowsKeepsTheColumns() throws StageException {
        try (VectorSchemaRoot more = Batches.of(root, SCHEMA, row(11, "Lamp", 20.0, 1, true));
                CollectingEmitter out = Runs.transform(filter, TestConfig.of(filter.descriptor(),
                        Map.of("column", "id", "value", 100)), context, sales, more)) {
            assertEquals(1, out.batches().size());
            assertEquals(0, out.batches().get(0).getRowCount());
            assertEquals(SCHEMA, BatchText.schema(out.batches().get(0)));
            assertEquals(0, out.droppedEmptyBatches());
        }
    }

    @Test
    void afterRowsWereEmittedABatchWhereNothingMatchesEmitsNothing() throws StageException {
        try (VectorSchemaRoot more = Batches.of(root, SCHEMA, row(11, "Lamp", 20.0, 1, true));
                CollectingEmitter out = Runs.transform(filter, TestConfig.of(filter.descriptor(),
                        Map.of("column", "id", "value", 1)), context, sales, more)) {
            assertEquals(List.of("1"), out.rows().stream().map(r -> r.substring(0, r.indexOf('|'))).toList());
            assertEquals(1, out.batches().size());
            assertEquals(0, out.droppedEmptyBatches());
        }
    }

    @Test
    void aBatchWithoutRowsIsPassedOn() throws StageException {
        try (VectorSchemaRoot empty = Batches.of(root, SCHEMA);
                CollectingEmitter out = Runs.transform(filter, TestConfig.of(filter.descriptor(),
                        Map.of("column", "id", "value", 1)), context, empty)) {
            assertSame(empty, out.batches().get(0));
        }
    }

    @Test
    void aValueOfTheWrongKindIsAConfigErrorNamingTheKeyAndColumnType() {
        StageException e = failure("amount", ">=", "150");
        assertEquals(ErrorCode.CONFIG, e.code());
        assertEquals("value", e.key());
        assertEquals("config key 'value' must be a number to compare with column 'amount' (float64), got string \"150\"",
                e.getMessage());
        assertEquals("config key 'value' must be a string to compare with column 'product' (utf8), got integer 3",
                failure("product", "==", 3).getMessage());
        assertEquals("config key 'value' must be a boolean to compare with column 'in_stock' (bool), got integer 1",
                failure("in_stock", "==", 1).getMessage());
        assertEquals("config key 'value' must hold numbers to compare with column 'id' (int64), got array [1, \"2\"]",
                failure("id", "in", List.of(1, "2")).getMessage());
    }

    @Test
    void anOperatorTheColumnTypeDoesNotSupportIsAConfigErrorOnTheOperator() {
        StageException e = failure("amount", "contains", "1");
        assertEquals("operator", e.key());
        assertEquals("config key 'operator' is \"contains\", which needs a utf8 column, but column 'amount' (float64) "
                + "is not one", e.getMessage());
        assertEquals("config key 'operator' is \">\", which is not defined for column 'in_stock' (bool): use \"==\" or "
                + "\"!=\"", failure("in_stock", ">", true).getMessage());
    }

    @Test
    void aMissingColumnIsADataErrorListingTheColumns() {
        StageException e = failure("price", "==", 1);
        assertEquals(ErrorCode.DATA, e.code());
        assertEquals("column 'price' is not in input 'in' (columns: id, product, amount, quantity, in_stock)",
                e.getMessage());
    }

    @Test
    void valuesThatCannotFitTheOperatorAreReportedBeforeTheRun() {
        assertEquals(List.of(new ConfigProblem("value", "config key 'value' must be an array for operator 'in', "
                + "got string \"a\"")), filter.validate(config("in", "a")));
        assertEquals(List.of(new ConfigProblem("value", "config key 'value' must be a string for operator "
                + "'contains', got integer 1")), filter.validate(config("contains", 1)));
        assertEquals(List.of(new ConfigProblem("value", "config key 'value' must be a string, number or boolean "
                + "for operator '==', got array [1, 2]")), filter.validate(config("==", List.of(1, 2))));
        assertEquals(List.of(new ConfigProblem("value", "config key 'value' must hold strings, numbers or booleans "
                + "for operator 'in', got array [[1]]")), filter.validate(config("in", List.of(List.of(1)))));
        assertEquals(List.of(), filter.validate(config("in", List.of("a", "b"))));
    }

    /** The ids of the rows of {@code batch} (whose first column is id:int64) the filter keeps. */
    private List<String> idsIn(VectorSchemaRoot batch, String column, String operator, Object value)
            throws StageException {
        try (CollectingEmitter out = Runs.transform(filter, TestConfig.of(filter.descriptor(),
                Map.of("column", column, "operator", operator, "value", value)), context, batch)) {
            return out.rows().stream().map(r -> r.substring(0, r.indexOf('|'))).toList();
        }
    }

    @Test
    void anInt64ColumnComparesExactlyWithFloatsBeyondTwoToThe53() throws StageException {
        long twoTo53 = 1L << 53;
        try (VectorSchemaRoot big = Batches.of(root, "id:int64, n:int64", row(1, twoTo53), row(2, twoTo53 + 1),
                row(3, Long.MAX_VALUE), row(4, Long.MIN_VALUE), row(5, 3))) {
            assertEquals(List.of("2", "3"), idsIn(big, "n", ">", 0x1p53));
            assertEquals(List.of("1"), idsIn(big, "n", "==", 0x1p53));
            assertEquals(List.of("2", "3", "4", "5"), idsIn(big, "n", "!=", 0x1p53));
            assertEquals(List.of(), idsIn(big, "n", ">=", 0x1p63));
            assertEquals(List.of("1", "2", "3", "4", "5"), idsIn(big, "n", "<", 0x1p63));
            assertEquals(List.of("4"), idsIn(big, "n", "<=", -0x1p63));
            assertEquals(List.of(), idsIn(big, "n", "<", -0x1p63));
            assertEquals(List.of("2", "5"), idsIn(big, "n", "in", List.of(twoTo53 + 1, 2.5, 3.0)));
            assertEquals(List.of("4", "5"), idsIn(big, "n", "<", 3.5));
            assertEquals(List.of("4"), idsIn(big, "n", "<", 2.5));
            assertEquals(List.of("1", "2", "3"), idsIn(big, "n", ">", 2.5e15));
        }
    }

    @Test
    void infinitiesAndNanCompareWithIntegersAsTheyWouldWithTheirValues() throws StageException {
        try (VectorSchemaRoot small = Batches.of(root, "id:int64, n:int64", row(1, -5), row(2, 5), row(3, null))) {
            assertEquals(List.of("1", "2"), idsIn(small, "n", "<", Double.POSITIVE_INFINITY));
            assertEquals(List.of(), idsIn(small, "n", ">", Double.POSITIVE_INFINITY));
            assertEquals(List.of("1", "2"), idsIn(small, "n", ">=", Double.NEGATIVE_INFINITY));
            assertEquals(List.of(), idsIn(small, "n", "==", Double.NaN));
            assertEquals(List.of(), idsIn(small, "n", "<", Double.NaN));
            assertEquals(List.of("1", "2"), idsIn(small, "n", "!=", Double.NaN));
        }
    }

    @Test
    void aFloatColumnComparesExactlyWithIntegersBeyondTwoToThe53() throws StageException {
        long twoTo53 = 1L << 53;
        try (VectorSchemaRoot floats = Batches.of(root, "id:int64, x:float64", row(1, 0x1p53), row(2, 2.5),
                row(3, Double.NaN), row(4, -0.0))) {
            assertEquals(List.of(), idsIn(floats, "x", "==", twoTo53 + 1));
            assertEquals(List.of("1", "2", "4"), idsIn(floats, "x", "<", twoTo53 + 1));
            assertEquals(List.of("1", "2", "3", "4"), idsIn(floats, "x", "!=", twoTo53 + 1));
            assertEquals(List.of("1"), idsIn(floats, "x", "==", twoTo53));
            assertEquals(List.of("2"), idsIn(floats, "x", "in", List.of(2.5, twoTo53 + 1)));
            assertEquals(List.of("1", "2"), idsIn(floats, "x", ">", 2));
            assertEquals(List.of("4"), idsIn(floats, "x", "==", 0));
            assertEquals(List.of("4"), idsIn(floats, "x", "<", 1));
        }
    }

    @Test
    void unsignedColumnsCompareAsUnsigned() throws StageException {
        Schema schema = new Schema(List.of(
                new Field("id", FieldType.nullable(new ArrowType.Int(64, true)), null),
                new Field("u64", FieldType.nullable(new ArrowType.Int(64, false)), null),
                new Field("u8", FieldType.nullable(new ArrowType.Int(8, false)), null)));
        try (VectorSchemaRoot batch = VectorSchemaRoot.create(schema, root)) {
            batch.allocateNew();
            long[] u64 = {1, Long.MIN_VALUE, -1}; // 1, 2^63 and 2^64 - 1 as raw bits
            byte[] u8 = {1, (byte) 200, (byte) 255};
            for (int i = 0; i < 3; i++) {
                ((BigIntVector) batch.getVector("id")).setSafe(i, i + 1);
                ((UInt8Vector) batch.getVector("u64")).setSafe(i, u64[i]);
                ((UInt1Vector) batch.getVector("u8")).setSafe(i, u8[i]);
            }
            batch.setRowCount(3);
            assertEquals(List.of("2", "3"), idsIn(batch, "u64", ">", 1));
            assertEquals(List.of(), idsIn(batch, "u64", "==", -1));
            assertEquals(List.of(), idsIn(batch, "u64", "<", 0));
            assertEquals(List.of("1", "2", "3"), idsIn(batch, "u64", ">", -1.5));
            assertEquals(List.of("3"), idsIn(batch, "u64", ">=", 1.0e19));
            assertEquals(List.of("2"), idsIn(batch, "u64", "==", 0x1p63));
            assertEquals(List.of("1", "2", "3"), idsIn(batch, "u64", "<", 0x1p64));
            assertEquals(List.of("1", "2"), idsIn(batch, "u64", "<=", 1.0e19));
            assertEquals(List.of("2", "3"), idsIn(batch, "u8", ">", 100));
            assertEquals(List.of("3"), idsIn(batch, "u8", "==", 255.0));
        }
    }

    private TestConfig config(String operator, Object value) {
        return TestConfig.of(filter.descriptor(), Map.of("column", "c", "operator", operator, "value", value));
    }
}
