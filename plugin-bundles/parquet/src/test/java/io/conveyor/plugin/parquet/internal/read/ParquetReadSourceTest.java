package io.conveyor.plugin.parquet.internal.read;

import static io.conveyor.testing.Batches.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.api.stage.ErrorCode;
import io.conveyor.api.stage.StageException;
import io.conveyor.plugin.parquet.internal.Tables;
import io.conveyor.testing.Batches;
import io.conveyor.testing.CollectingEmitter;
import io.conveyor.testing.TestContext;
import io.conveyor.testing.TestSchemaContext;

class ParquetReadSourceTest {

    /** Files written by DuckDB and Polars; see fixtures/README.md. */
    private static final Path FIXTURES = Path.of("src/test/resources/fixtures").toAbsolutePath();

    @TempDir
    Path dir;

    private final RootAllocator root = new RootAllocator();
    private final TestContext context = TestContext.of(root, "load");
    private final ParquetReadSource source = new ParquetReadSource();

    @AfterEach
    void noLeaks() {
        context.close();
        root.close();
    }

    private CollectingEmitter fixture(String name, Object... keyValues) throws StageException {
        return Tables.read(FIXTURES, context, name, keyValues);
    }

    private void writeOrders(String path) throws StageException {
        try (VectorSchemaRoot batch = Batches.of(root, "id:int64, customer:utf8, amount:float64",
                row(1, "Ada", 120.5), row(2, null, null), row(3, "Linus", -0.5))) {
            Tables.write(dir, context, path, List.of(batch));
        }
    }

    private StageException openFails(String path, Object... keyValues) {
        return assertThrows(StageException.class,
                () -> source.open(Tables.config(source.descriptor(), dir, path, keyValues), context));
    }

    @Test
    void readsEveryFlatTypeDuckDbWrites() throws Exception {
        try (CollectingEmitter out = fixture("duckdb-types.parquet")) {
            assertEquals("i64:int64, i32:Int(32, true), i16:Int(16, true), i8:Int(8, true), u64:Int(64, false), "
                    + "f64:float64, f32:FloatingPoint(SINGLE), b:bool, s:utf8, d:Date(DAY), "
                    + "ts:Timestamp(MICROSECOND, null), tstz:Timestamp(MICROSECOND, UTC), dec4:Decimal(4, 2, 128), "
                    + "dec18:Decimal(18, 3, 128), dec30:Decimal(30, 1, 128), tm:Time(MICROSECOND, 64), bin:Binary",
                    Tables.schema(out.batches().get(0).getSchema()));
            assertEquals(List.of(
                    "1|-2|3|-4|18446744073709551615|1.5|2.5|true|\"ab, \"c\"\"|19724|2024-01-02T03:04:05.123456"
                            + "|1704164645000000|12.34|123456789012.345|1234567890123456789012.5|3723500000|0xaa00",
                    "null|null|null|null|null|null|null|null|null|null|null|null|null|null|null|null|null",
                    "-9223372036854775808|2147483647|-32768|127|0|-0.25|-1.0E10|false|\"\"|-1|1900-01-01T00:00"
                            + "|9223286400000000|-0.01|-1.000|-0.1|86399999999|0x"),
                    Tables.rows(out.batches()));
        }
    }

    @Test
    void readsEveryCodecAndPageVersionDuckDbWrites() throws Exception {
        for (String file : List.of("duckdb-5000-zstd.parquet", "duckdb-5000-gzip.parquet", "duckdb-5000-lz4.parquet",
                "duckdb-5000-v2.parquet")) {
            try (CollectingEmitter out = fixture(file)) {
                List<String> rows = Tables.rows(out.batches());
                assertEquals(5000, rows.size(), file);
                for (int i = 0; i < 5000; i += 1) {
                    String half = i % 3 == 0 ? "null" : new java.math.BigDecimal(i).multiply(
                            new java.math.BigDecimal("0.5")).setScale(1).toPlainString();
                    assertEquals(i + "|\"name " + (i % 7) + "\"|" + half, rows.get(i), file + " row " + i);
                }
            }
        }
    }

