package io.conveyor.plugin.aggregate.internal.distinct;

import static io.conveyor.testing.Batches.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
import io.conveyor.plugin.aggregate.internal.Schemas;
import io.conveyor.testing.BatchText;
import io.conveyor.testing.Batches;
import io.conveyor.testing.CollectingEmitter;
import io.conveyor.testing.Runs;
import io.conveyor.testing.TestConfig;
import io.conveyor.testing.TestContext;
import io.conveyor.testing.TestSchemaContext;

class DistinctApplyTest {

    private static final String COLUMNS = "k:utf8, v:int64";

    private final RootAllocator root = new RootAllocator();
    private final TestContext context = TestContext.of(root, "distinct");
    private final DistinctApply distinct = new DistinctApply();
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

    /** Positions 0..7: a1 b2 a3 | c4 b5 null6 null7 a1. */
    private VectorSchemaRoot[] rows() {
        return new VectorSchemaRoot[] {batch(COLUMNS, row("a", 1), row("b", 2), row("a", 3)),
            batch(COLUMNS, row("c", 4), row("b", 5), row(null, 6), row(null, 7), row("a", 1))};
    }

    private TestConfig config(Map<String, Object> values) {
        return TestConfig.of(distinct.descriptor(), values);
    }

    private List<String> run(Map<String, Object> values, VectorSchemaRoot... batches) throws StageException {
        try (CollectingEmitter out = Runs.transform(distinct, config(values), context, batches)) {
            assertEquals(COLUMNS.replace(" ", ""), BatchText.schema(out.batches().get(0)).replace(" ", ""));
            return out.rows();
        }
    }

    @Test
    void keepFirstKeepsEachKeysFirstRowInInputOrder() throws StageException {
        assertEquals(List.of("\"a\"|1", "\"b\"|2", "\"c\"|4", "null|6"), run(Map.of("columns", "k"), rows()));
    }

    @Test
    void anyIsFirstMadeDeterministic() throws StageException {
        assertEquals(List.of("\"a\"|1", "\"b\"|2", "\"c\"|4", "null|6"),
                run(Map.of("columns", List.of("k"), "keep", "any"), rows()));
    }

    @Test
    void keepLastKeepsEachKeysLastRowInTheOrderOfTheirPositions() throws StageException {
        assertEquals(List.of("\"b\"|5", "null|7", "\"a\"|1"), run(Map.of("columns", "k", "keep", "last"), rows())
                .subList(1, 4));
        assertEquals(List.of("\"c\"|4", "\"b\"|5", "null|7", "\"a\"|1"),
                run(Map.of("columns", "k", "keep", "last"), rows()));
    }

    @Test
    void keepNoneKeepsOnlyKeysThatOccurOnce() throws StageException {
        assertEquals(List.of("\"c\"|4"), run(Map.of("columns", "k", "keep", "none"), rows()));
    }

    @Test
    void allColumnsAreComparedByDefault() throws StageException {
        assertEquals(List.of("\"a\"|1", "\"b\"|2", "\"a\"|3", "\"c\"|4", "\"b\"|5", "null|6", "null|7"),
                run(Map.of(), rows()));
        assertEquals(List.of("\"b\"|2", "\"a\"|3", "\"c\"|4", "\"b\"|5", "null|6", "null|7"),
                run(Map.of("keep", "none"), rows()));
    }

    @Test
    void nullsEqualNullsInEveryPartOfAKey() throws StageException {
        VectorSchemaRoot batch = batch(COLUMNS, row(null, null), row("x", null), row(null, null), row(null, 1),
                row("x", null));
        assertEquals(List.of("null|null", "\"x\"|null", "null|1"), run(Map.of("columns", List.of("k", "v")), batch));
    }

    @Test
    void aBatchOfNewRowsIsForwardedAsItIs() throws StageException {
        VectorSchemaRoot batch = batch(COLUMNS, row("a", 1), row("b", 2));
        try (CollectingEmitter out = Runs.transform(distinct, config(Map.of()), context, batch)) {
            assertSame(batch, out.batches().get(0));
        }
    }

