package io.conveyor.plugin.core.internal.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.conveyor.api.stage.Sink;
import io.conveyor.api.stage.Source;
import io.conveyor.api.stage.Transform;
import io.conveyor.plugin.core.internal.csv.CsvReadSource;
import io.conveyor.plugin.expression.internal.filter.FilterApply;
import io.conveyor.plugin.core.internal.json.JsonWriteSink;
import io.conveyor.testing.CollectingEmitter;
import io.conveyor.testing.Runs;
import io.conveyor.testing.TestConfig;
import io.conveyor.testing.TestContext;

/** The original tool's quick-start at stage level: csv.read -> filter.apply -> json.write. */
class QuickstartFlowTest {

    private static final Path REPOSITORY = Path.of("../..").toAbsolutePath().normalize();

    @TempDir
    Path out;

    @Test
    void bigSalesAreWrittenAsPrettyRecordsWithIntegersKept() throws Exception {
        Source read = new CsvReadSource();
        Transform filter = new FilterApply();
        Sink write = new JsonWriteSink();
        Path target = out.resolve("big_sales.json");
        try (RootAllocator root = new RootAllocator();
                TestContext readContext = TestContext.of(root, "load_sales");
                TestContext filterContext = TestContext.of(root, "big_sales");
                TestContext writeContext = TestContext.of(root, "save")) {
            try (CollectingEmitter sales = Runs.source(read, TestConfig.of(read.descriptor(),
                    Map.of("path", "examples/quickstart/data/sales.csv", "headers", true), REPOSITORY), readContext);
                    CollectingEmitter big = Runs.transform(filter, TestConfig.of(filter.descriptor(),
                            Map.of("column", "amount", "operator", ">=", "value", 150)), filterContext,
                            sales.batches().toArray(new org.apache.arrow.vector.VectorSchemaRoot[0]))) {
                Runs.sink(write, TestConfig.of(write.descriptor(), Map.of("path", target.toString(),
                        "format", "records", "pretty", true), REPOSITORY), writeContext,
                        Map.of("big_sales", List.copyOf(big.batches())));
            }
        }
        assertEquals(Files.readString(REPOSITORY.resolve("examples/quickstart/expected/big_sales.json")),
                Files.readString(target));
    }
}
