package io.conveyor.plugin.aggregate.internal.group;

import static io.conveyor.testing.Batches.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashMap;
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

class ReduceApplyTest {

    private static final String COLUMNS = "amount:int64, price:float64, name:utf8";

    private final RootAllocator root = new RootAllocator();
    private final TestContext context = TestContext.of(root, "reduce");
    private final ReduceApply reduce = new ReduceApply();
    private final List<VectorSchemaRoot> inputs = new ArrayList<>();

    @AfterEach
    void noLeaks() {
        inputs.forEach(VectorSchemaRoot::close);
        context.close();
        root.close();
    }

    private VectorSchemaRoot[] sales() {
        VectorSchemaRoot first = Batches.of(root, COLUMNS, row(4, 2.5, "pen"), row(null, 1.0, null), row(1, null, "ink"));
        VectorSchemaRoot second = Batches.of(root, COLUMNS, row(3, 4.5, "cap"), row(2, 0.5, "box"));
        inputs.add(first);
        inputs.add(second);
        return new VectorSchemaRoot[] {first, second};
    }

    private TestConfig config(String column, String operation, String output) {
        Map<String, Object> values = new HashMap<>(Map.of("column", column, "operation", operation));
        if (output != null) {
            values.put("output_column", output);
        }
        return TestConfig.of(reduce.descriptor(), values);
    }

    private String result(String column, String operation, VectorSchemaRoot... batches) throws StageException {
        try (CollectingEmitter out = Runs.transform(reduce, config(column, operation, null), context, batches)) {
            assertEquals(1, out.batches().size());
            return BatchText.schema(out.batches().get(0)) + " = " + String.join(",", out.rows());
        }
    }

    @Test
    void everyOperationGivesOneRowNamedResult() throws StageException {
        assertEquals("result:int64 = 10", result("amount", "sum", sales()));
        assertEquals("result:float64 = 2.5", result("amount", "avg", sales()));
        assertEquals("result:float64 = 2.125", result("price", "mean", sales()));
        assertEquals("result:int64 = 4", result("amount", "count", sales()));
        assertEquals("result:int64 = 1", result("amount", "min", sales()));
        assertEquals("result:int64 = 4", result("amount", "max", sales()));
        assertEquals("result:float64 = 2.5", result("amount", "median", sales()));
        assertEquals("result:float64 = 1.75", result("price", "median", sales()));
        assertEquals("result:float64 = 1.6666666666666667", result("amount", "var", sales()));
        assertEquals("result:float64 = 1.2909944487358056", result("amount", "std", sales()));
        assertEquals("result:float64 = 8.5", result("price", "sum", sales()));
        assertEquals("result:utf8 = \"box\"", result("name", "min", sales()));
        assertEquals("result:utf8 = \"pen\"", result("name", "max", sales()));
        assertEquals("result:utf8 = \"pen\"", result("name", "first", sales()));
        assertEquals("result:utf8 = \"box\"", result("name", "last", sales()));
    }

    @Test
    void outputColumnNamesTheResult() throws StageException {
        try (CollectingEmitter out = Runs.transform(reduce, config("amount", "sum", "total"), context, sales())) {
            assertEquals("total:int64", BatchText.schema(out.batches().get(0)));
            assertEquals(List.of("10"), out.rows());
        }
    }

    @Test
    void anInputWithColumnsButNoRowsGivesOneRowOfNullOrZero() throws StageException {
        VectorSchemaRoot empty = Batches.of(root, COLUMNS);
        inputs.add(empty);
        assertEquals("result:int64 = null", result("amount", "sum", empty));
        assertEquals("result:int64 = 0", result("amount", "count", empty));
        assertEquals("result:utf8 = null", result("name", "max", empty));
    }

    @Test
    void noInputBatchAtAllGivesNothing() throws StageException {
        try (CollectingEmitter out = Runs.transform(reduce, config("amount", "sum", null), context)) {
            assertEquals(0, out.batches().size());
        }
    }

    @Test
    void aWrongTypeIsADataErrorAtTheColumnKey() {
        StageException e = assertThrows(StageException.class, () -> result("name", "avg", sales()));
        assertEquals(ErrorCode.DATA, e.code());
        assertEquals("column", e.key());
        assertEquals("config key 'column' names column 'name' of type utf8, but avg needs an integer or float column",
                e.getMessage());
    }

    @Test
    void validationTellsTheOutputSchemaAndReportsUnknownColumns() {
        TestSchemaContext known = TestSchemaContext.of("sales", Batches.schema(COLUMNS));
        assertEquals("result:float64", Schemas.text(reduce.outputSchema(config("price", "max", null), known)));
        assertEquals("result:float64", Schemas.text(reduce.outputSchema(config("amount", "std", null), known)));
        assertEquals(List.of(), known.problems());

        assertEquals("unknown", Schemas.text(reduce.outputSchema(config("prise", "max", null), known)));
        assertEquals(List.of(new ConfigProblem("column", "config key 'column' names column 'prise', which is not in "
                + "input 'sales' (did you mean 'price'?)")), known.problems());
    }

    @Test
    void anEmptyOutputColumnIsAConfigProblem() {
        assertEquals(List.of(new ConfigProblem("output_column", "config key 'output_column' must not be empty")),
                reduce.validate(config("amount", "sum", "")));
    }
}
