package io.conveyor.wasm.guest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * rows.filter.arrow (C, with conveyor_arrow.c) on Arrow IPC streams written and read by Arrow
 * Java, as the host passes them: the same filtering as rows.filter, column by column.
 */
class RowsFilterArrowGuestTest {

    private final BufferAllocator allocator = new RootAllocator();

    @AfterEach
    void close() {
        allocator.close();
    }

    @Test
    void describesItselfAsAnArrowTransform() throws GuestError {
        GuestModule filter = GuestModules.load("rows-filter-arrow", "c");

        assertEquals("{\"abi\":1,\"name\":\"rows.filter.arrow\",\"version\":\"1.0.0\",\"roles\":[\"transform\"],"
                + "\"format\":\"arrow\",\"description\":\"rows.filter on Arrow batches: drops rows whose status is "
                + "\\\"deleted\\\" and upper-cases a string column. Only the ASCII letters a to z change.\","
                + "\"parameters\":[{\"name\":\"field\",\"type\":\"string\",\"required\":false,\"default\":\"name\","
                + "\"description\":\"The column to upper-case.\"}]}", filter.describe());
    }

    @Test
    void dropsDeletedRowsAndUpperCasesTheColumnKeepingNullsAndEveryOtherColumn() throws Exception {
        GuestModule filter = GuestModules.load("rows-filter-arrow", "c");
        filter.configure("{\"field\":\"name\"}");

        byte[] output = filter.transform(stream(orders(
                new Order(1, "alice", "active", 9.5, true, 19000),
                new Order(2, "bob", "deleted", 1.0, false, 19001),
                new Order(3, null, "pending", null, null, null),
                new Order(4, "Zoë d'Arc 42", null, 2.25, false, 19003),
                new Order(5, "eve", "Deleted", -0.5, true, 19004),
                new Order(6, "", "deleted", 3.0, true, 19005))));

        assertEquals(List.of(
                "id\tname\tstatus\tamount\tflag\tday",
                "1\tALICE\tactive\t9.5\ttrue\t19000",
                "3\tnull\tpending\tnull\tnull\tnull",
                "4\tZOë D'ARC 42\tnull\t2.25\tfalse\t19003",
                "5\tEVE\tDeleted\t-0.5\ttrue\t19004"), read(output));
    }

    @Test
    void importsNothingAndDeclaresTheHostsDefaultMemoryLimit() {
        GuestModule filter = GuestModules.load("rows-filter-arrow", "c");

        assertEquals(0, filter.importCount());
        assertEquals(1024, filter.declaredMaximumPages());
    }

    /** Every input, output and working buffer is freed: memory does not grow with the batches. */
    @Test
    void memoryStaysFlatOverManyBatches() throws Exception {
        GuestModule filter = GuestModules.load("rows-filter-arrow", "c");
        filter.configure("{}");
        byte[] batch = stream(orders(new Order(1, "a", "open", 1.0, true, 1),
                new Order(2, "b", "deleted", 2.0, null, 2)));
        for (int i = 0; i < 10; i++) {
            filter.transform(batch);
        }
        int pagesAfterWarmUp = filter.memoryPages();

        for (int i = 0; i < 5_000; i++) {
            filter.transform(batch);
        }

        assertEquals(pagesAfterWarmUp, filter.memoryPages());
    }

    @Test
    void aBatchWhoseRowsAreAllDeletedGivesAnEmptyBatchWithTheSchema() throws Exception {
        GuestModule filter = GuestModules.load("rows-filter-arrow", "c");
        filter.configure("{}");

        byte[] output = filter.transform(stream(orders(new Order(1, "a", "deleted", 1.0, true, 0))));

        assertEquals(List.of("id\tname\tstatus\tamount\tflag\tday"), read(output));
    }

    @Test
    void manyBatchesInARowAreEachFilteredOnTheirOwn() throws Exception {
        GuestModule filter = GuestModules.load("rows-filter-arrow", "c");
        filter.configure("{\"field\":\"status\"}");
        for (int i = 0; i < 50; i++) {
            Order[] orders = new Order[1000];
            for (int r = 0; r < orders.length; r++) {
                orders[r] = new Order(i * 1000L + r, "n" + r, r % 3 == 0 ? "deleted" : "open", (double) r, r % 2 == 0,
                        r);
            }
            List<String> rows = read(filter.transform(stream(orders(orders))));
            assertEquals(1 + 666, rows.size());
            assertEquals((i * 1000L + 1) + "\tn1\tOPEN\t1.0\tfalse\t1", rows.get(1));
        }
    }

