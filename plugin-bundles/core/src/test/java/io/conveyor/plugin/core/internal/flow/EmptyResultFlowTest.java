package io.conveyor.plugin.core.internal.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.conveyor.api.stage.Stage;
import io.conveyor.plugin.core.internal.csv.CsvReadSource;
import io.conveyor.plugin.core.internal.csv.CsvWriteSink;
import io.conveyor.plugin.expression.internal.filter.FilterApply;
import io.conveyor.plugin.reshape.internal.select.SelectApply;
import io.conveyor.testing.CollectingEmitter;
import io.conveyor.testing.Runs;
import io.conveyor.testing.TestConfig;
import io.conveyor.testing.TestContext;

/** An empty result keeps its columns from the source to the sink: csv.read -> filter -> select -> csv.write. */
class EmptyResultFlowTest {

    @TempDir
    Path dir;

    private final RootAllocator root = new RootAllocator();
    private final TestContext context = TestContext.of(root, "stages");

    @AfterEach
    void noLeaks() {
        context.close();
        root.close();
    }

    private TestConfig config(Stage stage, Map<String, ?> values) {
        return TestConfig.of(stage.descriptor(), values, dir);
    }

    private static VectorSchemaRoot[] all(CollectingEmitter emitter) {
        return emitter.batches().toArray(new VectorSchemaRoot[0]);
    }

    private String openOrderIds(String orders) throws Exception {
        Files.writeString(dir.resolve("orders.csv"), orders);
        CsvReadSource read = new CsvReadSource();
        FilterApply filter = new FilterApply();
        SelectApply select = new SelectApply();
        CsvWriteSink write = new CsvWriteSink();
        try (CollectingEmitter loaded = Runs.source(read, config(read, Map.of("path", "orders.csv")), context);
                CollectingEmitter open = Runs.transform(filter, config(filter,
                        Map.of("column", "status", "value", "pending")), context, all(loaded));
                CollectingEmitter ids = Runs.transform(select, config(select,
                        Map.of("columns", List.of("order_id", "customer"))), context, all(open))) {
            Runs.sink(write, config(write, Map.of("path", "open.csv")), context, all(ids));
        }
        return Files.readString(dir.resolve("open.csv"));
    }

    @Test
    void aHeaderOnlyFileGivesAFileWithTheSelectedHeader() throws Exception {
        assertEquals("order_id,customer\n", openOrderIds("order_id,customer,status\n"));
    }

    @Test
    void aFilterMatchingNothingGivesAFileWithTheSelectedHeader() throws Exception {
        assertEquals("order_id,customer\n", openOrderIds("order_id,customer,status\n1001,Acme,shipped\n"));
    }

    @Test
    void matchingRowsAreWrittenAsBefore() throws Exception {
        assertEquals("order_id,customer\n1002,Globex\n",
                openOrderIds("order_id,customer,status\n1001,Acme,shipped\n1002,Globex,pending\n"));
    }
}
