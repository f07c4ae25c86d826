package io.conveyor.plugin.reshape.internal.cast;

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

class CastApplyTest {

    private final RootAllocator root = new RootAllocator();
    private final TestContext context = TestContext.of(root, "cast");
    private final CastApply cast = new CastApply();
    private final List<VectorSchemaRoot> inputs = new ArrayList<>();

    @AfterEach
    void noLeaks() {
        inputs.forEach(VectorSchemaRoot::close);
        context.close();
        root.close();
    }

    private VectorSchemaRoot keep(VectorSchemaRoot batch) {
        inputs.add(batch);
        return batch;
    }

    private VectorSchemaRoot batch(String columns, Object[]... rows) {
        return keep(Batches.of(root, columns, rows));
    }

    private static Map<String, Object> table(String... pairs) {
        Map<String, Object> table = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            table.put(pairs[i], pairs[i + 1]);
        }
        return table;
    }

    private TestConfig config(Map<String, Object> columns, String onError) {
        return onError == null ? TestConfig.of(cast.descriptor(), Map.of("columns", columns))
                : TestConfig.of(cast.descriptor(), Map.of("columns", columns, "on_error", onError));
    }

    /** The schema and the rows of the result, as one list. */
    private List<String> cast(Map<String, Object> columns, VectorSchemaRoot... batches) throws StageException {
        return cast(columns, null, batches);
    }

    private List<String> cast(Map<String, Object> columns, String onError, VectorSchemaRoot... batches)
            throws StageException {
        try (CollectingEmitter out = Runs.transform(cast, config(columns, onError), context, batches)) {
            List<String> result = new ArrayList<>();
            result.add(BatchText.schema(out.batches().get(0)));
            result.addAll(out.rows());
            return result;
        }
    }

    @Test
    void textBecomesEveryType() throws StageException {
        VectorSchemaRoot text = batch("i:utf8, f:utf8, b:utf8, d:utf8, t:utf8, s:utf8",
                row(" 42", "1.5", "TRUE", "2024-02-29", "2024-03-01 10:15:30.25", "x"),
                row("-7", "-2e3", "false", "1969-12-31", "2024-03-01T10:15:30+02:00", ""),
                row(null, "inf", null, null, "2024-03-01", null));

        assertEquals(List.of(
                "i:int64, f:float64, b:bool, d:Date(DAY), t:Timestamp(MICROSECOND, null), s:utf8",
                "42|1.5|true|19782|2024-03-01T10:15:30.250|\"x\"",
                "-7|-2000.0|false|-1|2024-03-01T08:15:30|\"\"",
                "null|Infinity|null|null|2024-03-01T00:00|null"),
                cast(table("i", "int", "f", "float", "b", "bool", "d", "date", "t", "timestamp", "s", "string"),
                        text));
    }

    @Test
    void everyTypeBecomesText() throws StageException {
        VectorSchemaRoot typed = keep(TypedBatch.with(root)
                .int64("i", -9_223_372_036_854_775_808L, 0L, null)
                .int32("small", 7, -12, null)
                .float64("f", 150.0, 1e7, Double.NaN)
                .bool("b", true, false, null)
                .date("d", "2024-02-29", "1969-12-31", null)
                .timestamp("t", "2024-03-01T10:15:30.25", "1969-12-31T23:59:59.000001", "2024-03-01T00:00:00")
                .timestampMillisUtc("z", "2024-03-01T10:15:30", null, "2024-03-01T00:00:00.5")
                .largeUtf8("l", "large", "", null)
                .build());

        assertEquals(List.of("i:utf8, small:utf8, f:utf8, b:utf8, d:utf8, t:utf8, z:utf8, l:LargeUtf8",
                "\"-9223372036854775808\"|\"7\"|\"150.0\"|\"true\"|\"2024-02-29\"|\"2024-03-01 10:15:30.25\"|"
                        + "\"2024-03-01 10:15:30Z\"|large",
                "\"0\"|\"-12\"|\"10000000.0\"|\"false\"|\"1969-12-31\"|\"1969-12-31 23:59:59.000001\"|null|",
                "null|null|\"NaN\"|null|null|\"2024-03-01 00:00:00\"|\"2024-03-01 00:00:00.5Z\"|null"),
                cast(table("i", "str", "small", "text", "f", "string", "b", "string", "d", "string", "t", "string",
                        "z", "string", "l", "string"), typed));
    }

    @Test
    void numbersAndBooleansBecomeEachOther() throws StageException {
        VectorSchemaRoot numbers = keep(TypedBatch.with(root)
                .float64("f", 2.9, -2.9, null, 0.0)
                .int32("i", 3, 0, null, -1)
                .bool("b", true, false, null, true)
                .float32("small", 0.5f, null, -1.25f, 2f)
                .build());

        assertEquals(List.of("f:int64, i:float64, b:int64, small:float64",
                "2|3.0|1|0.5", "-2|0.0|0|null", "null|null|null|-1.25", "0|-1.0|1|2.0"),
                cast(table("f", "integer", "i", "double", "b", "i64", "small", "f64"), numbers));
        assertEquals(List.of("f:bool, i:bool, b:float64, small:int64",
                "true|true|1.0|0", "true|false|0.0|null", "null|null|null|-1", "false|true|1.0|2"),
                cast(table("f", "boolean", "i", "bool", "b", "float64", "small", "int64"), numbers));
    }

    @Test
    void datesAndTimestampsBecomeEachOther() throws StageException {
        VectorSchemaRoot temporal = keep(TypedBatch.with(root)
                .date("d", "2024-02-29", null)
                .timestamp("t", "1969-12-31T23:00:00", "2024-03-01T10:15:30")
                .timestampMillisUtc("z", "2024-03-01T10:15:30.5", null)
                .build());

        assertEquals(List.of("d:Timestamp(MICROSECOND, null), t:Date(DAY), z:Timestamp(MICROSECOND, UTC)",
                // BatchText shows a zoned timestamp as its number: microseconds
                "2024-02-29T00:00|-1|1709288130500000", "null|19783|null"),
                cast(table("d", "datetime", "t", "date", "z", "timestamp"), temporal));
    }

    @Test
    void aColumnAlreadyOfItsTypePassesAndSoDoesABatchWithNothingToCast() throws StageException {
        VectorSchemaRoot orders = batch("id:int64, name:utf8", row(1, "a"));
        try (CollectingEmitter out = Runs.transform(cast, config(table("id", "int", "name", "text"), null), context,
                orders)) {
            assertSame(orders, out.batches().get(0));
        }
    }

    @Test
    void valuesThatDoNotReadFailTheRunNamingColumnRowAndValue() {
        VectorSchemaRoot first = batch("amount:utf8, n:int64", row("1.5", 1), row("2", 2));
        VectorSchemaRoot second = batch("amount:utf8, n:int64", row("3", 3), row("n/a", 4));

        StageException e = assertThrows(StageException.class, () -> cast(table("amount", "float"), first, second));

        assertEquals(ErrorCode.DATA, e.code());
        assertEquals("column 'amount', row 4 of input 'in': cannot cast \"n/a\" to float; set on_error = \"null\" to "
                + "make such values null", e.getMessage());
    }

    @Test
    void outOfRangeNumbersFailWithTheReason() {
        VectorSchemaRoot floats = batch("x:float64", row(1.0), row(1e19));

        StageException e = assertThrows(StageException.class, () -> cast(table("x", "int"), floats));

        assertEquals("column 'x', row 2 of input 'in': cannot cast 10000000000000000000.0 to int (out of range); set "
                + "on_error = \"null\" to make such values null", e.getMessage());
    }

    @Test
    void onErrorNullMakesSuchValuesNull() throws StageException {
        VectorSchemaRoot text = batch("n:utf8, d:utf8, b:utf8, x:float64",
                row("12", "2024-01-31", "yes", Double.NaN), row("twelve", "2024-02-31", "true", 5.0));

        assertEquals(List.of("n:int64, d:Date(DAY), b:bool, x:int64", "12|19753|null|null", "null|null|true|5"),
                cast(table("n", "int", "d", "date", "b", "bool", "x", "int"), "null", text));
    }

    @Test
    void aLongTextValueIsCutInTheMessage() {
        VectorSchemaRoot text = batch("n:utf8", row("x".repeat(100)));

        StageException e = assertThrows(StageException.class, () -> cast(table("n", "int"), text));

        assertEquals("column 'n', row 1 of input 'in': cannot cast \"" + "x".repeat(57) + "...\" to int; set "
                + "on_error = \"null\" to make such values null", e.getMessage());
    }

    @Test
    void aBatchWithoutRowsGivesTheCastColumnsAndNoBatchGivesNothing() throws StageException {
        VectorSchemaRoot empty = batch("n:utf8, s:utf8");
        assertEquals(List.of("n:int64, s:utf8"), cast(table("n", "int"), empty));
        try (CollectingEmitter out = Runs.transform(cast, config(table("n", "int"), null), context)) {
            assertEquals(List.of(), out.batches());
        }
    }

    @Test
    void theCastOutlivesTheInput() throws StageException {
        VectorSchemaRoot text = batch("n:utf8, s:utf8", row("1", "kept"));
        try (CollectingEmitter out = Runs.transform(cast, config(table("n", "float"), null), context, text)) {
            text.close();
            inputs.clear();
            assertEquals(List.of("1.0|\"kept\""), out.rows());
        }
    }

    @Test
    void unknownTypeNamesAndBadTablesAreConfigProblems() {
        assertEquals(List.of(new ConfigProblem("columns", "config key 'columns' must name at least one column")),
                cast.validate(config(table(), null)));
        Map<String, Object> columns = table("a", "flot", "b", "INT", "c", "varchar");
        columns.put("d", 3);
        assertEquals(List.of(
                new ConfigProblem("columns", "config key 'columns' gives column 'a' the type \"flot\", which is not "
                        + "one of string, int, float, bool, date, timestamp (did you mean 'float'?)"),
                new ConfigProblem("columns", "config key 'columns' gives column 'c' the type \"varchar\", which is "
                        + "not one of string, int, float, bool, date, timestamp"),
                new ConfigProblem("columns", "config key 'columns' must give each column a type name as a string, "
                        + "got integer 3 for 'd'")), cast.validate(config(columns, null)));
        StageException e = assertThrows(StageException.class, () -> cast.open(config(table("a", "flaot"), null),
                context, List.of("in")));
        assertEquals(ErrorCode.CONFIG, e.code());
        assertEquals("columns", e.key());
    }

    @Test
    void validationReportsUnknownColumnsAndUnsupportedCastsOrTellsTheCastSchema() {
        Schema schema = new Schema(List.of(Field.nullable("amount", ArrowType.Utf8.INSTANCE),
                Field.nullable("paid", ArrowType.Bool.INSTANCE),
                new Field("id", FieldType.notNullable(new ArrowType.Int(64, true)), null)));

        TestSchemaContext known = TestSchemaContext.of("raw", schema);
        assertEquals(Optional.of(new Schema(List.of(
                Field.nullable("amount", new ArrowType.FloatingPoint(
                        org.apache.arrow.vector.types.FloatingPointPrecision.DOUBLE)),
                Field.nullable("paid", ArrowType.Bool.INSTANCE),
                new Field("id", FieldType.notNullable(new ArrowType.Int(64, true)), null)))),
                cast.outputSchema(config(table("amount", "float", "id", "int"), null), known));
        assertEquals(List.of(), known.problems());

        TestSchemaContext bad = TestSchemaContext.of("raw", schema);
        assertEquals(Optional.empty(), cast.outputSchema(config(table("amout", "float", "paid", "date"), null), bad));
        assertEquals(List.of(
                "config key 'columns' names column 'amout', which input 'raw' does not have (did you mean "
                        + "'amount'?); its columns: amount, paid, id",
                "config key 'columns' casts column 'paid' from bool to date, which is not supported; casts to date "
                        + "take strings, dates and timestamps"), bad.messages());

        TestSchemaContext unknown = TestSchemaContext.of("raw", null);
        assertEquals(Optional.empty(), cast.outputSchema(config(table("x", "int"), null), unknown));
        assertEquals(List.of(), unknown.problems());
    }

    @Test
    void unsupportedCastsFailTheFirstBatchWhenTheSchemaWasNotKnown() {
        VectorSchemaRoot temporal = keep(TypedBatch.with(root).date("d", "2024-01-01").build());

        StageException e = assertThrows(StageException.class, () -> cast(table("d", "int"), temporal));

        assertEquals(ErrorCode.DATA, e.code());
        assertEquals("columns", e.key());
        assertEquals("config key 'columns' casts column 'd' from date to int, which is not supported; casts to int "
                + "take integers, floats, decimals, booleans and strings", e.getMessage());
    }
}
