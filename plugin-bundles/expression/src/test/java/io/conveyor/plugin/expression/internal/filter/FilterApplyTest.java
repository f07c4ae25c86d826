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
import java.util.Optional;
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

    // ---------------------------------------------------------------- the expression form

    private List<String> idsWhere(String expression, VectorSchemaRoot... batches) throws StageException {
        try (CollectingEmitter out = Runs.transform(filter, expressionConfig(expression), context,
                batches.length == 0 ? new VectorSchemaRoot[] {sales} : batches)) {
            return out.rows().stream().map(r -> r.substring(0, r.indexOf('|'))).toList();
        }
    }

    private TestConfig expressionConfig(String expression) {
        return TestConfig.of(filter.descriptor(), Map.of("expression", expression));
    }

    @Test
    void anExpressionKeepsTheRowsWhereItIsTrue() throws StageException {
        assertEquals(List.of("2", "5", "6"), idsWhere("amount >= 150 and in_stock"));
        assertEquals(List.of("1", "2", "6"), idsWhere("lower(product) like '%stand%' or product = 'Headphones'"));
        assertEquals(List.of("3", "7", "9"), idsWhere("id in (3, 7, 9, 11)"));
        assertEquals(List.of("1", "3", "5", "7", "9"), idsWhere("id % 2 = 1"));
    }

    @Test
    void rowsWhereTheConditionIsNullAreDropped() throws StageException {
        assertEquals(List.of("5", "7", "9"), idsWhere("quantity > 3"));
        assertEquals(List.of("1", "2", "3"), idsWhere("not (quantity > 3)"));
        assertEquals(List.of("6"), idsWhere("quantity is null"));
        assertEquals(List.of("7"), idsWhere("in_stock is null"));
        assertEquals(List.of(), idsWhere("null"));
    }

    @Test
    void anExpressionTrueForEveryRowForwardsTheBatch() throws StageException {
        try (CollectingEmitter out = Runs.transform(filter, expressionConfig("id > 0"), context, sales)) {
            assertSame(sales, out.batches().get(0));
        }
    }

    @Test
    void anExpressionFalseForEveryRowGivesOneEmptyBatchWithTheColumns() throws StageException {
        try (VectorSchemaRoot more = Batches.of(root, SCHEMA, row(11, "Lamp", 20.0, 1, true));
                CollectingEmitter out = Runs.transform(filter, expressionConfig("amount > 1000"), context, sales, more)) {
            assertEquals(1, out.batches().size());
            assertEquals(0, out.batches().get(0).getRowCount());
            assertEquals(SCHEMA, BatchText.schema(out.batches().get(0)));
        }
    }

    @Test
    void selectedRowsKeepEveryColumnsValuesAndNulls() throws StageException {
        try (CollectingEmitter out = Runs.transform(filter, expressionConfig("id >= 6"), context, sales)) {
            assertEquals(List.of(
                    "6|\"Headphones\"|249.5|null|true",
                    "7|\"Notebook\"|3.25|50|null",
                    "9|\"Webcam\"|null|7|false"), out.rows());
        }
    }

    @Test
    void noBatchAtAllGivesNoBatch() throws StageException {
        try (CollectingEmitter out = Runs.transform(filter, expressionConfig("id > 0"), context)) {
            assertEquals(0, out.batches().size());
        }
    }

    @Test
    void aBatchWithoutRowsIsPassedOnByAnExpression() throws StageException {
        try (VectorSchemaRoot empty = Batches.of(root, SCHEMA);
                CollectingEmitter out = Runs.transform(filter, expressionConfig("upper(product) = 'X'"), context,
                        empty)) {
            assertSame(empty, out.batches().get(0));
        }
    }

    @Test
    void theFormsAreExclusiveAndEachComplete() {
        assertEquals(List.of(new ConfigProblem("expression", "config key 'expression' cannot be combined with "
                + "'column', 'value': write the condition either as expression = \"...\" or as "
                + "column/operator/value")), filter.validate(TestConfig.of(filter.descriptor(),
                        Map.of("expression", "id > 1", "column", "id", "value", 1))));
        assertEquals(List.of(new ConfigProblem("expression", "config key 'expression' cannot be combined with "
                + "'operator': write the condition either as expression = \"...\" or as column/operator/value")),
                filter.validate(TestConfig.of(filter.descriptor(), Map.of("expression", "id > 1", "operator", "=="))));
        assertEquals(List.of(new ConfigProblem("column", "config key 'column' is required for filter.apply, unless "
                + "the condition is written as expression = \"...\"")),
                filter.validate(TestConfig.of(filter.descriptor(), Map.of())));
        assertEquals(List.of(new ConfigProblem("value", "config key 'value' is required for filter.apply with "
                + "column = \"id\"")), filter.validate(TestConfig.of(filter.descriptor(), Map.of("column", "id"))));
    }

    @Test
    void aSyntaxErrorIsFoundWithoutAnySchema() {
        assertEquals(List.of(new ConfigProblem("expression", "config key 'expression' at column 12: the expression "
                + "ends too early: the '(' at column 1 is never closed with ')'")),
                filter.validate(expressionConfig("(id > 1 > 2")));
        assertEquals(List.of(new ConfigProblem("expression", "config key 'expression' at column 6: unexpected '>'")),
                filter.validate(expressionConfig("id > > 1")));
        assertEquals(List.of(new ConfigProblem("expression", "config key 'expression' at column 8: the string that "
                + "starts here is never closed (write a ' inside a string as '')")),
                filter.validate(expressionConfig("name = 'Bob")));
        assertEquals(List.of(), filter.validate(expressionConfig("amout > 1")));
    }

    @Test
    void aKnownInputSchemaIsCheckedBeforeTheRunAndPassedOn() {
        Schema schema = Batches.schema(SCHEMA);
        TestSchemaContext known = TestSchemaContext.of("in", schema);
        assertEquals(Optional.of(schema), filter.outputSchema(expressionConfig("amount > 1 and in_stock"), known));
        assertEquals(List.of(), known.messages());

        TestSchemaContext typo = TestSchemaContext.of("in", schema);
        filter.outputSchema(expressionConfig("amout > 1 and product = 3"), typo);
        assertEquals(List.of(
                new ConfigProblem("expression", "config key 'expression' at column 1: unknown column 'amout' "
                        + "(did you mean 'amount'?)"),
                new ConfigProblem("expression", "config key 'expression' at column 23: '=' cannot compare product "
                        + "(utf8) with 3 (int64)")), typo.problems());

        TestSchemaContext notACondition = TestSchemaContext.of("in", schema);
        filter.outputSchema(expressionConfig("amount * 2"), notACondition);
        assertEquals(List.of("config key 'expression' at column 1: the expression must be a condition, true or "
                + "false for each row, but it gives float64 values"), notACondition.messages());
    }

    @Test
    void theColumnFormIsCheckedAgainstAKnownSchemaToo() {
        Schema schema = Batches.schema(SCHEMA);
        TestSchemaContext missing = TestSchemaContext.of("in", schema);
        filter.outputSchema(config("amout", ">=", 150), missing);
        assertEquals(List.of(new ConfigProblem("column", "config key 'column' names 'amout', which input 'in' does "
                + "not have (did you mean 'amount'?)")), missing.problems());
        TestSchemaContext wrongKind = TestSchemaContext.of("in", schema);
        filter.outputSchema(config("amount", ">=", "150"), wrongKind);
        assertEquals(List.of("config key 'value' must be a number to compare with column 'amount' (float64), got "
                + "string \"150\""), wrongKind.messages());
    }

    @Test
    void anUnknownSchemaIsNotGuessedAt() {
        TestSchemaContext unknown = TestSchemaContext.of("in", null);
        assertEquals(Optional.empty(), filter.outputSchema(expressionConfig("amout > 1"), unknown));
        assertEquals(List.of(), unknown.messages());
    }

    @Test
    void whenTheSchemaWasUnknownTheFirstBatchIsCheckedWithTheSameWords() {
        StageException e = assertThrows(StageException.class, () -> idsWhere("amout > 1"));
        assertEquals(ErrorCode.CONFIG, e.code());
        assertEquals("expression", e.key());
        assertEquals("config key 'expression' at column 1: unknown column 'amout' (did you mean 'amount'?)",
                e.getMessage());
    }

    @Test
    void aValueTheExpressionCannotComputeIsADataError() {
        StageException e = assertThrows(StageException.class, () -> idsWhere("id * 9223372036854775807 > 0"));
        assertEquals(ErrorCode.DATA, e.code());
        assertEquals("expression", e.key());
        assertEquals("config key 'expression' at column 4: integer overflow: 2 * 9223372036854775807 is beyond "
                + "int64 (cast an operand to double to compute in float64)", e.getMessage());
    }

    private TestConfig config(String column, String operator, Object value) {
        return TestConfig.of(filter.descriptor(), Map.of("column", column, "operator", operator, "value", value));
    }

    private TestConfig config(String operator, Object value) {
        return TestConfig.of(filter.descriptor(), Map.of("column", "c", "operator", operator, "value", value));
    }
}
