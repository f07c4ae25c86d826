package io.conveyor.plugin.core.internal.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.conveyor.api.stage.Emitter;
import io.conveyor.api.stage.Sink;
import io.conveyor.api.stage.SinkTask;
import io.conveyor.api.stage.Stage;
import io.conveyor.api.stage.TransformTask;
import io.conveyor.plugin.core.internal.csv.CsvReadSource;
import io.conveyor.plugin.core.internal.csv.CsvWriteSink;
import io.conveyor.plugin.expression.internal.filter.FilterApply;
import io.conveyor.plugin.core.internal.json.JsonWriteSink;
import io.conveyor.plugin.core.internal.stdio.StdoutWriteSink;
import io.conveyor.testing.CollectingEmitter;
import io.conveyor.testing.Runs;
import io.conveyor.testing.TestConfig;
import io.conveyor.testing.TestContext;

/**
 * A diamond at stage level: one source feeds two filters that meet again in one file sink. Each
 * source batch goes through both filters before the next, so the sink's two inputs interleave as
 * they do in a run where both branches share one upstream. A sink that held one input back until
 * the other ended would stall the shared source in a run; here it must accept every batch as it
 * comes, and still write the inputs one after the other.
 */
class DiamondFlowTest {

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

    /** Runs orders -> (shipped, open) -> sink, interleaving the branches; returns the arrival order. */
    private List<String> diamond(Sink sink, Map<String, ?> sinkConfig) throws Exception {
        CsvReadSource read = new CsvReadSource();
        FilterApply filter = new FilterApply();
        List<String> arrivals = new ArrayList<>();
        try (CollectingEmitter orders = Runs.source(read, config(read, Map.of("path",
                        "examples/fanout/data/orders.csv")), context.withBatchSize(2));
                TransformTask shipped = filter.open(config(filter, Map.of("column", "status", "value", "shipped")),
                        context, List.of("orders"));
                TransformTask open = filter.open(config(filter, Map.of("column", "status", "operator", "in",
                        "value", List.of("pending", "on_hold"))), context, List.of("orders"));
                SinkTask task = sink.open(config(sink, sinkConfig), context, List.of("shipped", "open"))) {
            for (VectorSchemaRoot batch : orders.batches()) {
                shipped.process("orders", batch, into(task, "shipped", batch, arrivals));
                open.process("orders", batch, into(task, "open", batch, arrivals));
            }
            task.endOfInput("shipped");
            task.endOfInput("open");
            task.commit();
        }
        return arrivals;
    }

    /** Hands what a filter emits to the sink at once, as the engine does when the sink keeps up. */
    private static Emitter into(SinkTask task, String input, VectorSchemaRoot source, List<String> arrivals) {
        return batch -> {
            try {
                assertTrue(task.accepts(input), "the sink held back input '" + input + "', which shares its "
                        + "upstream with the other input: in a run that stalls the upstream for good");
                task.write(input, batch);
                arrivals.add(input + ":" + batch.getRowCount());
            } finally {
                if (batch != source) {
                    batch.close();
                }
            }
        };
    }

    @Test
    void csvWriteAcceptsBothBranchesAsTheyComeAndWritesThemOneAfterTheOther() throws Exception {
        List<String> arrivals = diamond(new CsvWriteSink(), Map.of("path", out.resolve("orders.csv").toString()));
        assertEquals(List.of("shipped:1", "open:1", "shipped:1", "shipped:1", "open:1", "shipped:1"), arrivals);
        assertEquals("""
                order_id,customer,region,status,total
                1001,Acme,north,shipped,120.5
                1003,Initech,north,shipped,310.0
                1005,Hooli,south,shipped,999.99
                1007,Globex,north,shipped,64.0
                1002,Globex,south,pending,75.0
                1006,Acme,east,pending,18.0
                """, Files.readString(out.resolve("orders.csv")));
        try (var files = Files.list(out)) {
            assertEquals(List.of(out.resolve("orders.csv")), files.toList());
        }
    }

    @Test
    void jsonWriteAcceptsBothBranchesAsTheyComeAndWritesThemOneAfterTheOther() throws Exception {
        diamond(new JsonWriteSink(), Map.of("path", out.resolve("orders.json").toString()));
        assertEquals("[{\"order_id\":1001,\"customer\":\"Acme\",\"region\":\"north\",\"status\":\"shipped\","
                + "\"total\":120.5},{\"order_id\":1003,\"customer\":\"Initech\",\"region\":\"north\",\"status\":"
                + "\"shipped\",\"total\":310.0},{\"order_id\":1005,\"customer\":\"Hooli\",\"region\":\"south\","
                + "\"status\":\"shipped\",\"total\":999.99},{\"order_id\":1007,\"customer\":\"Globex\",\"region\":"
                + "\"north\",\"status\":\"shipped\",\"total\":64.0},{\"order_id\":1002,\"customer\":\"Globex\","
                + "\"region\":\"south\",\"status\":\"pending\",\"total\":75.0},{\"order_id\":1006,\"customer\":"
                + "\"Acme\",\"region\":\"east\",\"status\":\"pending\",\"total\":18.0}]\n",
                Files.readString(out.resolve("orders.json")));
    }

    @Test
    void stdoutWriteAcceptsBothBranchesAsTheyComeAndPrintsThemOneAfterTheOther() throws Exception {
        diamond(new StdoutWriteSink(), Map.of("format", "csv"));
        assertEquals("""
                order_id,customer,region,status,total
                1001,Acme,north,shipped,120.5
                1003,Initech,north,shipped,310.0
                1005,Hooli,south,shipped,999.99
                1007,Globex,north,shipped,64.0
                1002,Globex,south,pending,75.0
                1006,Acme,east,pending,18.0
                """, context.stdoutText());
    }
}
