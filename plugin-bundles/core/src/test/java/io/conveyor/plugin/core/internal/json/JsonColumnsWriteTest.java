package io.conveyor.plugin.core.internal.json;

import static io.conveyor.testing.Batches.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.complex.impl.UnionMapWriter;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.conveyor.api.stage.ErrorCode;
import io.conveyor.api.stage.SinkTask;
import io.conveyor.api.stage.StageException;
import io.conveyor.testing.BatchText;
import io.conveyor.testing.Batches;
import io.conveyor.testing.CollectingEmitter;
import io.conveyor.testing.Runs;
import io.conveyor.testing.TestConfig;
import io.conveyor.testing.TestContext;

/** json.write with {@code format = "dataframe"}: one JSON object of columns. */
class JsonColumnsWriteTest {

    @TempDir
    Path dir;

    private final RootAllocator root = new RootAllocator();
    private final TestContext context = TestContext.of(root, "write");
    private final JsonWriteSink sink = new JsonWriteSink();

    @AfterEach
    void noLeaks() {
        context.close();
        root.close();
    }

    private String write(boolean pretty, Map<String, List<VectorSchemaRoot>> inputs) throws Exception {
        Runs.sink(sink, TestConfig.of(sink.descriptor(), Map.of("path", "out/df.json", "format", "dataframe",
                "pretty", pretty), dir), context, inputs);
        try (var files = Files.list(dir.resolve("out"))) {
            assertEquals(List.of("df.json"), files.map(f -> f.getFileName().toString()).toList(),
                    "no spool file is left");
        }
        return Files.readString(dir.resolve("out/df.json"));
    }

    private String write(boolean pretty, VectorSchemaRoot... batches) throws Exception {
        return write(pretty, Map.of("in", List.of(batches)));
    }

    private VectorSchemaRoot sample() {
        return Batches.of(root, "id:int64, name:utf8, price:float64, ok:bool",
                row(1, "say \"hi\"\n", 150.0, true), row(2, null, Double.NaN, null));
    }

    @Test
    void columnsInOrderWithEveryValueAndNull() throws Exception {
        try (VectorSchemaRoot batch = sample()) {
            assertEquals("{\"id\":[1,2],\"name\":[\"say \\\"hi\\\"\\n\",null],\"price\":[150.0,null],"
                    + "\"ok\":[true,null]}\n", write(false, batch));
            assertEquals("""
                    {
                      "id": [1, 2],
                      "name": ["say \\"hi\\"\\n", null],
                      "price": [150.0, null],
                      "ok": [true, null]
                    }
                    """, write(true, batch));
        }
    }

    @Test
    void batchesAndInputsFollowEachOtherInPipelineOrder() throws Exception {
        try (VectorSchemaRoot a1 = Batches.of(root, "n:int64, s:utf8", row(1, "a"));
                VectorSchemaRoot a2 = Batches.of(root, "n:int64, s:utf8", row(2, "b"), row(3, null));
                VectorSchemaRoot b1 = Batches.of(root, "n:int64, s:utf8");
                VectorSchemaRoot b2 = Batches.of(root, "n:int64, s:utf8", row(10, "z"));
                VectorSchemaRoot c1 = Batches.of(root, "n:float64, s:utf8", row(0.5, "c"))) {
            Map<String, List<VectorSchemaRoot>> inputs = new LinkedHashMap<>();
            inputs.put("a", List.of(a1, a2));
            inputs.put("b", List.of(b1, b2));
            inputs.put("c", List.of(c1));
            assertEquals("{\"n\":[1,2,3,10,0.5],\"s\":[\"a\",\"b\",null,\"z\",\"c\"]}\n", write(false, inputs));
            assertEquals("{\n  \"n\": [1, 2, 3, 10, 0.5],\n  \"s\": [\"a\", \"b\", null, \"z\", \"c\"]\n}\n",
                    write(true, inputs));
        }
    }

    @Test
    void noRowsKeepTheColumnsAndNoBatchGivesAnEmptyObject() throws Exception {
        try (VectorSchemaRoot empty = Batches.of(root, "id:int64, name:utf8")) {
            assertEquals("{\"id\":[],\"name\":[]}\n", write(false, empty));
            assertEquals("{\n  \"id\": [],\n  \"name\": []\n}\n", write(true, empty));
        }
        assertEquals("{}\n", write(false));
        assertEquals("{}\n", write(true));
    }

    @Test
    void everyTypeIsKeptNestedValuesAsJsonAndDatesAsIsoText() throws Exception {
        try (VectorSchemaRoot batch = everyType()) {
            assertEquals("{\"day\":[\"2024-01-15\",null],\"at\":[\"2024-01-15T10:30:00.5Z\",null],"
                    + "\"tags\":[[\"x\",null],[]],\"point\":[{\"x\":1,\"label\":\"p\"},null],"
                    + "\"attrs\":[{\"1\":\"one\"},null],\"amount\":[12.30,null],\"raw\":[\"AAH/\",null],"
                    + "\"big\":[18446744073709551615,null]}\n", write(false, batch));
        }
    }

    @Test
    void whatItWritesReadsBackAsTheSameRows() throws Exception {
        try (VectorSchemaRoot batch = sample()) {
            write(false, batch);
        }
        try (CollectingEmitter out = Runs.source(new JsonReadSource(), TestConfig.of(JsonReadSource.DESCRIPTOR,
                Map.of("path", "out/df.json", "format", "dataframe"), dir), context)) {
            assertEquals("id:int64, name:utf8, price:float64, ok:bool", BatchText.schema(out.batches().get(0)));
            assertEquals(List.of("1|\"say \"hi\"\n\"|150.0|true", "2|null|null|null"), out.rows());
        }
    }

