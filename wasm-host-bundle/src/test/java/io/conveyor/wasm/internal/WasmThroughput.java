package io.conveyor.wasm.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

import io.conveyor.api.stage.Emitter;
import io.conveyor.api.stage.TransformTask;
import io.conveyor.testing.TestConfig;
import io.conveyor.testing.TestContext;
import io.conveyor.wasm.internal.codec.ArrowStreamCodec;
import io.conveyor.wasm.internal.codec.BatchCodec;
import io.conveyor.wasm.internal.codec.NdjsonCodec;
import io.conveyor.wasm.internal.engine.Deadlines;
import io.conveyor.wasm.internal.engine.Engines;
import io.conveyor.wasm.internal.stage.Limits;
import io.conveyor.wasm.internal.stage.WasmPlugin;
import io.conveyor.wasm.internal.stage.WasmTransform;

/**
 * Benchmark, not a test: the rows.filter modules (drop rows whose status is "deleted",
 * upper-case name; in NDJSON or, rows.filter.arrow, in Arrow) over 1,000,000 rows in batches of 10,000, on each engine, against the same
 * transform written in Java over the same Arrow batches; and the fixed cost of one call, from
 * batches of one row. Run by {@code bench/wasm/run.sh}; arguments: module files.
 */
public final class WasmThroughput {

    private static final int ROWS = 1_000_000;
    private static final int BATCH = 10_000;
    private static final int RUNS = 5;

    public static void main(String[] args) throws Exception {
        try (RootAllocator allocator = new RootAllocator()) {
            List<VectorSchemaRoot> batches = batches(allocator, ROWS, BATCH);
            List<VectorSchemaRoot> singles = batches(allocator, 2_000, 1);
            report("java", "-", median(() -> javaFilter(batches, allocator)), 0);
            report("ndjson", "(host only)", median(() -> roundTrip(new NdjsonCodec(), batches, allocator)), 0);
            report("arrow", "(host only)", median(() -> roundTrip(new ArrowStreamCodec(), batches, allocator)), 0);
            Deadlines deadlines = new Deadlines();
            Engines engines = new Engines(deadlines);
            for (String module : args) {
                for (String engine : List.of("chicory", "wasmtime")) {
                    WasmPlugin plugin = new ModuleLoader(engines).load(Path.of(module),
                            Limits.DEFAULTS.withEngine(engine));
                    double millis = median(() -> wasmFilter(plugin, engine, batches, allocator));
                    double perCall = median(() -> wasmFilter(plugin, engine, singles, allocator)) / singles.size();
                    report(engine, Path.of(module).getFileName().toString(), millis, perCall);
                }
            }
            batches.forEach(VectorSchemaRoot::close);
            singles.forEach(VectorSchemaRoot::close);
            deadlines.shutdown();
        }
        System.exit(0); // the wasmtime engine keeps a ticker thread until its last instance is gone
    }

    private static void report(String engine, String module, double millis, double perCallMillis) {
        double rowsPerSecond = ROWS / (millis / 1000);
        String overhead = perCallMillis == 0 ? "-"
                : String.format(Locale.ROOT, "%.3f ms/call, %.2f%% of a 10k-row batch", perCallMillis,
                        100 * perCallMillis / (millis / (ROWS / BATCH)));
        System.out.printf(Locale.ROOT, "%-9s %-22s %8.0f ms  %,12.0f rows/s  per-batch overhead: %s%n", engine, module,
                millis, rowsPerSecond, overhead);
    }

    interface Run {
        void run() throws Exception;
    }

    /** The median wall time of {@value #RUNS} runs, after two to warm up. */
    private static double median(Run run) throws Exception {
        run.run();
        run.run();
        double[] times = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            run.run();
            times[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(times);
        return times[RUNS / 2];
    }

    private static void wasmFilter(WasmPlugin plugin, String engine, List<VectorSchemaRoot> batches,
            BufferAllocator allocator) throws Exception {
        WasmTransform transform = new WasmTransform(plugin);
        try (TestContext context = TestContext.of(allocator, "filter");
                TransformTask task = transform.open(TestConfig.of(transform.descriptor(),
                        Map.of("wasm_engine", engine), Path.of("")), context, List.of("in"))) {
            Emitter out = VectorSchemaRoot::close;
            for (VectorSchemaRoot batch : batches) {
                task.process("in", batch, out);
            }
            task.finish(out);
        }
    }

    /** What the host does around every call of a module in that format: encode the batch, decode an output as large. */
    private static void roundTrip(BatchCodec codec, List<VectorSchemaRoot> batches, BufferAllocator allocator)
            throws Exception {
        for (VectorSchemaRoot batch : batches) {
            for (VectorSchemaRoot decoded : codec.decode(codec.encode(batch), allocator)) {
                decoded.close();
            }
        }
    }

    private static void javaFilter(List<VectorSchemaRoot> batches, BufferAllocator allocator) {
        byte[] deleted = "deleted".getBytes(StandardCharsets.UTF_8);
        for (VectorSchemaRoot batch : batches) {
            BigIntVector ids = (BigIntVector) batch.getVector("id");
            VarCharVector names = (VarCharVector) batch.getVector("name");
            VarCharVector statuses = (VarCharVector) batch.getVector("status");
            try (BigIntVector outIds = new BigIntVector("id", allocator);
                    VarCharVector outNames = new VarCharVector("name", allocator);
                    VarCharVector outStatuses = new VarCharVector("status", allocator)) {
                int kept = 0;
                for (int row = 0; row < batch.getRowCount(); row++) {
                    if (Arrays.equals(statuses.get(row), deleted)) {
                        continue;
                    }
                    outIds.setSafe(kept, ids.get(row));
                    outNames.setSafe(kept, new String(names.get(row), StandardCharsets.UTF_8)
                            .toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
                    outStatuses.setSafe(kept, statuses.get(row));
                    kept++;
                }
                outIds.setValueCount(kept);
                outNames.setValueCount(kept);
                outStatuses.setValueCount(kept);
            }
        }
    }

    /** Rows id, name, status; every fifth is deleted. */
    private static List<VectorSchemaRoot> batches(BufferAllocator allocator, int rows, int size) {
        List<VectorSchemaRoot> batches = new ArrayList<>();
        for (int first = 0; first < rows; first += size) {
            BigIntVector ids = new BigIntVector("id", allocator);
            VarCharVector names = new VarCharVector("name", allocator);
            VarCharVector statuses = new VarCharVector("status", allocator);
            int count = Math.min(size, rows - first);
            for (int i = 0; i < count; i++) {
                long id = first + i;
                ids.setSafe(i, id);
                names.setSafe(i, ("customer-" + id).getBytes(StandardCharsets.UTF_8));
                statuses.setSafe(i, (id % 5 == 0 ? "deleted" : "active").getBytes(StandardCharsets.UTF_8));
            }
            ids.setValueCount(count);
            names.setValueCount(count);
            statuses.setValueCount(count);
            VectorSchemaRoot batch = VectorSchemaRoot.of(ids, names, statuses);
            batch.setRowCount(count);
            batches.add(batch);
        }
        return batches;
    }

    private WasmThroughput() {
    }
}
