package io.conveyor.plugin.reshape.internal.rename;

import static io.conveyor.testing.Batches.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
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

class RenameApplyTest {

    private final RootAllocator root = new RootAllocator();
    private final TestContext context = TestContext.of(root, "rename");
    private final RenameApply rename = new RenameApply();
    private final VectorSchemaRoot orders = Batches.of(root, "cust_nm:utf8, amt:float64, id:int64",
            row("Acme", 12.5, 1), row(null, null, 2));

    @AfterEach
    void noLeaks() {
        orders.close();
        context.close();
        root.close();
    }

    private TestConfig config(Map<String, ?> columns) {
        return TestConfig.of(rename.descriptor(), Map.of("columns", columns));
    }

    private static Map<String, Object> table(String... pairs) {
        Map<String, Object> table = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            table.put(pairs[i], pairs[i + 1]);
        }
        return table;
    }

    @Test
    void renamesColumnsInPlaceKeepingTheirData() throws StageException {
        try (CollectingEmitter out = Runs.transform(rename, config(table("cust_nm", "customer", "amt", "amount")),
                context, orders)) {
            orders.getVector(0).close(); // the input's buffers go; the renamed columns still hold theirs
            assertEquals("customer:utf8, amount:float64, id:int64", BatchText.schema(out.batches().get(0)));
            assertEquals(List.of("\"Acme\"|12.5|1", "null|null|2"), out.rows());
        }
    }

    @Test
    void namesMayBeSwapped() throws StageException {
        try (CollectingEmitter out = Runs.transform(rename, config(table("amt", "id", "id", "amt")), context,
                orders)) {
            assertEquals("cust_nm:utf8, id:float64, amt:int64", BatchText.schema(out.batches().get(0)));
        }
    }

    @Test
    void everyBatchIsRenamedAndABatchWithoutRowsKeepsItsColumns() throws StageException {
        try (VectorSchemaRoot empty = Batches.of(root, "cust_nm:utf8, amt:float64, id:int64");
                CollectingEmitter out = Runs.transform(rename, config(table("id", "order_id")), context, empty,
                        orders, orders)) {
            assertEquals(List.of(0, 2, 2), out.batches().stream().map(VectorSchemaRoot::getRowCount).toList());
            for (VectorSchemaRoot batch : out.batches()) {
                assertEquals("cust_nm:utf8, amt:float64, order_id:int64", BatchText.schema(batch));
            }
        }
    }

    @Test
    void noBatchGivesNoOutput() throws StageException {
        try (CollectingEmitter out = Runs.transform(rename, config(table("id", "order_id")), context)) {
            assertEquals(List.of(), out.batches());
        }
    }

    @Test
    void anUnknownColumnIsADataErrorAtTheFirstBatch() {
        StageException e = assertThrows(StageException.class, () -> Runs.transform(rename,
                config(table("cust_name", "customer")), context, orders));
        assertEquals(ErrorCode.DATA, e.code());
        assertEquals("columns", e.key());
        assertEquals("config key 'columns' names column 'cust_name', which input 'in' does not have (did you mean "
                + "'cust_nm'?); its columns: cust_nm, amt, id", e.getMessage());
    }

    @Test
    void aNewNameAnotherColumnKeepsIsAClash() {
        StageException e = assertThrows(StageException.class, () -> Runs.transform(rename,
                config(table("amt", "id")), context, orders));
        assertEquals(ErrorCode.DATA, e.code());
        assertEquals("config key 'columns' renames 'amt' to 'id', but input 'in' already has a column 'id'; rename "
                + "that one too, or drop it first with select.apply", e.getMessage());
    }

    @Test
    void validationReportsUnknownColumnsAndClashesOrTellsTheRenamedSchema() {
        TestSchemaContext known = TestSchemaContext.of("orders", orders.getSchema());
        assertEquals(Optional.of(Batches.schema("customer:utf8, amt:float64, id:int64")),
                rename.outputSchema(config(table("cust_nm", "customer")), known));
        assertEquals(List.of(), known.problems());

        TestSchemaContext bad = TestSchemaContext.of("orders", orders.getSchema());
        assertEquals(Optional.empty(), rename.outputSchema(config(table("amount", "total", "amt", "cust_nm")), bad));
        assertEquals(List.of(
                "config key 'columns' names column 'amount', which input 'orders' does not have; its columns: "
                        + "cust_nm, amt, id",
                "config key 'columns' renames 'amt' to 'cust_nm', but input 'orders' already has a column 'cust_nm'; "
                        + "rename that one too, or drop it first with select.apply"), bad.messages());

        TestSchemaContext unknown = TestSchemaContext.of("orders", null);
        assertEquals(Optional.empty(), rename.outputSchema(config(table("a", "b")), unknown));
        assertEquals(List.of(), unknown.problems());
    }

    @Test
    void badTablesAreConfigProblems() {
        assertEquals(List.of(new ConfigProblem("columns", "config key 'columns' must name at least one column")),
                rename.validate(config(Map.of())));
        assertEquals(List.of(new ConfigProblem("columns", "config key 'columns' renames both 'a' and 'b' to 'c'")),
                rename.validate(config(table("a", "c", "b", "c"))));
        Map<String, Object> notNames = new LinkedHashMap<>();
        notNames.put("a", 1);
        notNames.put("b", "");
        assertEquals(List.of(
                new ConfigProblem("columns", "config key 'columns' must give each column a new name as a non-empty "
                        + "string, got integer 1 for 'a'"),
                new ConfigProblem("columns", "config key 'columns' must give each column a new name as a non-empty "
                        + "string, got string \"\" for 'b'")), rename.validate(config(notNames)));
        StageException e = assertThrows(StageException.class, () -> rename.open(config(Map.of()), context,
                List.of("in")));
        assertEquals(ErrorCode.CONFIG, e.code());
    }
}
