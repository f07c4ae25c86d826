package io.conveyor.plugin.parquet.internal.write;

import static io.conveyor.plugin.parquet.internal.Tables.field;
import static io.conveyor.testing.Batches.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.api.stage.ErrorCode;
import io.conveyor.api.stage.SinkTask;
import io.conveyor.api.stage.StageException;
import io.conveyor.plugin.parquet.internal.Tables;
import io.conveyor.testing.Batches;
import io.conveyor.testing.CollectingEmitter;
import io.conveyor.testing.Runs;
import io.conveyor.testing.TestConfig;
import io.conveyor.testing.TestContext;
import io.conveyor.testing.TestSchemaContext;

class ParquetWriteSinkTest {

    @TempDir
    Path dir;

    private final RootAllocator root = new RootAllocator();
    private final TestContext context = TestContext.of(root, "save");
    private final ParquetWriteSink sink = new ParquetWriteSink();

    @AfterEach
    void noLeaks() {
        context.close();
        root.close();
    }

    private TestConfig config(Object... keyValues) {
        return Tables.config(sink.descriptor(), dir, "out/orders.parquet", keyValues);
    }

    private List<Path> filesUnder(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private VectorSchemaRoot orders() {
        return Batches.of(root, "id:int64, customer:utf8, amount:float64, paid:bool",
                row(1, "Ada", 120.5, true),
                row(2, null, null, null),
                row(3, "Linus, \"Torvalds\"", -0.5, false));
    }

    @Test
    void writesRowsThatReadBackExactly() throws Exception {
        try (VectorSchemaRoot batch = orders()) {
            Runs.sink(sink, config(), context, batch);
        }
        try (CollectingEmitter out = Tables.read(dir, context, "out/orders.parquet")) {
            assertEquals("id:int64, customer:utf8, amount:float64, paid:bool",
                    Tables.schema(out.batches().get(0).getSchema()));
            assertEquals(List.of("1|\"Ada\"|120.5|true", "2|null|null|null", "3|\"Linus, \"Torvalds\"\"|-0.5|false"),
                    Tables.rows(out.batches()));
        }
        assertEquals(List.of(dir.resolve("out/orders.parquet")), filesUnder(dir));
    }

    @Test
    void anEmptyResultGivesAFileWithTheColumnsAndNoRows() throws Exception {
        try (VectorSchemaRoot empty = Batches.of(root, "id:int64, customer:utf8")) {
            Runs.sink(sink, config(), context, empty);
        }
        try (CollectingEmitter out = Tables.read(dir, context, "out/orders.parquet")) {
            assertEquals(1, out.batches().size());
            assertEquals("id:int64, customer:utf8", Tables.schema(out.batches().get(0).getSchema()));
            assertEquals(List.of(), Tables.rows(out.batches()));
        }
    }

    @Test
    void noBatchAtAllFailsTheRunForAParquetFileNeedsColumns() throws Exception {
        StageException e = assertThrows(StageException.class, () -> Runs.sink(sink, config(), context));
        assertEquals(ErrorCode.DATA, e.code());
        assertEquals("the input brought no batch, not even an empty one with its columns, and a Parquet file needs "
                + "at least one column: nothing was written", e.getMessage());
        assertEquals(List.of(), filesUnder(dir));
    }

    @Test
    void batchesAfterTheFirstAreAppendedAndEmptyOnesChangeNothing() throws Exception {
        try (VectorSchemaRoot first = orders();
                VectorSchemaRoot empty = Batches.of(root, "id:int64, customer:utf8, amount:float64, paid:bool");
                VectorSchemaRoot second = Batches.of(root, "id:int64, customer:utf8, amount:float64, paid:bool",
                        row(4, "Grace", 1.0, true))) {
            try (SinkTask task = sink.open(config(), context, List.of("in"))) {
                Runs.write(task, "in", first, empty, second);
                task.endOfInput("in");
                task.commit();
            }
        }
        try (CollectingEmitter out = Tables.read(dir, context, "out/orders.parquet")) {
            assertEquals(List.of("1|\"Ada\"|120.5|true", "2|null|null|null", "3|\"Linus, \"Torvalds\"\"|-0.5|false",
                    "4|\"Grace\"|1.0|true"), Tables.rows(out.batches()));
        }
    }

    @Test
    void aBatchWithOtherColumnsFailsTheRunAndAbortLeavesNoFile() throws Exception {
        try (VectorSchemaRoot first = orders();
                VectorSchemaRoot other = Batches.of(root, "id:utf8", row("x"));
                SinkTask task = sink.open(config(), context, List.of("in"))) {
            task.write("in", first);
            StageException e = assertThrows(StageException.class, () -> task.write("in", other));
            assertEquals(ErrorCode.DATA, e.code());
            assertEquals("input 'in' changed its columns from (id:int64, customer:utf8, amount:float64, paid:bool) "
                    + "to (id:utf8); a Parquet file has one schema", e.getMessage());
            task.abort();
        }
        assertEquals(List.of(), filesUnder(dir));
    }

    @Test
    void aFailedRunLeavesTheOldFileInPlace() throws Exception {
        Path target = Files.createDirectories(dir.resolve("out")).resolve("orders.parquet");
        Files.writeString(target, "old");
        try (VectorSchemaRoot batch = orders(); SinkTask task = sink.open(config(), context, List.of("in"))) {
            task.write("in", batch);
            task.abort();
        }
        assertEquals("old", Files.readString(target));
        assertEquals(List.of(target), filesUnder(dir));
    }

    private static Schema withList() {
        Field item = new Field("item", FieldType.nullable(ArrowType.Utf8.INSTANCE), null);
        return new Schema(List.of(field("id", new ArrowType.Int(64, true)),
                new Field("tags", FieldType.nullable(ArrowType.List.INSTANCE), List.of(item)),
                field("span", new ArrowType.Duration(org.apache.arrow.vector.types.TimeUnit.SECOND))));
    }

    @Test
    void columnsOfTypesParquetWriteCannotWriteAreReportedAtValidationAndAtRunTime() throws Exception {
        TestSchemaContext schemas = TestSchemaContext.of("tagged", withList());
        assertEquals(Optional.empty(), sink.outputSchema(config(), schemas));
        String supported = "(it writes int8-64, uint8-64, float32, float64, bool, utf8, binary, fixed-size binary, "
                + "decimal, date, time and timestamp)";
        assertEquals(List.of(
                "input 'tagged' column 'tags' has type list, which parquet.write cannot write " + supported,
                "input 'tagged' column 'span' has type duration(second), which parquet.write cannot write "
                        + supported), schemas.messages());

        try (VectorSchemaRoot batch = VectorSchemaRoot.create(withList(), root);
                SinkTask task = sink.open(config(), context, List.of("tagged"))) {
            StageException e = assertThrows(StageException.class, () -> task.write("tagged", batch));
            assertEquals(ErrorCode.DATA, e.code());
            assertEquals("input 'tagged' column 'tags' has type list, which parquet.write cannot write " + supported
                    + "; column 'span' has type duration(second), which parquet.write cannot write " + supported,
                    e.getMessage());
            task.abort();
        }
    }

    @Test
    void writableInputsAreNotReportedAndTheSinkDeclaresNoOutput() {
        TestSchemaContext schemas = TestSchemaContext.of("orders", Batches.schema("id:int64, name:utf8"));
        assertEquals(Optional.empty(), sink.outputSchema(config(), schemas));
        assertEquals(List.of(), schemas.messages());
    }

    @Test
    void takesExactlyOneInput() {
        Map<String, Schema> two = new LinkedHashMap<>();
        two.put("a", Batches.schema("id:int64"));
        two.put("b", Batches.schema("id:int64"));
        TestSchemaContext schemas = TestSchemaContext.of(two);
        sink.outputSchema(config(), schemas);
        String message = "parquet.write takes exactly one input, got 2: a Parquet file has one schema; combine the "
                + "inputs upstream first";
        assertEquals(List.of(message), schemas.messages());

        StageException e = assertThrows(StageException.class, () -> sink.open(config(), context, List.of("a", "b")));
        assertEquals(ErrorCode.CONFIG, e.code());
        assertEquals(message, e.getMessage());
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void badConfigIsReportedWithItsKey() {
        assertEquals(List.of(new ConfigProblem("row_group_size", "config key 'row_group_size' must be at least 1, "
                + "got 0")), sink.validate(config("row_group_size", 0L)));
        assertEquals(List.of(new ConfigProblem("path", "config key 'path' must not be empty")),
                sink.validate(Tables.config(sink.descriptor(), dir, "")));
        StageException e = assertThrows(StageException.class,
                () -> sink.open(config("row_group_size", -5L), context, List.of("in")));
        assertEquals("row_group_size", e.key());
        assertEquals("config key 'row_group_size' must be at least 1, got -5", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> config("compression", "lzo"),
                "the engine rejects values outside the declared ones before the stage sees them");
    }

    @Test
    void aTargetThatIsAFolderIsAnIoErrorOnPath() throws Exception {
        Files.createDirectories(dir.resolve("out/orders.parquet"));
        StageException e = assertThrows(StageException.class, () -> sink.open(config(), context, List.of("in")));
        assertEquals(ErrorCode.IO, e.code());
        assertEquals("path", e.key());
        assertEquals("cannot write out/orders.parquet: is a folder", e.getMessage());
    }
}
