package io.conveyor.plugin.core.internal.csv;

import static io.conveyor.testing.Batches.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.TimeStampNanoVector;
import org.apache.arrow.vector.TimeStampSecVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.api.stage.ErrorCode;
import io.conveyor.api.stage.SinkTask;
import io.conveyor.api.stage.StageException;
import io.conveyor.testing.BatchText;
import io.conveyor.testing.Batches;
import io.conveyor.testing.CollectingEmitter;
import io.conveyor.testing.Runs;
import io.conveyor.testing.TestConfig;
import io.conveyor.testing.TestContext;

class CsvWriteSinkTest {

    @TempDir
    Path dir;

    private final RootAllocator root = new RootAllocator();
    private final TestContext context = TestContext.of(root, "write");
    private final CsvWriteSink sink = new CsvWriteSink();

    @AfterEach
    void noLeaks() {
        context.close();
        root.close();
    }

    private TestConfig config(Object... keyValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("path", "out/result.csv");
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put((String) keyValues[i], keyValues[i + 1]);
        }
        return TestConfig.of(sink.descriptor(), values, dir);
    }

    private String output() throws IOException {
        return Files.readString(dir.resolve("out/result.csv"));
    }

    private List<Path> filesUnder(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void writesAHeaderAndQuotesOnlyWhatNeedsQuoting() throws Exception {
        try (VectorSchemaRoot batch = Batches.of(root, "id:int64, name:utf8, price:float64, ok:bool",
                row(1, "Desk, standing", 420.0, true),
                row(2, "Notebook \"A5\"", 3.25, null),
                row(3, "two\nlines", 1.0E7, false),
                row(4, "", null, true),
                row(null, null, 45.5, false))) {
            Runs.sink(sink, config(), context, batch);
        }
        assertEquals("""
                id,name,price,ok
                1,"Desk, standing",420.0,true
                2,"Notebook ""A5\""",3.25,
                3,"two
                lines",10000000.0,false
                4,"",,true
                ,,45.5,false
                """, output());
    }

    @Test
    void datesAndTimestampsAreWrittenAsIsoText() throws Exception {
        Schema schema = new Schema(List.of(
                Field.nullable("day", new ArrowType.Date(DateUnit.DAY)),
                Field.nullable("day_ms", new ArrowType.Date(DateUnit.MILLISECOND)),
                Field.nullable("at", new ArrowType.Timestamp(TimeUnit.MICROSECOND, null)),
                Field.nullable("at_s", new ArrowType.Timestamp(TimeUnit.SECOND, null)),
                Field.nullable("at_ms", new ArrowType.Timestamp(TimeUnit.MILLISECOND, null)),
                Field.nullable("at_ns", new ArrowType.Timestamp(TimeUnit.NANOSECOND, null))));
        try (VectorSchemaRoot batch = VectorSchemaRoot.create(schema, root)) {
            batch.allocateNew();
            ((DateDayVector) batch.getVector(0)).set(0, 19_724);
            ((DateMilliVector) batch.getVector(1)).set(0, -86_400_000L);
            ((TimeStampMicroVector) batch.getVector(2)).set(0, 1_704_067_202_500_000L);
            ((TimeStampSecVector) batch.getVector(3)).set(0, 1_704_067_202L);
            ((TimeStampMilliVector) batch.getVector(4)).set(0, 1_704_067_202_001L);
            ((TimeStampNanoVector) batch.getVector(5)).set(0, 1_704_067_202_000_000_007L);
            ((TimeStampMicroVector) batch.getVector(2)).set(1, -1L);
            batch.setRowCount(2);
            Runs.sink(sink, config(), context, batch);
        }
        assertEquals("day,day_ms,at,at_s,at_ms,at_ns\n"
                + "2024-01-02,1969-12-31,2024-01-01 00:00:02.500000,2024-01-01 00:00:02,2024-01-01 00:00:02.001000,"
                + "2024-01-01 00:00:02.000000007\n"
                + ",,1969-12-31 23:59:59.999999,,,\n", output());
    }

    @Test
    void whatItWritesReadsBackWithTheSameValuesAndTypes() throws Exception {
        Files.createDirectories(dir.resolve("out"));
        Files.writeString(dir.resolve("out/in.csv"), "id,price,when,day,note\n"
                + "1,0.1,2024-01-01 10:00:00.25,2024-01-31,\"a\r\nb\"\n"
                + "2,-12345.678,1999-12-31 23:59:59,2000-02-29,\"x,\"\"y\"\"\"\n"
                + "3,,,,\n");
        CsvReadSource read = new CsvReadSource();
        try (CollectingEmitter first = Runs.source(read, TestConfig.of(read.descriptor(),
                Map.of("path", "out/in.csv", "parse_dates", true), dir), context)) {
            Runs.sink(sink, config(), context, first.batches().toArray(new VectorSchemaRoot[0]));
            try (CollectingEmitter again = Runs.source(read, TestConfig.of(read.descriptor(),
                    Map.of("path", "out/result.csv", "parse_dates", true), dir), context)) {
                assertEquals("id:int64, price:float64, when:Timestamp(MICROSECOND, null), day:Date(DAY), note:utf8",
                        BatchText.schema(again.batches().get(0)));
                assertEquals(first.rows(), again.rows());
            }
        }
        assertEquals("id,price,when,day,note\n1,0.1,2024-01-01 10:00:00.250000,2024-01-31,\"a\r\nb\"\n"
                + "2,-12345.678,1999-12-31 23:59:59,2000-02-29,\"x,\"\"y\"\"\"\n3,,,,\n", output());
    }

    @Test
    void aDelimiterOutsideAsciiSeparatesAndQuotesLikeAnyOther() throws Exception {
        try (VectorSchemaRoot batch = Batches.of(root, "a:utf8, b:utf8", row("x\u00a7y", "\u00e9t\u00e9"),
                row("\u00a9", "\r"))) {
            Runs.sink(sink, config("delimiter", "\u00a7"), context, batch);
        }
        assertEquals("a\u00a7b\n\"x\u00a7y\"\u00a7\u00e9t\u00e9\n\u00a9\u00a7\"\r\"\n", output());
        CsvReadSource read = new CsvReadSource();
        try (CollectingEmitter again = Runs.source(read, TestConfig.of(read.descriptor(),
                Map.of("path", "out/result.csv", "delimiter", "\u00a7"), dir), context)) {
            assertEquals(List.of("\"x\u00a7y\"|\"\u00e9t\u00e9\"", "\"\u00a9\"|\"\r\""), again.rows());
        }
    }

    @Test
    void manyRowsComeOutWhole() throws Exception {
        StringBuilder expected = new StringBuilder("n,text\n");
        Object[][] rows = new Object[20_000][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = row(i, "row " + i);
            expected.append(i).append(",row ").append(i).append('\n');
        }
        try (VectorSchemaRoot batch = Batches.of(root, "n:int64, text:utf8", rows)) {
            Runs.sink(sink, config(), context, batch);
        }
        assertEquals(expected.toString(), output());
    }

    @Test
    void delimiterAndHeadersAreHonoured() throws Exception {
        try (VectorSchemaRoot batch = Batches.of(root, "a:utf8, b:int64", row("x;y", 1), row("x,y", 2))) {
            Runs.sink(sink, config("delimiter", ";", "headers", false), context, batch);
        }
        assertEquals("\"x;y\";1\nx,y;2\n", output());
    }

    @Test
    void severalInputsAreWrittenOneAfterTheOtherInPipelineOrder() throws Exception {
        try (VectorSchemaRoot a1 = Batches.of(root, "id:int64", row(1), row(2));
                VectorSchemaRoot a2 = Batches.of(root, "id:int64", row(3));
                VectorSchemaRoot b1 = Batches.of(root, "id:int64", row(10))) {
            Map<String, List<VectorSchemaRoot>> inputs = new LinkedHashMap<>();
            inputs.put("second", List.of(b1));
            inputs.put("first", List.of(a1, a2));
            Runs.sink(sink, config(), context, inputs);
        }
        assertEquals("id\n10\n1\n2\n3\n", output());
    }

    @Test
    void inputsWithOtherColumnsAreADataErrorAndLeaveNoFile() throws Exception {
        try (VectorSchemaRoot a = Batches.of(root, "id:int64", row(1));
                VectorSchemaRoot b = Batches.of(root, "key:int64", row(2))) {
            Map<String, List<VectorSchemaRoot>> inputs = new LinkedHashMap<>();
            inputs.put("a", List.of(a));
            inputs.put("b", List.of(b));
            StageException e = assertThrows(StageException.class, () -> Runs.sink(sink, config(), context, inputs));
            assertEquals(ErrorCode.DATA, e.code());
            assertEquals("input 'b' has columns (key), but the CSV output's are (id)", e.getMessage());
        }
        assertEquals(List.of(), filesUnder(dir));
    }

    private Map<String, List<VectorSchemaRoot>> inputs(Object... namesAndBatches) {
        Map<String, List<VectorSchemaRoot>> inputs = new LinkedHashMap<>();
        for (int i = 0; i < namesAndBatches.length; i += 2) {
            inputs.put((String) namesAndBatches[i], List.of((VectorSchemaRoot[]) namesAndBatches[i + 1]));
        }
        return inputs;
    }

    private static VectorSchemaRoot[] none() {
        return new VectorSchemaRoot[0];
    }

    @Test
    void everyInputIsAcceptedWhileTheFirstIsStillOpen() throws Exception {
        try (SinkTask task = sink.open(config(), context, List.of("a", "b"))) {
            assertTrue(task.accepts("a"));
            assertTrue(task.accepts("b"));
            task.abort();
        }
    }

    @Test
    void laterInputsWaitInHiddenPartFilesBesideTheTargetUntilCommit() throws Exception {
        SinkTask task = sink.open(config(), context, List.of("a", "b"));
        try (VectorSchemaRoot b = Batches.of(root, "id:int64", row(10));
                VectorSchemaRoot a = Batches.of(root, "id:int64", row(1))) {
            Runs.write(task, "b", b);
            Runs.write(task, "a", a);
        }
        List<String> pending = filesUnder(dir).stream().map(p -> p.getFileName().toString())
                .map(name -> name.replaceAll("^\\.result\\.csv\\.[0-9a-z]+\\.", ".result.csv.<random>."))
                .sorted().toList();
        assertEquals(List.of(".result.csv.<random>.part", ".result.csv.<random>.tmp"), pending);
        task.endOfInput("a");
        task.endOfInput("b");
        task.commit();
        task.close();
        assertEquals("id\n1\n10\n", output());
        assertEquals(List.of(dir.resolve("out/result.csv")), filesUnder(dir));
    }

    @Test
    void abortDeletesThePartFilesToo() throws Exception {
        SinkTask task = sink.open(config(), context, List.of("a", "b"));
        try (VectorSchemaRoot b = Batches.of(root, "id:int64", row(10))) {
            Runs.write(task, "b", b);
        }
        task.abort();
        task.close();
        assertEquals(List.of(), filesUnder(dir));
    }

    @Test
    void theHeaderComesFromTheFirstInputWithABatch() throws Exception {
        try (VectorSchemaRoot b = Batches.of(root, "id:int64", row(10), row(11));
                VectorSchemaRoot c = Batches.of(root, "id:int64", row(20))) {
            Runs.sink(sink, config(), context, inputs("a", none(), "b", new VectorSchemaRoot[] {b},
                    "c", new VectorSchemaRoot[] {c}));
        }
        assertEquals("id\n10\n11\n20\n", output());
    }

    @Test
    void theOutputsColumnsAreTheFirstInputsEvenWhenALaterInputComesFirst() throws Exception {
        SinkTask task = sink.open(config(), context, List.of("a", "b"));
        try (VectorSchemaRoot b = Batches.of(root, "key:int64", row(10));
                VectorSchemaRoot a = Batches.of(root, "id:int64", row(1))) {
            Runs.write(task, "b", b);
            StageException e = assertThrows(StageException.class, () -> Runs.write(task, "a", a));
            assertEquals(ErrorCode.DATA, e.code());
            assertEquals("input 'b' has columns (key), but the CSV output's are (id)", e.getMessage());
        } finally {
            task.abort();
            task.close();
        }
        assertEquals(List.of(), filesUnder(dir));
    }

    @Test
    void columnsAreCheckedAgainstALaterInputOnceTheEarlierOnesEndedEmpty() throws Exception {
        SinkTask task = sink.open(config(), context, List.of("a", "b", "c"));
        try (VectorSchemaRoot c = Batches.of(root, "key:int64", row(20));
                VectorSchemaRoot b = Batches.of(root, "id:int64", row(10))) {
            Runs.write(task, "c", c);
            Runs.write(task, "b", b);
            StageException e = assertThrows(StageException.class, () -> task.endOfInput("a"));
            assertEquals("input 'c' has columns (key), but the CSV output's are (id)", e.getMessage());
        } finally {
            task.abort();
            task.close();
        }
    }

    @Test
    void aBatchWithOtherColumnsThanEarlierOnesOfItsInputIsReportedToo() throws Exception {
        try (VectorSchemaRoot a = Batches.of(root, "id:int64", row(1));
                VectorSchemaRoot b1 = Batches.of(root, "id:int64", row(2));
                VectorSchemaRoot b2 = Batches.of(root, "id:int64, extra:utf8", row(3, "x"))) {
            StageException e = assertThrows(StageException.class, () -> Runs.sink(sink, config(), context,
                    inputs("a", new VectorSchemaRoot[] {a}, "b", new VectorSchemaRoot[] {b1, b2})));
            assertEquals("input 'b' has columns (id, extra), but the CSV output's are (id)", e.getMessage());
        }
        assertEquals(List.of(), filesUnder(dir));
    }

    @Test
    void nothingIsVisibleBeforeCommitAndAbortLeavesNothingBehind() throws Exception {
        SinkTask task = sink.open(config("path", "new/folder/result.csv"), context, List.of("in"));
        try (VectorSchemaRoot batch = Batches.of(root, "id:int64", row(1))) {
            Runs.write(task, "in", batch);
        }
        assertFalse(Files.exists(dir.resolve("new/folder/result.csv")));
        task.abort();
        task.close();
        assertFalse(Files.exists(dir.resolve("new")));
    }

    @Test
    void commitReplacesAnExistingFileAndLeavesNoTemporaryFile() throws Exception {
        Files.createDirectories(dir.resolve("out"));
        Files.writeString(dir.resolve("out/result.csv"), "old content\n");
        try (VectorSchemaRoot batch = Batches.of(root, "id:int64", row(7))) {
            Runs.sink(sink, config(), context, batch);
        }
        assertEquals("id\n7\n", output());
        assertEquals(List.of(dir.resolve("out/result.csv")), filesUnder(dir));
    }

    @Test
    void noBatchAtAllGivesAnEmptyFile() throws Exception {
        Runs.sink(sink, config(), context);
        assertEquals("", output());
    }

    @Test
    void anEmptyResultGivesJustTheHeader() throws Exception {
        try (VectorSchemaRoot empty = Batches.of(root, "id:int64, name:utf8")) {
            Runs.sink(sink, config(), context, empty);
            assertEquals("id,name\n", output());
            Runs.sink(sink, config("headers", false), context, empty);
            assertEquals("", output());
        }
    }

    @Test
    void anEmptyResultOfALaterInputStillGivesTheHeader() throws Exception {
        try (VectorSchemaRoot empty = Batches.of(root, "id:int64, name:utf8")) {
            Runs.sink(sink, config(), context, inputs("a", none(), "b", new VectorSchemaRoot[] {empty}));
        }
        assertEquals("id,name\n", output());
    }

    @Test
    void aFolderAsTargetIsAnIoError() throws Exception {
        Files.createDirectories(dir.resolve("out/result.csv"));
        StageException e = assertThrows(StageException.class, () -> sink.open(config(), context, List.of("in")));
        assertEquals(ErrorCode.IO, e.code());
        assertEquals("cannot write out/result.csv: is a folder", e.getMessage());
    }

    @Test
    void anEmptyPathIsAConfigProblemOfThePathKey() {
        TestConfig empty = TestConfig.of(sink.descriptor(), Map.of("path", ""), dir);
        assertEquals(List.of(new ConfigProblem("path", "config key 'path' must not be empty")), sink.validate(empty));
        StageException e = assertThrows(StageException.class, () -> sink.open(empty, context, List.of("in")));
        assertEquals(ErrorCode.CONFIG, e.code());
        assertEquals("path", e.key());
        assertEquals("config key 'path' must not be empty", e.getMessage());
    }

    @Test
    void aLongDelimiterIsAConfigProblem() {
        assertEquals(List.of(new ConfigProblem("delimiter",
                "config key 'delimiter' must be exactly one character, got string \"||\"")),
                sink.validate(config("delimiter", "||")));
    }
}