    @Test
    void readsPolarsWithNulls() throws Exception {
        try (CollectingEmitter out = fixture("polars-zstd.parquet")) {
            assertEquals("id:int64, name:utf8, price:float64, ok:bool", Tables.schema(out.batches().get(0).getSchema()));
            assertEquals(List.of("1|\"a\"|1.25|true", "2|null|null|false", "null|\"ccc\"|-3.5|null", "4|\"d\"|0.0|true"),
                    Tables.rows(out.batches()));
        }
    }

    @Test
    void batchesHoldTheContextsBatchSizeWithinARowGroup() throws Exception {
        // duckdb-5000-zstd.parquet has row groups of 2048, 2048 and 904 rows
        try (TestContext small = TestContext.of(root, "load").withBatchSize(1000);
                CollectingEmitter out = Tables.read(FIXTURES, small, "duckdb-5000-zstd.parquet")) {
            assertEquals(List.of(1000, 1000, 48, 1000, 1000, 48, 904),
                    out.batches().stream().map(VectorSchemaRoot::getRowCount).toList());
        }
    }

    @Test
    void columnsChoosesAndOrdersTheColumns() throws Exception {
        writeOrders("orders.parquet");
        try (CollectingEmitter out = Tables.read(dir, context, "orders.parquet", "columns", List.of("amount", "id"))) {
            assertEquals("amount:float64, id:int64", Tables.schema(out.batches().get(0).getSchema()));
            assertEquals(List.of("120.5|1", "null|2", "-0.5|3"), Tables.rows(out.batches()));
        }
        try (CollectingEmitter out = Tables.read(dir, context, "orders.parquet", "columns", "customer")) {
            assertEquals(List.of("\"Ada\"", "null", "\"Linus\""), Tables.rows(out.batches()));
        }
    }

    @Test
    void theSchemaIsKnownAtValidationFromTheFooter() throws Exception {
        writeOrders("orders.parquet");
        TestSchemaContext schemas = TestSchemaContext.none();
        Optional<Schema> schema = source.outputSchema(Tables.config(source.descriptor(), dir, "orders.parquet",
                "columns", List.of("customer", "id")), schemas);
        assertEquals("customer:utf8, id:int64", Tables.schema(schema.orElseThrow()));
        assertEquals(List.of(), schemas.messages());
    }

    @Test
    void aMissingFileLeavesTheSchemaUnknownAtValidationAndFailsTheRun() {
        TestSchemaContext schemas = TestSchemaContext.none();
        assertEquals(Optional.empty(), source.outputSchema(Tables.config(source.descriptor(), dir, "missing.parquet"),
                schemas));
        assertEquals(List.of(), schemas.messages());

        StageException e = openFails("missing.parquet");
        assertEquals(ErrorCode.IO, e.code());
        assertEquals("path", e.key());
        assertEquals("cannot read missing.parquet: no such file", e.getMessage());
    }

    @Test
    void anUnknownColumnIsReportedAtValidationAndAtOpen() throws Exception {
        writeOrders("orders.parquet");
        String message = "config key 'columns' names column 'price', which orders.parquet does not have "
                + "(columns: id, customer, amount)";
        TestSchemaContext schemas = TestSchemaContext.none();
        assertEquals(Optional.empty(), source.outputSchema(Tables.config(source.descriptor(), dir, "orders.parquet",
                "columns", List.of("id", "price")), schemas));
        assertEquals(List.of(new ConfigProblem("columns", message)), schemas.problems());

        StageException e = openFails("orders.parquet", "columns", List.of("id", "price"));
        assertEquals(ErrorCode.CONFIG, e.code());
        assertEquals("columns", e.key());
        assertEquals(message, e.getMessage());
    }

    @Test
    void nestedColumnsAreNamedAndTheOthersCanStillBeRead() throws Exception {
        TestSchemaContext schemas = TestSchemaContext.none();
        source.outputSchema(Tables.config(source.descriptor(), FIXTURES, "duckdb-nested.parquet"), schemas);
        assertEquals(List.of(
                new ConfigProblem("path", "column 'tags' of duckdb-nested.parquet is a nested column (list), which "
                        + "parquet.read cannot read; name the other columns in 'columns'"),
                new ConfigProblem("path", "column 'point' of duckdb-nested.parquet is a nested column (a group), "
                        + "which parquet.read cannot read; name the other columns in 'columns'")),
                schemas.problems());
        StageException e = assertThrows(StageException.class, () -> source.open(
                Tables.config(source.descriptor(), FIXTURES, "duckdb-nested.parquet", "columns", List.of("id", "tags")),
                context));
        assertEquals("columns", e.key());
        assertEquals("config key 'columns' names column 'tags', which is a nested column (list), which parquet.read "
                + "cannot read", e.getMessage());
        try (CollectingEmitter out = fixture("duckdb-nested.parquet", "columns", List.of("id"))) {
            assertEquals(List.of("1", "2"), Tables.rows(out.batches()));
        }
    }

