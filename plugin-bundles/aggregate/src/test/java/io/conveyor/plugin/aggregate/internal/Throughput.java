package io.conveyor.plugin.aggregate.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

import io.conveyor.api.stage.Emitter;
import io.conveyor.api.stage.StageException;
import io.conveyor.api.stage.Transform;
import io.conveyor.api.stage.TransformTask;
import io.conveyor.plugin.aggregate.internal.group.GroupByApply;
import io.conveyor.plugin.aggregate.internal.join.JoinApply;
import io.conveyor.testing.Batches;
import io.conveyor.testing.TestConfig;
import io.conveyor.testing.TestContext;

/**
 * A quick throughput check of the kernels, without CSV parsing or the engine: the bench's W2
 * (group 10M orders by region: count, sum of quantity, avg/min/max of unit price) and W3's
 * stages (inner join of 10M orders with 10k products on product_id, then group by category
 * summing revenue). The input is a pool of 64 distinct 8192-row batches replayed, so memory stays
 * small. Not a test: run it with {@code bench/aggregate/run.sh [ROWS]}.
 */
public final class Throughput {

    private static final int BATCH = 8192;
    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();
    private static final String[] REGIONS = {"north", "south", "east", "west", "central", "north-east", "south-west",
        "islands"};

    private Throughput() {
    }

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? (long) Double.parseDouble(args[0]) : 10_000_000L;
        try (RootAllocator allocator = new RootAllocator()) {
            List<VectorSchemaRoot> orders = orders(allocator);
            List<VectorSchemaRoot> products = products(allocator);
            try {
                for (int round = 1; round <= 3; round++) {
                    report("W2 group by region (count, sum, avg, min, max)", rows, w2(allocator, orders, rows));
                    report("W3 join orders x products on product_id", rows, w3Join(allocator, orders, products, rows));
                }
            } finally {
                orders.forEach(VectorSchemaRoot::close);
                products.forEach(VectorSchemaRoot::close);
            }
        }
    }

    /** Wall time, and the thread's CPU time, which stays meaningful on a machine shared with other work. */
    private static void report(String what, long rows, long[] nanos) {
        System.out.printf("%-46s %,d rows: wall %6.3f s, cpu %6.3f s = %6.1f M rows/cpu-s%n", what, rows,
                nanos[0] / 1e9, nanos[1] / 1e9, rows / (nanos[1] / 1e3));
    }

    private static long[] since(long wallStart, long cpuStart) {
        return new long[] {System.nanoTime() - wallStart, THREADS.getCurrentThreadCpuTime() - cpuStart};
    }

    private static List<VectorSchemaRoot> orders(BufferAllocator allocator) {
        Random random = new Random(42);
        List<VectorSchemaRoot> pool = new ArrayList<>();
        for (int b = 0; b < 64; b++) {
            Object[][] rows = new Object[BATCH][];
            for (int r = 0; r < BATCH; r++) {
                int region = Math.min(REGIONS.length - 1, (int) Math.abs(random.nextGaussian() * 3));
                Object quantity = random.nextInt(100) == 0 ? null : (long) (1 + random.nextInt(20));
                double price = Math.round(Math.pow(10, random.nextDouble() * 3) * 100) / 100.0;
                long product = 1 + (long) (Math.pow(random.nextDouble(), 2) * 10_200);
                double revenue = quantity == null ? 0 : (Long) quantity * price;
                rows[r] = Batches.row(REGIONS[region], quantity, price, product, revenue);
            }
            pool.add(Batches.of(allocator, "region:utf8, quantity:int64, unit_price:float64, product_id:int64, "
                    + "revenue:float64", rows));
        }
        return pool;
    }

    private static List<VectorSchemaRoot> products(BufferAllocator allocator) {
        Object[][] rows = new Object[10_000][];
        for (int p = 0; p < rows.length; p++) {
            rows[p] = Batches.row((long) p + 1, "category-" + (p % 20), p * 0.5);
        }
        return List.of(Batches.of(allocator, "product_id:int64, category:utf8, unit_cost:float64", rows));
    }

    private static Map<String, Object> agg(String column, String operation, String output) {
        Map<String, Object> table = new LinkedHashMap<>();
        if (column != null) {
            table.put("column", column);
        }
        table.put("operation", operation);
        table.put("output_column", output);
        return table;
    }

    private static long[] w2(BufferAllocator allocator, List<VectorSchemaRoot> orders, long rows) throws Exception {
        GroupByApply groupBy = new GroupByApply();
        TestConfig config = TestConfig.of(groupBy.descriptor(), Map.of("by", "region", "aggregations", List.of(
                agg(null, "count", "n"), agg("quantity", "sum", "sum_qty"), agg("unit_price", "avg", "avg_price"),
                agg("unit_price", "min", "min_price"), agg("unit_price", "max", "max_price"))));
        try (TestContext context = TestContext.of(allocator, "w2")) {
            long start = System.nanoTime();
            long cpu = THREADS.getCurrentThreadCpuTime();
            try (TransformTask task = groupBy.open(config, context, List.of("orders"))) {
                feed(task, "orders", orders, rows, Throughput::discard);
                task.finish(Throughput::discard);
            }
            return since(start, cpu);
        }
    }

    private static long[] w3Join(BufferAllocator allocator, List<VectorSchemaRoot> orders,
            List<VectorSchemaRoot> products, long rows) throws Exception {
        Transform join = new JoinApply();
        GroupByApply groupBy = new GroupByApply();
        TestConfig joinConfig = TestConfig.of(join.descriptor(), Map.of("on", "product_id"));
        TestConfig groupConfig = TestConfig.of(groupBy.descriptor(), Map.of("by", "category", "aggregations",
                List.of(agg(null, "count", "n"), agg("revenue", "sum", "revenue"))));
        try (TestContext joinContext = TestContext.of(allocator, "join");
                TestContext groupContext = TestContext.of(allocator, "group")) {
            long start = System.nanoTime();
            long cpu = THREADS.getCurrentThreadCpuTime();
            try (TransformTask joinTask = join.open(joinConfig, joinContext, List.of("orders", "products"));
                    TransformTask groupTask = groupBy.open(groupConfig, groupContext, List.of("joined"))) {
                Emitter toGroup = batch -> {
                    try (batch) {
                        groupTask.process("joined", batch, Throughput::discard);
                    }
                };
                for (VectorSchemaRoot batch : products) {
                    joinTask.process("products", batch, toGroup);
                }
                joinTask.endOfInput("products", toGroup);
                feed(joinTask, "orders", orders, rows, toGroup);
                joinTask.finish(toGroup);
                groupTask.finish(Throughput::discard);
            }
            return since(start, cpu);
        }
    }

    private static void feed(TransformTask task, String input, List<VectorSchemaRoot> pool, long rows, Emitter out)
            throws StageException {
        for (long done = 0, i = 0; done < rows; done += BATCH, i++) {
            task.process(input, pool.get((int) (i % pool.size())), out);
        }
        task.endOfInput(input, out);
    }

    private static void discard(VectorSchemaRoot batch) {
        batch.close();
    }
}
