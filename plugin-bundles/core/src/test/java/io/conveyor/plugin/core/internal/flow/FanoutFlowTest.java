package io.conveyor.plugin.core.internal.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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
import io.conveyor.plugin.core.internal.json.JsonReadSource;
import io.conveyor.plugin.core.internal.json.JsonWriteSink;
import io.conveyor.plugin.reshape.internal.select.SelectApply;
import io.conveyor.testing.CollectingEmitter;
import io.conveyor.testing.Runs;
import io.conveyor.testing.TestConfig;
import io.conveyor.testing.TestContext;

/** examples/fanout at stage level: one source feeding two branches, one sink taking two inputs. */
class FanoutFlowTest {

    private static final Path REPOSITORY = Path.of("../..").toAbsolutePath().normalize();

    @TempDir
    Path out;

    private final RootAllocator root = new RootAllocator();
    private final TestContext context = TestContext.of(root, "stages");

    @AfterEach
    void noLeaks() {
        context.close();
        root.close();
    }

    private static TestConfig config(Stage stage, Map<String, ?> values) {
        return TestConfig.of(stage.descriptor(), values, REPOSITORY);
    }

    private static VectorSchemaRoot[] all(CollectingEmitter emitter) {
        return emitter.batches().toArray(new VectorSchemaRoot[0]);
    }

    @Test
    void openOrdersGoToCsvAndShippedOrdersThenReturnsToTheLedger() throws Exception {
        CsvReadSource csvRead = new CsvReadSource();
        JsonReadSource jsonRead = new JsonReadSource();
        FilterApply filter = new FilterApply();
        SelectApply select = new SelectApply();
        CsvWriteSink csvWrite = new CsvWriteSink();
        JsonWriteSink jsonWrite = new JsonWriteSink();
        try (CollectingEmitter orders = Runs.source(csvRead, config(csvRead,
                        Map.of("path", "examples/fanout/data/orders.csv")), context);
                CollectingEmitter returns = Runs.source(jsonRead, config(jsonRead,
                        Map.of("path", "examples/fanout/data/returns.jsonl", "format", "jsonl")), context);
                CollectingEmitter shipped = Runs.transform(filter, config(filter,
                        Map.of("column", "status", "operator", "==", "value", "shipped")), context, all(orders));
                CollectingEmitter open = Runs.transform(filter, config(filter,
                        Map.of("column", "status", "operator", "in", "value", List.of("pending", "on_hold"))),
                        context, all(orders));
                CollectingEmitter openIds = Runs.transform(select, config(select,
                        Map.of("columns", List.of("order_id", "customer"))), context, all(open))) {
            Runs.sink(csvWrite, config(csvWrite, Map.of("path", out.resolve("open_orders.csv").toString())), context,
                    all(openIds));
            Map<String, List<VectorSchemaRoot>> ledgerInputs = new LinkedHashMap<>();
            ledgerInputs.put("shipped", List.of(all(shipped)));
            ledgerInputs.put("returns", List.of(all(returns)));
            Runs.sink(jsonWrite, config(jsonWrite, Map.of("path", out.resolve("ledger.jsonl").toString(),
                    "format", "jsonl")), context, ledgerInputs);
        }
        for (String file : List.of("open_orders.csv", "ledger.jsonl")) {
            assertEquals(Files.readString(REPOSITORY.resolve("examples/fanout/expected").resolve(file)),
                    Files.readString(out.resolve(file)), file);
        }
    }
}
