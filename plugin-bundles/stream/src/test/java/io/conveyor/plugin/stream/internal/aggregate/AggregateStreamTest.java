package io.conveyor.plugin.stream.internal.aggregate;

import static io.conveyor.testing.Batches.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
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
import io.conveyor.testing.BatchText;
import io.conveyor.testing.Batches;
import io.conveyor.testing.CollectingEmitter;
import io.conveyor.testing.Runs;
import io.conveyor.testing.TestConfig;
import io.conveyor.testing.TestContext;
import io.conveyor.testing.TestSchemaContext;

class AggregateStreamTest {

    private static final String LOGS = "level:utf8, ms:int64, score:float64";

    private final RootAllocator root = new RootAllocator();
    private final TestContext context = TestContext.of(root, "agg");
    private final AggregateStream aggregate = new AggregateStream();

    @AfterEach
    void noLeaks() {
        context.close();
        root.close();
    }

    private TestConfig config(Map<String, ?> values) {
        return TestConfig.of(aggregate.descriptor(), values);
    }

    private VectorSchemaRoot logs() {
        return Batches.of(root, LOGS, row("error", 10, 1.5), row("info", 20, null), row("error", null, 2.5),
                row(null, 40, 4.0), row("error", 5, 0.5));
    }

    private List<String> run(Map<String, ?> values, VectorSchemaRoot... batches) throws StageException {
        try (CollectingEmitter out = Runs.transform(aggregate, config(values), context, batches)) {
            List<String> lines = new ArrayList<>();
            for (VectorSchemaRoot batch : out.batches()) {
                lines.add(BatchText.schema(batch));
                lines.addAll(BatchText.rows(batch));
            }
            return lines;
        } finally {
            for (VectorSchemaRoot batch : batches) {
                batch.close();
            }
        }
    }

    @Test
    void countPerGroupGivesTheOriginalsRowsInOrderOfFirstAppearance() throws StageException {
        assertEquals(List.of("count:int64, level:utf8", "3|\"error\"", "1|\"info\"", "1|null"),
                run(Map.of("operation", "count", "group_by", List.of("level")), logs()));
    }

    @Test
    void aSingleGroupColumnMayBeAPlainString() throws StageException {
        assertEquals(List.of("count:int64, level:utf8", "3|\"error\"", "1|\"info\"", "1|null"),
                run(Map.of("operation", "count", "group_by", "level"), logs()));
    }

    @Test
    void eachBatchGivesItsOwnResults() throws StageException {
        VectorSchemaRoot second = Batches.of(root, LOGS, row("info", 1, 1.0));
        assertEquals(List.of("count:int64", "5", "count:int64", "1"),
                run(Map.of("operation", "count"), logs(), second));
    }

    @Test
    void sumOfIntegersIsAnIntegerAndSkipsNulls() throws StageException {
        assertEquals(List.of("sum:int64, level:utf8", "15|\"error\"", "20|\"info\"", "40|null"),
                run(Map.of("operation", "sum", "value_column", "ms", "group_by", List.of("level")), logs()));
    }

    @Test
    void avgMinMaxOfFloatsAndAGroupWithoutValues() throws StageException {
        assertEquals(List.of("avg:float64, level:utf8", "1.5|\"error\"", "null|\"info\"", "4.0|null"),
                run(Map.of("operation", "avg", "value_column", "score", "group_by", "level"), logs()));
        assertEquals(List.of("min:int64", "5"), run(Map.of("operation", "min", "value_column", "ms"), logs()));
        assertEquals(List.of("max:float64", "4.0"), run(Map.of("operation", "max", "value_column", "score"), logs()));
        assertEquals(List.of("avg:float64", "18.75"), run(Map.of("operation", "avg", "value_column", "ms"), logs()));
    }

    @Test
    void countOfAValueColumnCountsItsNonNullValues() throws StageException {
        assertEquals(List.of("count:int64, level:utf8", "3|\"error\"", "0|\"info\"", "1|null"),
                run(Map.of("operation", "count", "value_column", "score", "group_by", "level"), logs()));
    }

    @Test
    void theDocumentationsColumnKeyWorksAsValueColumn() throws StageException {
        assertEquals(List.of("sum:float64", "8.5"), run(Map.of("operation", "sum", "column", "score"), logs()));
    }

    @Test
    void windowsOfOneBatchAreAggregatedEachOnTheirOwn() throws StageException {
        VectorSchemaRoot windows = Batches.of(root,
                "level:utf8, window_id:int64, window_start:int64, window_end:int64",
                row("error", 0, 0, 2), row("info", 0, 0, 2), row("error", 1, 2, 4), row("error", 1, 2, 4));
        assertEquals(List.of("window_id:int64, window_start:int64, window_end:int64, count:int64, level:utf8",
                "0|0|2|1|\"error\"", "0|0|2|1|\"info\"", "1|2|4|2|\"error\""),
                run(Map.of("operation", "count", "group_by", "level"), windows));
    }

    @Test
    void anEmptyBatchGivesACountOfZeroWithoutGroupsAndNoRowsWithThem() throws StageException {
        assertEquals(List.of("sum:int64", "null"),
                run(Map.of("operation", "sum", "value_column", "ms"), Batches.of(root, LOGS)));
        assertEquals(List.of("count:int64", "0"), run(Map.of("operation", "count"), Batches.of(root, LOGS)));
        assertEquals(List.of("count:int64, level:utf8"),
                run(Map.of("operation", "count", "group_by", "level"), Batches.of(root, LOGS)));
    }

    @Test
    void noInputGivesNoOutput() throws StageException {
        assertEquals(List.of(), run(Map.of("operation", "count")));
    }