    @Test
    void theOriginalDocsSubsetKeyIsAnAliasOfColumns() throws StageException {
        assertEquals(List.of("\"a\"|1", "\"b\"|2", "\"c\"|4", "null|6"), run(Map.of("subset", "k"), rows()));
        assertEquals(List.of(new ConfigProblem("subset", "config key 'subset' is the old name of 'columns'; set only "
                + "'columns'")), distinct.validate(config(Map.of("subset", "k", "columns", "k"))));
    }

    @Test
    void anEmptyInputWithColumnsGivesAnEmptyResultWithThem() throws StageException {
        for (String keep : List.of("first", "last", "none")) {
            try (CollectingEmitter out = Runs.transform(distinct, config(Map.of("keep", keep)), context,
                    batch(COLUMNS))) {
                assertEquals(1, out.batches().size(), keep);
                assertEquals(0, out.rowCount(), keep);
                assertEquals("k:utf8, v:int64", BatchText.schema(out.batches().get(0)), keep);
            }
        }
    }

    @Test
    void whenEveryRowHasADuplicateKeepNoneStillGivesTheColumns() throws StageException {
        try (CollectingEmitter out = Runs.transform(distinct, config(Map.of("keep", "none", "columns", "k")), context,
                batch(COLUMNS, row("a", 1), row("a", 2)))) {
            assertEquals(0, out.rowCount());
            assertEquals("k:utf8, v:int64", BatchText.schema(out.batches().get(0)));
        }
    }

    @Test
    void noInputBatchAtAllGivesNothing() throws StageException {
        for (String keep : List.of("first", "last")) {
            try (CollectingEmitter out = Runs.transform(distinct, config(Map.of("keep", keep)), context)) {
                assertEquals(0, out.batches().size());
            }
        }
    }

    @Test
    void anUnknownColumnIsADataErrorAtRunTimeAndAProblemAtValidation() {
        StageException e = assertThrows(StageException.class, () -> run(Map.of("columns", List.of("k", "w")), rows()));
        assertEquals(ErrorCode.DATA, e.code());
        assertEquals("columns", e.key());
        assertEquals("config key 'columns' names column 'w', which is not in input 'in' (columns: k, v)",
                e.getMessage());

        TestSchemaContext schemas = TestSchemaContext.of("orders", Batches.schema(COLUMNS));
        assertEquals("unknown", Schemas.text(distinct.outputSchema(config(Map.of("subset", "kk")), schemas)));
        assertEquals(List.of(new ConfigProblem("subset", "config key 'subset' names column 'kk', which is not in input "
                + "'orders' (columns: k, v)")), schemas.problems());
    }

    @Test
    void theOutputSchemaIsTheInputSchema() {
        TestSchemaContext schemas = TestSchemaContext.of("orders", Batches.schema(COLUMNS));
        assertEquals("k:utf8, v:int64", Schemas.text(distinct.outputSchema(config(Map.of("columns", "v")), schemas)));
        assertEquals(List.of(), schemas.problems());
    }

    @Test
    void aColumnThatCannotBeComparedIsReportedEvenWhenColumnsIsNotSet() {
        Field tags = new Field("tags", FieldType.nullable(ArrowType.List.INSTANCE),
                List.of(new Field("item", FieldType.nullable(ArrowType.Utf8.INSTANCE), null)));
        Schema schema = new Schema(List.of(Batches.schema("id:int64").getFields().get(0), tags));
        TestSchemaContext schemas = TestSchemaContext.of("docs", schema);
        distinct.outputSchema(config(Map.of()), schemas);
        assertEquals(List.of("config key 'columns' is not set, so every column is compared, but column 'tags' of "
                + "type list, which cannot be compared; compare numbers, bools, text, binary, decimals, dates, times, "
                + "timestamps or durations by naming them in 'columns'"), schemas.messages());
    }

    @Test
    void emptyAndRepeatedColumnListsAreConfigProblems() {
        Map<String, Object> empty = new HashMap<>();
        empty.put("columns", List.of());
        assertEquals(List.of(new ConfigProblem("columns", "config key 'columns' must name at least one column (leave "
                + "it out to compare all columns)")), distinct.validate(config(empty)));
        assertEquals(List.of(new ConfigProblem("columns", "config key 'columns' names 'k' twice")),
                distinct.validate(config(Map.of("columns", List.of("k", "v", "k")))));
    }
}