    @Test
    void aBinaryColumnIsLeftAsItIs() throws Exception {
        GuestModule filter = GuestModules.load("rows-filter-arrow", "c");
        filter.configure("{\"field\":\"name\"}");
        byte[] input;
        try (VarBinaryVector name = new VarBinaryVector("name", allocator);
                VarCharVector status = new VarCharVector("status", allocator)) {
            name.allocateNew();
            status.allocateNew();
            name.setSafe(0, "abc".getBytes(UTF_8));
            status.setSafe(0, "open".getBytes(UTF_8));
            name.setSafe(1, "xyz".getBytes(UTF_8));
            status.setSafe(1, "deleted".getBytes(UTF_8));
            VectorSchemaRoot root = new VectorSchemaRoot(List.<FieldVector>of(name, status));
            root.setRowCount(2);
            input = stream(root);
        }

        assertEquals(List.of("name\tstatus", "bytes abc\topen"), read(filter.transform(input)));
    }

    @Test
    void aNestedColumnIsRefusedNamingIt() throws Exception {
        GuestModule filter = GuestModules.load("rows-filter-arrow", "c");
        filter.configure("{}");
        byte[] nested;
        try (ListVector tags = ListVector.empty("tags", allocator)) {
            tags.allocateNew();
            tags.setValueCount(0);
            nested = stream(new VectorSchemaRoot(List.<FieldVector>of(tags)));
        }

        GuestError error = assertThrows(GuestError.class, () -> filter.transform(nested));
        assertEquals("{\"code\":\"E_DATA\",\"message\":\"column 'tags' has a type the Arrow helper does not read "
                + "(nested, dictionary or unknown)\"}", error.json());
    }

    @Test
    void bytesThatAreNotAnArrowStreamAreRefused() throws Exception {
        GuestModule filter = GuestModules.load("rows-filter-arrow", "c");
        filter.configure("{}");

        GuestError error = assertThrows(GuestError.class, () -> filter.transform("{\"id\":1}\n".getBytes(UTF_8)));
        assertEquals("{\"code\":\"E_DATA\",\"message\":\"the batch is not an Arrow IPC stream starting with a "
                + "schema\"}", error.json());
    }

    private record Order(long id, String name, String status, Double amount, Boolean flag, Integer day) {
    }

    /** A batch of id (int64), name and status (utf8), amount (float64), flag (bool), day (date32: days). */
    private VectorSchemaRoot orders(Order... orders) {
        BigIntVector id = new BigIntVector("id", allocator);
        VarCharVector name = new VarCharVector("name", allocator);
        VarCharVector status = new VarCharVector("status", allocator);
        Float8Vector amount = new Float8Vector("amount", allocator);
        BitVector flag = new BitVector("flag", allocator);
        DateDayVector day = new DateDayVector("day", allocator);
        VectorSchemaRoot root = new VectorSchemaRoot(List.<FieldVector>of(id, name, status, amount, flag, day));
        root.allocateNew();
        for (int r = 0; r < orders.length; r++) {
            Order order = orders[r];
            id.setSafe(r, order.id());
            if (order.name() != null) {
                name.setSafe(r, order.name().getBytes(UTF_8));
            }
            if (order.status() != null) {
                status.setSafe(r, order.status().getBytes(UTF_8));
            }
            if (order.amount() != null) {
                amount.setSafe(r, order.amount());
            }
            if (order.flag() != null) {
                flag.setSafe(r, order.flag() ? 1 : 0);
            }
            if (order.day() != null) {
                day.setSafe(r, order.day());
            }
        }
        root.setRowCount(orders.length);
        return root;
    }

    /** The batch as the host passes it: a schema, the batch, the end-of-stream marker; closes the batch. */
    private static byte[] stream(VectorSchemaRoot root) throws IOException {
        try (root) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ArrowStreamWriter writer = new ArrowStreamWriter(root, null, bytes)) {
                writer.start();
                writer.writeBatch();
                writer.end();
            }
            return bytes.toByteArray();
        }
    }

    /** The header line, then each row, tab-separated, of every batch in the stream; binary as "bytes TEXT". */
    private List<String> read(byte[] stream) throws IOException {
        List<String> lines = new ArrayList<>();
        try (ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(stream), allocator)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            lines.add(String.join("\t", root.getSchema().getFields().stream().map(f -> f.getName()).toList()));
            while (reader.loadNextBatch()) {
                for (int r = 0; r < root.getRowCount(); r++) {
                    List<String> cells = new ArrayList<>();
                    for (FieldVector vector : root.getFieldVectors()) {
                        Object value = vector.getObject(r);
                        cells.add(value instanceof byte[] bytes ? "bytes " + new String(bytes, UTF_8)
                                : String.valueOf(value));
                    }
                    lines.add(String.join("\t", cells));
                }
            }
        }
        return lines;
    }
}