    @Test
    void aValueColumnThatIsNotANumberIsATypeErrorAtValidation() {
        TestSchemaContext schemas = TestSchemaContext.of("logs", Batches.schema(LOGS));
        assertEquals(Optional.empty(), aggregate.outputSchema(config(Map.of("operation", "sum",
                "value_column", "level")), schemas));
        assertEquals(List.of(new ConfigProblem("value_column", "config key 'value_column' names column 'level' of "
                + "type utf8, but operation 'sum' needs a number column (integer or float)")), schemas.problems());
    }

    @Test
    void aValueColumnThatIsNotANumberFailsTheFirstBatchWhenTheSchemaWasUnknown() {
        StageException e = assertThrows(StageException.class,
                () -> run(Map.of("operation", "avg", "column", "level"), logs()));
        assertEquals(ErrorCode.DATA, e.code());
        assertEquals("column", e.key());
        assertEquals("config key 'column' names column 'level' of type utf8, but operation 'avg' needs a number "
                + "column (integer or float)", e.getMessage());
    }

    @Test
    void unknownColumnsAreReportedAtValidationWithTheColumnsThereAre() {
        TestSchemaContext schemas = TestSchemaContext.of("logs", Batches.schema(LOGS));
        aggregate.outputSchema(config(Map.of("operation", "max", "value_column", "latency", "group_by",
                List.of("lvl"))), schemas);
        assertEquals(List.of(
                "config key 'group_by' names column 'lvl', which input 'logs' does not have (columns: level, ms, "
                        + "score)",
                "config key 'value_column' names column 'latency', which input 'logs' does not have (columns: level, "
                        + "ms, score)"), schemas.messages());
    }

    @Test
    void outputSchemaHasTheResultThenTheGroups() {
        TestSchemaContext schemas = TestSchemaContext.of("logs", Batches.schema(LOGS));
        Schema output = aggregate.outputSchema(config(Map.of("operation", "sum", "value_column", "ms",
                "group_by", "level")), schemas).orElseThrow();
        assertEquals("Schema<sum: Int(64, true), level: Utf8>", output.toString());
        Schema floats = aggregate.outputSchema(config(Map.of("operation", "min", "value_column", "score")),
                schemas).orElseThrow();
        assertEquals("Schema<min: FloatingPoint(DOUBLE)>", floats.toString());
        assertEquals(List.of(), schemas.problems());
    }

    @Test
    void anIntegerSumThatOverflowsIsAnError() {
        VectorSchemaRoot big = Batches.of(root, "n:int64", row(Long.MAX_VALUE), row(1));
        StageException e = assertThrows(StageException.class,
                () -> run(Map.of("operation", "sum", "value_column", "n"), big));
        assertEquals("the sum of column 'n' does not fit a 64-bit integer", e.getMessage());
    }

    @Test
    void configProblems() {
        assertEquals(List.of(new ConfigProblem("value_column", "config key 'value_column' is required for operation "
                + "'sum'")), aggregate.validate(config(Map.of("operation", "sum"))));
        assertEquals(List.of(new ConfigProblem("column", "config key 'column' is another name for 'value_column'; "
                + "set only one of them")), aggregate.validate(config(Map.of("operation", "sum", "value_column", "a",
                "column", "b"))));
        assertEquals(List.of(new ConfigProblem("group_by", "config key 'group_by' names 'level' twice")),
                aggregate.validate(config(Map.of("operation", "count", "group_by", List.of("level", "level")))));
        assertEquals(List.of(new ConfigProblem("group_by", "config key 'group_by' names 'count', which is also the "
                + "name of the result column of operation 'count'")),
                aggregate.validate(config(Map.of("operation", "count", "group_by", "count"))));
        assertThrows(IllegalArgumentException.class, () -> config(Map.of("operation", "median")));
    }

    @Test
    void columnsWithoutValuesYetAreNullKeysAndNullValues() throws StageException {
        Schema schema = new Schema(List.of(
                new Field("tag", FieldType.nullable(ArrowType.Null.INSTANCE), null),
                new Field("ms", FieldType.nullable(ArrowType.Null.INSTANCE), null)));
        VectorSchemaRoot nulls = VectorSchemaRoot.create(schema, root);
        nulls.setRowCount(2);
        assertEquals(List.of("sum:Null, tag:Null", "null|null"),
                run(Map.of("operation", "sum", "value_column", "ms", "group_by", "tag"), nulls));
    }

    @Test
    void manyGroupsOfSeveralKeyTypesComeInOrderOfFirstAppearance() throws StageException {
        Object[][] rows = new Object[2000][];
        Map<String, Long> expected = new java.util.LinkedHashMap<>();
        for (int i = 0; i < rows.length; i++) {
            String name = i % 5 == 0 ? null : "k" + (i * 7 % 301);
            double score = (i % 3) * 0.5;
            boolean flag = i % 2 == 0;
            rows[i] = row(name, score, flag, (long) i);
            expected.merge(name + "|" + score + "|" + flag, (long) i, Long::sum);
        }
        List<String> want = new ArrayList<>();
        want.add("sum:int64, name:utf8, score:float64, flag:bool");
        expected.forEach((key, sum) -> {
            String[] parts = key.split("\\|");
            want.add(sum + "|" + (parts[0].equals("null") ? "null" : "\"" + parts[0] + "\"") + "|" + parts[1] + "|"
                    + parts[2]);
        });
        assertEquals(want, run(Map.of("operation", "sum", "value_column", "n", "group_by",
                List.of("name", "score", "flag")), Batches.of(root, "name:utf8, score:float64, flag:bool, n:int64",
                rows)));
    }
}
