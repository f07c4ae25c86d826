package io.conveyor.plugin.parquet.internal;

import static io.conveyor.plugin.parquet.internal.Tables.field;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeSecVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.TimeStampNanoVector;
import org.apache.arrow.vector.TimeStampSecVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.UInt2Vector;
import org.apache.arrow.vector.UInt4Vector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.conveyor.testing.CollectingEmitter;
import io.conveyor.testing.TestContext;

/** Every column type parquet.write writes comes back from parquet.read with its values and nulls. */
class RoundTripTest {

    @TempDir
    Path dir;

    private final RootAllocator root = new RootAllocator();
    private final TestContext context = TestContext.of(root, "stage");

    @AfterEach
    void noLeaks() {
        context.close();
        root.close();
    }

    /** Three rows of every type: ordinary values, nulls, then extremes. */
    private VectorSchemaRoot everyType() {
        VectorSchemaRoot batch = Tables.batch(root, List.of(
                field("i64", new ArrowType.Int(64, true)),
                field("f64", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
                field("ok", ArrowType.Bool.INSTANCE),
                field("text", ArrowType.Utf8.INSTANCE),
                field("i32", new ArrowType.Int(32, true)),
                field("i16", new ArrowType.Int(16, true)),
                field("i8", new ArrowType.Int(8, true)),
                field("u8", new ArrowType.Int(8, false)),
                field("u16", new ArrowType.Int(16, false)),
                field("u32", new ArrowType.Int(32, false)),
                field("u64", new ArrowType.Int(64, false)),
                field("f32", new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)),
                field("day", new ArrowType.Date(DateUnit.DAY)),
                field("day_ms", new ArrowType.Date(DateUnit.MILLISECOND)),
                field("ts_s", new ArrowType.Timestamp(TimeUnit.SECOND, null)),
                field("ts_ms", new ArrowType.Timestamp(TimeUnit.MILLISECOND, null)),
                field("ts_us", new ArrowType.Timestamp(TimeUnit.MICROSECOND, null)),
                field("ts_ns", new ArrowType.Timestamp(TimeUnit.NANOSECOND, null)),
                field("ts_utc", new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC")),
                field("t_s", new ArrowType.Time(TimeUnit.SECOND, 32)),
                field("t_ms", new ArrowType.Time(TimeUnit.MILLISECOND, 32)),
                field("t_us", new ArrowType.Time(TimeUnit.MICROSECOND, 64)),
                field("t_ns", new ArrowType.Time(TimeUnit.NANOSECOND, 64)),
                field("money", new ArrowType.Decimal(10, 2, 128)),
                field("big", new ArrowType.Decimal(38, 5, 128)),
                field("bytes", ArrowType.Binary.INSTANCE),
                field("large", ArrowType.LargeUtf8.INSTANCE),
                field("code", new ArrowType.FixedSizeBinary(3))));
        int r = 0;
        ((BigIntVector) batch.getVector("i64")).setSafe(r, 42);
        ((Float8Vector) batch.getVector("f64")).setSafe(r, 1.5);
        ((BitVector) batch.getVector("ok")).setSafe(r, 1);
        ((VarCharVector) batch.getVector("text")).setSafe(r, "Desk, \"standing\"".getBytes(StandardCharsets.UTF_8));
        ((IntVector) batch.getVector("i32")).setSafe(r, -7);
        ((SmallIntVector) batch.getVector("i16")).setSafe(r, 300);
        ((TinyIntVector) batch.getVector("i8")).setSafe(r, -8);
        ((UInt1Vector) batch.getVector("u8")).setSafe(r, 200);
        ((UInt2Vector) batch.getVector("u16")).setSafe(r, 60000);
        ((UInt4Vector) batch.getVector("u32")).setSafe(r, (int) 4_000_000_000L);
        ((UInt8Vector) batch.getVector("u64")).setSafe(r, -1L);
        ((Float4Vector) batch.getVector("f32")).setSafe(r, 0.25f);
        ((DateDayVector) batch.getVector("day")).setSafe(r, 19724);
        ((DateMilliVector) batch.getVector("day_ms")).setSafe(r, 19724L * 86_400_000L);
        ((TimeStampSecVector) batch.getVector("ts_s")).setSafe(r, 1_704_164_645L);
        ((TimeStampMilliVector) batch.getVector("ts_ms")).setSafe(r, 1_704_164_645_123L);
        ((TimeStampMicroVector) batch.getVector("ts_us")).setSafe(r, 1_704_164_645_123_456L);
        ((TimeStampNanoVector) batch.getVector("ts_ns")).setSafe(r, 1_704_164_645_123_456_789L);
        ((TimeStampMicroTZVector) batch.getVector("ts_utc")).setSafe(r, 1_704_164_645_000_001L);
        ((TimeSecVector) batch.getVector("t_s")).setSafe(r, 3723);
        ((TimeMilliVector) batch.getVector("t_ms")).setSafe(r, 3_723_500);
        ((TimeMicroVector) batch.getVector("t_us")).setSafe(r, 3_723_500_001L);
        ((TimeNanoVector) batch.getVector("t_ns")).setSafe(r, 3_723_500_000_001L);
        ((DecimalVector) batch.getVector("money")).setSafe(r, new BigDecimal("12345678.90"));
        ((DecimalVector) batch.getVector("big")).setSafe(r, new BigDecimal("123456789012345678901234567890123.45678"));
        ((VarBinaryVector) batch.getVector("bytes")).setSafe(r, new byte[] {0, (byte) 0xff, 7});
        ((LargeVarCharVector) batch.getVector("large")).setSafe(r, "é".getBytes(StandardCharsets.UTF_8));
        ((FixedSizeBinaryVector) batch.getVector("code")).setSafe(r, "abc".getBytes(StandardCharsets.UTF_8));
        // row 1: every cell null (a fresh vector's cells are null until set)
        r = 2;
        ((BigIntVector) batch.getVector("i64")).setSafe(r, Long.MIN_VALUE);
        ((Float8Vector) batch.getVector("f64")).setSafe(r, -0.0);
        ((BitVector) batch.getVector("ok")).setSafe(r, 0);
        ((VarCharVector) batch.getVector("text")).setSafe(r, new byte[0]);
        ((IntVector) batch.getVector("i32")).setSafe(r, Integer.MAX_VALUE);
        ((SmallIntVector) batch.getVector("i16")).setSafe(r, Short.MIN_VALUE);
        ((TinyIntVector) batch.getVector("i8")).setSafe(r, Byte.MAX_VALUE);
        ((UInt1Vector) batch.getVector("u8")).setSafe(r, 0);
        ((UInt2Vector) batch.getVector("u16")).setSafe(r, 1);
        ((UInt4Vector) batch.getVector("u32")).setSafe(r, 5);
        ((UInt8Vector) batch.getVector("u64")).setSafe(r, 0L);
        ((Float4Vector) batch.getVector("f32")).setSafe(r, Float.NEGATIVE_INFINITY);
        ((DateDayVector) batch.getVector("day")).setSafe(r, -1);
        ((DateMilliVector) batch.getVector("day_ms")).setSafe(r, -1L);
        ((TimeStampSecVector) batch.getVector("ts_s")).setSafe(r, -1L);
        ((TimeStampMilliVector) batch.getVector("ts_ms")).setSafe(r, 0L);
        ((TimeStampMicroVector) batch.getVector("ts_us")).setSafe(r, -1L);
        ((TimeStampNanoVector) batch.getVector("ts_ns")).setSafe(r, Long.MAX_VALUE);
        ((TimeStampMicroTZVector) batch.getVector("ts_utc")).setSafe(r, 0L);
        ((TimeSecVector) batch.getVector("t_s")).setSafe(r, 0);
        ((TimeMilliVector) batch.getVector("t_ms")).setSafe(r, 86_399_999);
        ((TimeMicroVector) batch.getVector("t_us")).setSafe(r, 0L);
        ((TimeNanoVector) batch.getVector("t_ns")).setSafe(r, 86_399_999_999_999L);
        ((DecimalVector) batch.getVector("money")).setSafe(r, new BigDecimal("-0.01"));
        ((DecimalVector) batch.getVector("big")).setSafe(r, new BigDecimal("-99999999999999999999999999999999.99999"));
        ((VarBinaryVector) batch.getVector("bytes")).setSafe(r, new byte[0]);
        ((LargeVarCharVector) batch.getVector("large")).setSafe(r, new byte[0]);
        ((FixedSizeBinaryVector) batch.getVector("code")).setSafe(r, new byte[] {0, 0, 0});
        batch.setRowCount(3);
        return batch;
    }

    @Test
    void everyWritableTypeComesBackWithItsValuesAndNulls() throws Exception {
        try (VectorSchemaRoot batch = everyType()) {
            Tables.write(dir, context, "all.parquet", List.of(batch));
        }
        try (CollectingEmitter out = Tables.read(dir, context, "all.parquet")) {
            assertEquals("i64:int64, f64:float64, ok:bool, text:utf8, i32:Int(32, true), i16:Int(16, true), "
                    + "i8:Int(8, true), u8:Int(8, false), u16:Int(16, false), u32:Int(32, false), u64:Int(64, false), "
                    + "f32:FloatingPoint(SINGLE), day:Date(DAY), day_ms:Date(DAY), "
                    + "ts_s:Timestamp(MILLISECOND, null), ts_ms:Timestamp(MILLISECOND, null), "
                    + "ts_us:Timestamp(MICROSECOND, null), ts_ns:Timestamp(NANOSECOND, null), "
                    + "ts_utc:Timestamp(MICROSECOND, UTC), t_s:Time(MILLISECOND, 32), t_ms:Time(MILLISECOND, 32), "
                    + "t_us:Time(MICROSECOND, 64), t_ns:Time(NANOSECOND, 64), money:Decimal(10, 2, 128), "
                    + "big:Decimal(38, 5, 128), bytes:Binary, large:utf8, code:FixedSizeBinary(3)",
                    Tables.schema(out.batches().get(0).getSchema()));
            assertEquals(List.of(
                    "42|1.5|true|\"Desk, \"standing\"\"|-7|300|-8|200|60000|4000000000|18446744073709551615|0.25|19724|19724"
                            + "|2024-01-02T03:04:05|2024-01-02T03:04:05.123|2024-01-02T03:04:05.123456"
                            + "|2024-01-02T03:04:05.123456789|1704164645000001|1970-01-01T01:02:03"
                            + "|1970-01-01T01:02:03.500|3723500001|3723500000001|12345678.90"
                            + "|123456789012345678901234567890123.45678|0x00ff07|\"é\"|0x616263",
                    "null|null|null|null|null|null|null|null|null|null|null|null|null|null|null|null|null|null"
                            + "|null|null|null|null|null|null|null|null|null|null",
                    "-9223372036854775808|-0.0|false|\"\"|2147483647|-32768|127|0|1|5|0|-Infinity|-1|-1"
                            + "|1969-12-31T23:59:59|1970-01-01T00:00|1969-12-31T23:59:59.999999"
                            + "|2262-04-11T23:47:16.854775807|0|1970-01-01T00:00|1970-01-01T23:59:59.999|0"
                            + "|86399999999999|-0.01|-99999999999999999999999999999999.99999|0x|\"\"|0x000000"),
                    Tables.rows(out.batches()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"snappy", "zstd", "gzip", "none"})
    void everyCompressionRoundTripsManyRowsAcrossRowGroupsAndBatchesWithColumnsEncodedInParallel(String compression) throws Exception {
        int rows = 25_000;
        try (VectorSchemaRoot batch = Tables.batch(root, List.of(field("id", new ArrowType.Int(64, true)),
                field("name", ArrowType.Utf8.INSTANCE), field("price", new ArrowType.FloatingPoint(
                        FloatingPointPrecision.DOUBLE))))) {
            for (int i = 0; i < rows; i++) {
                ((BigIntVector) batch.getVector("id")).setSafe(i, i);
                if (i % 7 != 0) {
                    ((VarCharVector) batch.getVector("name")).setSafe(i,
                            ("customer " + (i % 1000)).getBytes(StandardCharsets.UTF_8));
                }
                if (i % 5 != 0) {
                    ((Float8Vector) batch.getVector("price")).setSafe(i, i * 0.25);
                }
            }
            batch.setRowCount(rows);
            try (TestContext twoThreads = TestContext.of(root, "save").withParallelism(2)) {
                Tables.write(dir, twoThreads, "many.parquet", List.of(batch), "compression", compression,
                        "row_group_size", 10_000L);
            }
        }
        try (TestContext small = TestContext.of(root, "read").withBatchSize(4096);
                CollectingEmitter out = Tables.read(dir, small, "many.parquet")) {
            // row groups of 10,000, 10,000 and 5,000 rows; a batch never spans two of them
            assertEquals(List.of(4096, 4096, 1808, 4096, 4096, 1808, 4096, 904),
                    out.batches().stream().map(VectorSchemaRoot::getRowCount).toList());
            List<String> got = Tables.rows(out.batches());
            assertEquals(rows, got.size());
            for (int i = 0; i < rows; i++) {
                String name = i % 7 == 0 ? "null" : "\"customer " + (i % 1000) + "\"";
                String price = i % 5 == 0 ? "null" : Double.toString(i * 0.25);
                assertEquals(i + "|" + name + "|" + price, got.get(i), "row " + i);
            }
        }
    }

    @Test
    void theSameRowsMakeTheSameBytes() throws Exception {
        for (String name : List.of("a.parquet", "b.parquet")) {
            try (VectorSchemaRoot batch = everyType()) {
                Tables.write(dir, context, name, List.of(batch));
            }
        }
        assertArrayEquals(Files.readAllBytes(dir.resolve("a.parquet")), Files.readAllBytes(dir.resolve("b.parquet")));
    }
}