    @Test
    void inputsWithOtherColumnsAreADataError() {
        try (VectorSchemaRoot a = Batches.of(root, "id:int64", row(1));
                VectorSchemaRoot b = Batches.of(root, "id:int64, name:utf8", row(2, "x"))) {
            Map<String, List<VectorSchemaRoot>> inputs = new LinkedHashMap<>();
            inputs.put("a", List.of(a));
            inputs.put("b", List.of(b));
            StageException e = assertThrows(StageException.class, () -> write(false, inputs));
            assertEquals(ErrorCode.DATA, e.code());
            assertEquals("input 'b' has columns (id, name), but the JSON dataframe's are (id)", e.getMessage());
            assertEquals("input 'in' has columns (id, name), but the JSON dataframe's are (id)",
                    assertThrows(StageException.class, () -> write(false, a, b)).getMessage());
        }
    }

    @Test
    void anInputChangingItsColumnsBeforeTheFirstInputHasAnyIsADataErrorAtOnce() throws Exception {
        try (SinkTask task = sink.open(TestConfig.of(sink.descriptor(), Map.of("path", "df.json", "format",
                "dataframe"), dir), context, List.of("a", "b"));
                VectorSchemaRoot first = Batches.of(root, "id:int64", row(1));
                VectorSchemaRoot later = Batches.of(root, "id:int64, name:utf8", row(2, "x"))) {
            Runs.write(task, "b", first);
            StageException e = assertThrows(StageException.class, () -> Runs.write(task, "b", later));
            assertEquals("input 'b' has columns (id, name) in a later batch, but (id) in its first", e.getMessage());
            task.abort();
        }
    }

    @Test
    void abortLeavesNeitherTheFileNorASpool() throws Exception {
        SinkTask task = sink.open(TestConfig.of(sink.descriptor(), Map.of("path", "df.json", "format", "dataframe"),
                dir), context, List.of("in"));
        try (VectorSchemaRoot batch = sample()) {
            Runs.write(task, "in", batch);
        }
        task.abort();
        task.close();
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    /** Two rows of a date, a zoned timestamp, a list, a struct, a map, a decimal, binary and a uint64. */
    private VectorSchemaRoot everyType() {
        List<FieldVector> vectors = new ArrayList<>();
        DateDayVector day = new DateDayVector("day", root);
        vectors.add(day);
        day.allocateNew(2);
        day.set(0, 19737);
        day.setNull(1);
        TimeStampMicroTZVector at = new TimeStampMicroTZVector("at", root, "UTC");
        vectors.add(at);
        at.allocateNew(2);
        at.set(0, 1_705_314_600_500_000L);
        at.setNull(1);

        ListVector tags = ListVector.empty("tags", root);
        vectors.add(tags);
        VarCharVector tag = (VarCharVector) tags.addOrGetVector(FieldType.nullable(ArrowType.Utf8.INSTANCE))
                .getVector();
        tags.allocateNew();
        int start = tags.startNewValue(0);
        tag.setSafe(start, "x".getBytes(StandardCharsets.UTF_8));
        tag.setNull(start + 1);
        tags.endValue(0, 2);
        tags.startNewValue(1);
        tags.endValue(1, 0);
        tag.setValueCount(2);

        StructVector point = StructVector.empty("point", root);
        vectors.add(point);
        BigIntVector x = point.addOrGet("x", FieldType.nullable(new ArrowType.Int(64, true)), BigIntVector.class);
        VarCharVector label = point.addOrGet("label", FieldType.nullable(ArrowType.Utf8.INSTANCE),
                VarCharVector.class);
        point.allocateNew();
        x.setSafe(0, 1);
        label.setSafe(0, "p".getBytes(StandardCharsets.UTF_8));
        point.setIndexDefined(0);
        point.setNull(1);
        x.setValueCount(2);
        label.setValueCount(2);

        MapVector attrs = MapVector.empty("attrs", root, false);
        vectors.add(attrs);
        UnionMapWriter writer = attrs.getWriter();
        writer.setPosition(0);
        writer.startMap();
        writer.startEntry();
        writer.key().bigInt().writeBigInt(1);
        writer.value().varChar().writeVarChar("one");
        writer.endEntry();
        writer.endMap();
        writer.setValueCount(1);
        attrs.setNull(1);

        DecimalVector amount = new DecimalVector("amount", root, 10, 2);
        vectors.add(amount);
        amount.allocateNew(2);
        amount.set(0, new BigDecimal("12.30"));
        amount.setNull(1);
        VarBinaryVector raw = new VarBinaryVector("raw", root);
        vectors.add(raw);
        raw.allocateNew(2);
        raw.set(0, new byte[] {0, 1, (byte) 0xff});
        raw.setNull(1);
        UInt8Vector big = new UInt8Vector("big", root);
        vectors.add(big);
        big.allocateNew(2);
        big.set(0, -1L);
        big.setNull(1);

        vectors.forEach(v -> v.setValueCount(2));
        VectorSchemaRoot batch = new VectorSchemaRoot(vectors);
        batch.setRowCount(2);
        return batch;
    }
}
