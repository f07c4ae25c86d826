package io.conveyor.plugin.expression.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

import io.conveyor.plugin.expression.internal.filter.FilterApply;
import io.conveyor.testing.Batches;
import io.conveyor.testing.CollectingEmitter;
import io.conveyor.testing.Runs;
import io.conveyor.testing.TestConfig;
import io.conveyor.testing.TestContext;

/**
 * Benchmark W1's filter alone, without CSV parsing: {@code unit_price >= 100.0 and status in
 * ('completed','shipped')} over ROWS rows in batches of BATCH rows, a few rounds, printing the
 * wall and CPU time of each (CPU time stays meaningful on a busy machine). Not a test; run with {@code java -cp ... FilterBenchmark [rows] [batch] [expression]}.
 */
public final class FilterBenchmark {

    private static final String[] STATUSES = {"completed", "shipped", "pending", "cancelled", "returned"};

    private FilterBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? (int) Double.parseDouble(args[0]) : 10_000_000;
        int batchSize = args.length > 1 ? Integer.parseInt(args[1]) : 65_536;
        String expression = args.length > 2 ? args[2] : "unit_price >= 100.0 and status in ('completed','shipped')";
        try (RootAllocator root = new RootAllocator()) {
            VectorSchemaRoot batch = batch(root, batchSize);
            int batches = rows / batchSize;
            for (int round = 0; round < 7; round++) {
                TestContext context = TestContext.of(root, "bench");
                long kept = 0;
                long start = System.nanoTime();
                long cpuStart = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                VectorSchemaRoot[] all = new VectorSchemaRoot[batches];
                java.util.Arrays.fill(all, batch);
                try (CollectingEmitter out = Runs.transform(new FilterApply(),
                        TestConfig.of(new FilterApply().descriptor(), Map.of("expression", expression)),
                        context, Map.of("in", List.of(all)))) {
                    for (VectorSchemaRoot b : out.batches()) {
                        kept += b.getRowCount();
                    }
                }
                long ms = (System.nanoTime() - start) / 1_000_000;
                long cpuMs = (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime()
                        - cpuStart) / 1_000_000;
                System.out.println("round " + round + ": " + (long) batches * batchSize + " rows, " + kept + " kept, "
                        + ms + " ms wall, " + cpuMs + " ms cpu");
                context.close();
            }
            batch.close();
        }
    }

    private static VectorSchemaRoot batch(RootAllocator root, int n) {
        VectorSchemaRoot batch = VectorSchemaRoot.create(Batches.schema(
                "order_id:int64, customer:utf8, region:utf8, status:utf8, quantity:int64, unit_price:float64"), root);
        batch.allocateNew();
        Random random = new Random(42);
        for (int i = 0; i < n; i++) {
            ((BigIntVector) batch.getVector(0)).setSafe(i, i);
            ((VarCharVector) batch.getVector(1)).setSafe(i, ("Name" + random.nextInt(100000) + ", First")
                    .getBytes(StandardCharsets.UTF_8));
            ((VarCharVector) batch.getVector(2)).setSafe(i, "north".getBytes(StandardCharsets.UTF_8));
            ((VarCharVector) batch.getVector(3)).setSafe(i, STATUSES[random.nextInt(5)].getBytes(StandardCharsets.UTF_8));
            if (random.nextInt(100) == 0) {
                batch.getVector(4).setNull(i);
            } else {
                ((BigIntVector) batch.getVector(4)).setSafe(i, 1 + random.nextInt(20));
            }
            ((Float8Vector) batch.getVector(5)).setSafe(i, Math.round(Math.pow(10, random.nextDouble() * 3) * 100) / 100.0);
        }
        batch.setRowCount(n);
        return batch;
    }
}