    @Test
    void aFileWithoutRowsGivesOneEmptyBatchWithItsColumns() throws Exception {
        try (VectorSchemaRoot empty = Batches.of(root, "id:int64, name:utf8")) {
            Tables.write(dir, context, "empty.parquet", List.of(empty));
        }
        try (CollectingEmitter out = Tables.read(dir, context, "empty.parquet")) {
            assertEquals(1, out.batches().size());
            assertEquals("id:int64, name:utf8", Tables.schema(out.batches().get(0).getSchema()));
            assertEquals(0, out.rowCount());
        }
    }

    @Test
    void filesThatAreNotParquetAreDataErrorsOnPath() throws Exception {
        Files.writeString(dir.resolve("orders.csv"), "id,name\n1,Ada\n");
        Files.writeString(dir.resolve("tiny.parquet"), "PAR1");
        writeOrders("orders.parquet");
        byte[] whole = Files.readAllBytes(dir.resolve("orders.parquet"));
        Files.write(dir.resolve("truncated.parquet"), Arrays.copyOf(whole, whole.length - 10));
        byte[] garbled = whole.clone();
        int footerLength = java.nio.ByteBuffer.wrap(whole, whole.length - 8, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .getInt();
        Arrays.fill(garbled, whole.length - 8 - footerLength, whole.length - 8, (byte) 0xff);
        Files.write(dir.resolve("garbled.parquet"), garbled);

        assertEquals("cannot read orders.csv: it is not a Parquet file (it does not end with PAR1)",
                openFails("orders.csv").getMessage());
        assertEquals("cannot read tiny.parquet: it is 4 bytes long, too short for a Parquet file",
                openFails("tiny.parquet").getMessage());
        assertEquals("cannot read truncated.parquet: it is not a Parquet file (it does not end with PAR1)",
                openFails("truncated.parquet").getMessage());
        StageException garbledFooter = openFails("garbled.parquet");
        assertEquals(ErrorCode.DATA, garbledFooter.code());
        assertEquals("path", garbledFooter.key());
        assertEquals(true, garbledFooter.getMessage().startsWith("cannot read garbled.parquet: its footer cannot be "
                + "decoded ("), garbledFooter.getMessage());

        TestSchemaContext schemas = TestSchemaContext.none();
        source.outputSchema(Tables.config(source.descriptor(), dir, "orders.csv"), schemas);
        assertEquals(List.of(new ConfigProblem("path", "cannot read orders.csv: it is not a Parquet file (it does not "
                + "end with PAR1)")), schemas.problems());
    }

    @Test
    void aDamagedPageFailsTheRunNamingColumnAndRowGroup() throws Exception {
        writeOrders("orders.parquet");
        byte[] bytes = Files.readAllBytes(dir.resolve("orders.parquet"));
        bytes[30] ^= 0x5a; // inside the first column chunk's first page, which carries a checksum
        Files.write(dir.resolve("damaged.parquet"), bytes);
        StageException e = assertThrows(StageException.class, () -> Tables.read(dir, context, "damaged.parquet"));
        assertEquals(ErrorCode.DATA, e.code());
        assertEquals(true, e.getMessage().startsWith("cannot read damaged.parquet: column 'id' of row group 1 is "
                + "corrupt ("), e.getMessage());
    }

    @Test
    void aColumnNamedTwiceIsABadConfig() {
        assertEquals(List.of(new ConfigProblem("columns", "config key 'columns' names 'id' twice")),
                source.validate(Tables.config(source.descriptor(), dir, "x.parquet", "columns", List.of("id", "id"))));
        assertEquals(List.of(new ConfigProblem("path", "config key 'path' must not be empty")),
                source.validate(Tables.config(source.descriptor(), dir, "")));
    }
}
