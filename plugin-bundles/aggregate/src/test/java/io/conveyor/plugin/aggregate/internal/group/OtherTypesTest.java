package io.conveyor.plugin.aggregate.internal.group;

import static io.conveyor.plugin.aggregate.internal.group.GroupByApplyTest.agg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.impl.UnionListWriter;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.conveyor.api.stage.StageException;
import io.conveyor.testing.BatchText;
import io.conveyor.testing.CollectingEmitter;
import io.conveyor.testing.Runs;
import io.conveyor.testing.TestConfig;
import io.conveyor.testing.TestContext;

/** Group keys and aggregates over Arrow types the CSV reader does not make: narrow ints, float32, dates, decimals. */
class OtherTypesTest {

    private final RootAllocator root = new RootAllocator();
    private final TestContext context = TestContext.of(root, "group");
    private final GroupByApply groupBy = new GroupByApply();
    private VectorSchemaRoot batch;

    private static Field field(String name, ArrowType type) {
        return new Field(name, FieldType.nullable(type), null);
    }

    /** Rows: (day 1, 7, 1.5, true, 2.50, 'b', 200, ts 30), (day 2, null, -1.0, false, 2.50, 'a', 7, ts 10), (day 1, 3, null, null, null, null, null, ts 20). */
    @BeforeEach
    void build() {
        Schema schema = new Schema(List.of(field("day", new ArrowType.Date(DateUnit.DAY)),
                field("n", new ArrowType.Int(32, true)), field("f", new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)),
                field("ok", ArrowType.Bool.INSTANCE), field("price", new ArrowType.Decimal(5, 2, 128)),
                field("s", ArrowType.LargeUtf8.INSTANCE), field("u", new ArrowType.Int(8, false)),
                field("ts", new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC"))));
        batch = VectorSchemaRoot.create(schema, root);
        batch.allocateNew();
        DateDayVector day = (DateDayVector) batch.getVector("day");
        IntVector n = (IntVector) batch.getVector("n");
        Float4Vector f = (Float4Vector) batch.getVector("f");
        BitVector ok = (BitVector) batch.getVector("ok");
        DecimalVector price = (DecimalVector) batch.getVector("price");
        LargeVarCharVector s = (LargeVarCharVector) batch.getVector("s");
        UInt1Vector u = (UInt1Vector) batch.getVector("u");
        TimeStampMicroTZVector ts = (TimeStampMicroTZVector) batch.getVector("ts");
        day.set(0, 1);
        day.set(1, 2);
        day.set(2, 1);
        n.set(0, 7);
        n.setNull(1);
        n.set(2, 3);
        f.set(0, 1.5f);
        f.set(1, -1.0f);
        f.setNull(2);
        ok.set(0, 1);
        ok.set(1, 0);
        ok.setNull(2);
        price.set(0, new BigDecimal("2.50"));
        price.set(1, new BigDecimal("2.50"));
        price.setNull(2);
        s.setSafe(0, "b".getBytes(StandardCharsets.UTF_8));
        s.setSafe(1, "a".getBytes(StandardCharsets.UTF_8));
        s.setNull(2);
        u.set(0, 200);
        u.set(1, 7);
        u.setNull(2);
        ts.set(0, 30);
        ts.set(1, 10);
        ts.set(2, 20);
        batch.setRowCount(3);
    }

    @AfterEach
    void noLeaks() {
        batch.close();
        context.close();
        root.close();
    }

    private CollectingEmitter run(Object by, List<?> aggregations) throws StageException {
        return Runs.transform(groupBy, TestConfig.of(groupBy.descriptor(), Map.of("by", by, "aggregations",
                aggregations)), context, batch);
    }

    @Test
    void narrowIntegersSumToInt64AndKeepTheirTypeForMinAndMax() throws StageException {
        try (CollectingEmitter out = run("day", List.of(agg("n", "sum", "sum"), agg("n", "min", "min"),
                agg("u", "max", "umax"), agg("u", "sum", "usum")))) {
            assertEquals("day:Date(DAY), sum:int64, min:Int(32, true), umax:Int(8, false), usum:int64",
                    BatchText.schema(out.batches().get(0)));
            // days render as numbers; Arrow renders a uint8 of 200 as the signed byte -56
            assertEquals(List.of("1|10|3|-56|200", "2|null|null|7|7"), out.rows());
        }
    }

    @Test
    void float32KeepsItsTypeAndSumsToFloat64() throws StageException {
        try (CollectingEmitter out = run("ok", List.of(agg("f", "max", "max"), agg("f", "sum", "sum"),
                agg("f", "first", "first")))) {
            assertEquals("ok:bool, max:FloatingPoint(SINGLE), sum:float64, first:FloatingPoint(SINGLE)",
                    BatchText.schema(out.batches().get(0)));
            assertEquals(List.of("true|1.5|1.5|1.5", "false|-1.0|-1.0|-1.0", "null|null|null|null"), out.rows());
        }
    }

    @Test
    void timestampsAndBoolsKeepTheirTypeForMinMaxFirstLast() throws StageException {
        try (CollectingEmitter out = run("day", List.of(agg("ts", "min", "first_ts"), agg("ts", "max", "last_ts"),
                agg("ok", "min", "all_ok"), agg("ok", "last", "last_ok")))) {
            assertEquals("day:Date(DAY), first_ts:Timestamp(MICROSECOND, UTC), last_ts:Timestamp(MICROSECOND, UTC), "
                    + "all_ok:bool, last_ok:bool", BatchText.schema(out.batches().get(0)));
            assertEquals(List.of("1|20|30|true|true", "2|10|10|false|false"), out.rows());
        }
    }

    @Test
    void decimalAndLargeTextKeysGroupByValue() throws StageException {
        try (CollectingEmitter byPrice = run("price", List.of(agg(null, "count", "n")));
                CollectingEmitter byText = run(List.of("s", "price"), List.of(agg("s", "max", "top")))) {
            assertEquals(List.of("2.50|2", "null|1"), byPrice.rows());
            assertEquals("s:LargeUtf8, price:Decimal(5, 2, 128), top:LargeUtf8", BatchText.schema(byText.batches().get(0)));
            assertEquals(List.of("b|2.50|b", "a|2.50|a", "null|null|null"), byText.rows());
        }
    }

    @Test
    void aNestedColumnCanBeCountedButNotOtherwiseAggregated() throws StageException {
        Field tags = new Field("tags", FieldType.nullable(ArrowType.List.INSTANCE),
                List.of(field("item", new ArrowType.Int(64, true))));
        try (VectorSchemaRoot lists = VectorSchemaRoot.create(new Schema(List.of(field("k", new ArrowType.Int(64,
                true)), tags)), root)) {
            BigIntVector k = (BigIntVector) lists.getVector("k");
            ListVector list = (ListVector) lists.getVector("tags");
            k.allocateNew(3);
            k.set(0, 1);
            k.set(1, 1);
            k.set(2, 2);
            UnionListWriter writer = list.getWriter();
            writer.setPosition(0);
            writer.startList();
            writer.writeBigInt(5);
            writer.endList();
            writer.setPosition(2);
            writer.startList();
            writer.endList();
            writer.setValueCount(3);
            list.setNull(1);
            lists.setRowCount(3);
            try (CollectingEmitter out = Runs.transform(groupBy, TestConfig.of(groupBy.descriptor(), Map.of("by", "k",
                    "aggregations", List.of(agg("tags", "count", "n")))), context, lists)) {
                assertEquals(List.of("1|1", "2|1"), out.rows());
            }
            StageException e = assertThrows(StageException.class, () -> Runs.transform(groupBy,
                    TestConfig.of(groupBy.descriptor(), Map.of("by", "k", "aggregations", List.of(agg("tags", "max",
                            "m")))), context, lists));
            assertEquals("config key 'aggregations[0].column' names column 'tags' of type list, but max needs a "
                    + "number, bool, text, date, time, timestamp or duration column", e.getMessage());
            StageException key = assertThrows(StageException.class, () -> Runs.transform(groupBy,
                    TestConfig.of(groupBy.descriptor(), Map.of("by", "tags", "aggregations", List.of())), context,
                    lists));
            assertEquals("config key 'by' names column 'tags' of type list, which cannot be a group key; keys are "
                    + "numbers, bools, text, binary, decimals, dates, times, timestamps or durations",
                    key.getMessage());
        }
    }
}
