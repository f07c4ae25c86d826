package io.conveyor.plugin.reshape.internal.select;

import static io.conveyor.testing.Batches.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

class SelectApplyTest {

    private final RootAllocator root = new RootAllocator();
    private final TestContext context = TestContext.of(root, "select");
    private final SelectApply select = new SelectApply();
    private final VectorSchemaRoot orders = Batches.of(root, "order_id:int64, customer:utf8, total:float64, paid:bool",
            row(1001, "Acme", 120.5, true), row(1002, null, 75, null), row(1003, "Initech", null, false));

    @AfterEach
    void noLeaks() {
        context.close();
        root.close();
    }

    private CollectingEmitter run(Object columns) throws StageException {
        return Runs.transform(select, TestConfig.of(select.descriptor(), Map.of("columns", columns)), context, orders);
    }

    @Test
    void keepsTheColumnsInTheGivenOrderAndOutlivesTheInput() throws StageException {
        try (CollectingEmitter out = run(List.of("total", "order_id", "customer"))) {
            orders.close(); // the engine releases the input; the selection must stay readable
            assertEquals("total:float64, order_id:int64, customer:utf8", BatchText.schema(out.batches().get(0)));
            assertEquals(List.of("120.5|1001|\"Acme\"", "75.0|1002|null", "null|1003|\"Initech\""), out.rows());
        }
    }

    @Test
    void aSingleColumnMayBeAPlainString() throws StageException {
        try (CollectingEmitter out = run("customer")) {
            assertEquals(List.of("\"Acme\"", "null", "\"Initech\""), out.rows());
        } finally {
            orders.close();
        }
    }

    @Test
    void selectingEveryColumnInOrderForwardsTheInput() throws StageException {
        try (CollectingEmitter out = run(List.of("order_id", "customer", "total", "paid"))) {
            assertSame(orders, out.batches().get(0));
        } finally {
            orders.close();
        }
    }

    @Test
    void aBatchWithoutRowsGivesOneWithTheChosenColumns() throws StageException {
        orders.close();
        try (VectorSchemaRoot empty = Batches.of(root, "order_id:int64, customer:utf8, total:float64");
                CollectingEmitter out = Runs.transform(select, TestConfig.of(select.descriptor(),
                        Map.of("columns", List.of("customer", "order_id"))), context, empty)) {
            assertEquals(1, out.batches().size());
            assertEquals(0, out.batches().get(0).getRowCount());
            assertEquals("customer:utf8, order_id:int64", BatchText.schema(out.batches().get(0)));
        }
    }

    @Test
    void everyBatchIsSelectedAndNoBatchGivesNoOutput() throws StageException {
        try (VectorSchemaRoot more = Batches.of(root, "order_id:int64, customer:utf8, total:float64, paid:bool",
                row(1004, "Hooli", 1.0, true));
                CollectingEmitter out = Runs.transform(select, TestConfig.of(select.descriptor(),
                        Map.of("columns", List.of("paid", "order_id"))), context, orders, more)) {
            assertEquals(List.of("true|1001", "null|1002", "false|1003", "true|1004"), out.rows());
        }
        try (CollectingEmitter out = Runs.transform(select, TestConfig.of(select.descriptor(),
                Map.of("columns", "paid")), context)) {
            assertEquals(List.of(), out.batches());
        } finally {
            orders.close();
        }
    }

    @Test
    void aMissingColumnIsADataErrorListingTheAvailableOnes() {
        StageException e = assertThrows(StageException.class, () -> run(List.of("order_id", "amount")));
        orders.close();
        assertEquals(ErrorCode.DATA, e.code());
        assertEquals("columns", e.key());
        assertEquals("config key 'columns' names column 'amount', which input 'in' does not have; its columns: "
                + "order_id, customer, total, paid", e.getMessage());
    }

    @Test
    void aMissingColumnSuggestsTheClosestOne() {
        StageException e = assertThrows(StageException.class, () -> run(List.of("custmer")));
        orders.close();
        assertEquals("config key 'columns' names column 'custmer', which input 'in' does not have (did you mean "
                + "'customer'?); its columns: order_id, customer, total, paid", e.getMessage());
    }

    @Test
    void validationTellsTheSelectedSchemaOrEveryMissingColumn() {
        Schema schema = orders.getSchema();
        orders.close();
        TestSchemaContext known = TestSchemaContext.of("orders", schema);
        assertEquals(Optional.of(Batches.schema("paid:bool, order_id:int64")), select.outputSchema(
                TestConfig.of(select.descriptor(), Map.of("columns", List.of("paid", "order_id"))), known));
        assertEquals(List.of(), known.problems());

        TestSchemaContext missing = TestSchemaContext.of("orders", schema);
        assertEquals(Optional.empty(), select.outputSchema(TestConfig.of(select.descriptor(),
                Map.of("columns", List.of("totl", "order_id", "amount"))), missing));
        assertEquals(List.of(
                new ConfigProblem("columns", "config key 'columns' names column 'totl', which input 'orders' does "
                        + "not have (did you mean 'total'?); its columns: order_id, customer, total, paid"),
                new ConfigProblem("columns", "config key 'columns' names column 'amount', which input 'orders' does "
                        + "not have; its columns: order_id, customer, total, paid")), missing.problems());

        TestSchemaContext unknown = TestSchemaContext.of("orders", null);
        assertEquals(Optional.empty(), select.outputSchema(TestConfig.of(select.descriptor(),
                Map.of("columns", "anything")), unknown));
        assertEquals(List.of(), unknown.problems());
    }

    @Test
    void emptyAndRepeatedColumnListsAreConfigProblems() {
        orders.close();
        assertEquals(List.of(new ConfigProblem("columns", "config key 'columns' must name at least one column")),
                select.validate(TestConfig.of(select.descriptor(), Map.of("columns", List.of()))));
        assertEquals(List.of(new ConfigProblem("columns", "config key 'columns' names 'a' twice")),
                select.validate(TestConfig.of(select.descriptor(), Map.of("columns", List.of("a", "b", "a")))));
    }
}
