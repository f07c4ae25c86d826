package io.conveyor.plugin.core.internal.csv;

import static io.conveyor.testing.Batches.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.api.stage.ErrorCode;
import io.conveyor.api.stage.StageException;
import io.conveyor.testing.BatchText;
import io.conveyor.testing.Batches;
import io.conveyor.testing.CollectingEmitter;
import io.conveyor.testing.Runs;
import io.conveyor.testing.TestConfig;
import io.conveyor.testing.TestContext;
import io.conveyor.testing.TestSchemaContext;

class CsvReadSourceTest {

    private static final Path EXAMPLES = Path.of("../../examples").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private final RootAllocator root = new RootAllocator();
    private final TestContext context = TestContext.of(root, "read");
    private final CsvReadSource source = new CsvReadSource();

    @AfterEach
    void noLeaks() {
        context.close();
        root.close();
    }

    private CollectingEmitter read(String csv, int batchSize, Object... config) throws Exception {
        Files.writeString(dir.resolve("in.csv"), csv);
        Map<String, Object> values = new HashMap<>();
        values.put("path", "in.csv");
        for (int i = 0; i < config.length; i += 2) {
            values.put((String) config[i], config[i + 1]);
        }
        return Runs.source(source, TestConfig.of(source.descriptor(), values, dir), context.withBatchSize(batchSize));
    }

    private StageException failure(String csv, Object... config) {
        return assertThrows(StageException.class, () -> read(csv, 8192, config).close());
    }

    @Test
    void readsTheQuickstartSalesWithInferredTypesAndNulls() throws Exception {
        try (CollectingEmitter out = Runs.source(source, TestConfig.of(source.descriptor(),
                        Map.of("path", "quickstart/data/sales.csv"), EXAMPLES), context)) {
            assertEquals(1, out.batches().size());
            assertEquals("id:int64, product:utf8, category:utf8, amount:float64, quantity:int64, in_stock:bool",
                    BatchText.schema(out.batches().get(0)));
            assertEquals(List.of(
                    "1|\"Laptop stand\"|\"office\"|45.5|3|true",
                    "2|\"Desk, standing\"|\"office\"|420.0|1|true",
                    "3|\"Monitor 27in\"|\"electronics\"|189.99|2|false",
                    "4|\"USB-C cable\"|\"electronics\"|12.0|10|true",
                    "5|\"Office chair\"|\"office\"|150.0|4|true",
                    "6|\"Noise-cancelling headphones\"|\"electronics\"|249.5|null|true",
                    "7|\"Notebook \"A5\"\"|\"stationery\"|3.25|50|null",
                    "8|\"Mechanical keyboard\"|\"electronics\"|149.99|5|true",
                    "9|\"Webcam\"|\"electronics\"|null|7|false",
                    "10|\"Whiteboard\"|\"office\"|310.0|1|true"), out.rows());
        }
    }

    @Test
    void quotedFieldsHoldDelimitersDoubledQuotesAndLineBreaks() throws Exception {
        try (CollectingEmitter out = read("name,note\n\"a,b\",\"say \"\"hi\"\"\"\n\"multi\nline\",x\n", 8192)) {
            assertEquals(List.of("\"a,b\"|\"say \"hi\"\"", "\"multi\nline\"|\"x\""), out.rows());
        }
    }

    @Test
    void delimiterAndQuoteAreReallyUsed() throws Exception {
        try (CollectingEmitter out = read("a;b\n'x;y';2\n", 8192, "delimiter", ";", "quote", "'")) {
            assertEquals("a:utf8, b:int64", BatchText.schema(out.batches().get(0)));
            assertEquals(List.of("\"x;y\"|2"), out.rows());
        }
    }

    @Test
    void withoutHeadersColumnsAreNumberedFromOne() throws Exception {
        try (CollectingEmitter out = read("1,TRUE,x\n2,false,y\n", 8192, "headers", false)) {
            assertEquals("column_1:int64, column_2:bool, column_3:utf8", BatchText.schema(out.batches().get(0)));
            assertEquals(List.of("1|true|\"x\"", "2|false|\"y\""), out.rows());
        }
    }

    @Test
    void streamsBatchesOfTheContextBatchSize() throws Exception {
        StringBuilder csv = new StringBuilder("n\n");
        for (int i = 1; i <= 10; i++) {
            csv.append(i).append('\n');
        }
        try (CollectingEmitter out = read(csv.toString(), 3)) {
            assertEquals(List.of(3, 3, 3, 1), out.batches().stream().map(b -> b.getRowCount()).toList());
            assertEquals(10, out.rowCount());
        }
    }

    @Test
    void integersAndFloatsWidenToFloatAndMixedTypesToText() throws Exception {
        try (CollectingEmitter out = read("a,b,c,d\n1,1,true,\n2.5,x,1,\n", 8192)) {
            assertEquals("a:float64, b:utf8, c:utf8, d:utf8", BatchText.schema(out.batches().get(0)));
            assertEquals(List.of("1.0|\"1\"|\"true\"|null", "2.5|\"x\"|\"1\"|null"), out.rows());
        }
    }

    @Test
    void aValueBeyondTheInferenceWindowThatDoesNotFitIsADataError() {
        StageException e = failure("id,amount\n1,10\n2,20\n3,12.5\n", "infer_schema_length", 2);
        assertEquals(ErrorCode.DATA, e.code());
        assertEquals("in.csv:4: column 'amount' holds \"12.5\", which is not int64 (the type inferred from the "
                + "first 2 rows; raise infer_schema_length to look further, or give the column a type in schema)",
                e.getMessage());
    }

    @Test
    void inferSchemaLengthLooksAsFarAsItIsTold() throws Exception {
        try (CollectingEmitter out = read("id,amount\n1,10\n2,20\n3,12.5\n", 8192, "infer_schema_length", 3)) {
            assertEquals("id:int64, amount:float64", BatchText.schema(out.batches().get(0)));
        }
        try (CollectingEmitter out = read("id,amount\n1,10\n", 8192, "infer_schema_length", 0)) {
            assertEquals("id:utf8, amount:utf8", BatchText.schema(out.batches().get(0)));
        }
    }

    @Test
    void nullValuesAreConfigurable() throws Exception {
        try (CollectingEmitter out = read("a,b\nNA,\n1,x\n", 8192, "null_values", List.of("NA"))) {
            assertEquals("a:int64, b:utf8", BatchText.schema(out.batches().get(0)));
            assertEquals(List.of("null|\"\"", "1|\"x\""), out.rows());
        }
    }

    @Test
    void shortRowsGetNullsAndLongRowsAreAnError() throws Exception {
        try (CollectingEmitter out = read("a,b,c\n1,2\n", 8192)) {
            assertEquals(List.of("1|2|null"), out.rows());
        }
        assertEquals("in.csv:3: found 4 fields, but the header has 3",
                failure("a,b,c\n1,2,3\n1,2,3,4\n").getMessage());
    }

    @Test
    void anEmptyFileProducesNothing() throws Exception {
        try (CollectingEmitter out = read("", 8192)) {
            assertEquals(0, out.batches().size());
        }
        try (CollectingEmitter out = read("", 8192, "headers", false)) {
            assertEquals(0, out.batches().size());
        }
    }

    @Test
    void aHeaderWithoutRowsGivesOneBatchWithoutRowsThatKeepsTheColumns() throws Exception {
        try (CollectingEmitter out = read("a,b\n", 8192)) {
            assertEquals(1, out.batches().size());
            assertEquals(0, out.batches().get(0).getRowCount());
            assertEquals("a:utf8, b:utf8", BatchText.schema(out.batches().get(0)));
        }
    }

    @Test
    void aFileOfWholeBatchesEndsWithoutAnEmptyBatch() throws Exception {
        try (CollectingEmitter out = read("n\n1\n2\n", 2)) {
            assertEquals(List.of(2), out.batches().stream().map(b -> b.getRowCount()).toList());
            assertEquals(0, out.droppedEmptyBatches());
        }
    }

    @Test
    void aQuotedEmptyFieldIsAnEmptyStringAndAnEmptyFieldIsNull() throws Exception {
        try (CollectingEmitter out = read("name,note\n\"\",\nx,\"\"\n", 8192)) {
            assertEquals("name:utf8, note:utf8", BatchText.schema(out.batches().get(0)));
            assertEquals(List.of("\"\"|null", "\"x\"|\"\""), out.rows());
        }
    }

    @Test
    void aQuotedEmptyFieldInATypedColumnIsNullAndDoesNotDecideTheType() throws Exception {
        try (CollectingEmitter out = read("n,ok\n1,\"\"\n\"\",true\n3,false\n", 8192)) {
            assertEquals("n:int64, ok:bool", BatchText.schema(out.batches().get(0)));
            assertEquals(List.of("1|null", "null|true", "3|false"), out.rows());
        }
    }

    @Test
    void whatCsvWriteWritesReadsBackWithEmptyStringsAndNullsApart() throws Exception {
        CsvWriteSink write = new CsvWriteSink();
        try (VectorSchemaRoot batch = Batches.of(root, "id:int64, name:utf8", row(1, ""), row(2, null),
                row(3, "x"))) {
            Runs.sink(write, TestConfig.of(write.descriptor(), Map.of("path", "in.csv"), dir), context, batch);
        }
        try (CollectingEmitter out = Runs.source(source, TestConfig.of(source.descriptor(), Map.of("path", "in.csv"),
                dir), context)) {
            assertEquals(List.of("1|\"\"", "2|null", "3|\"x\""), out.rows());
        }
    }

    @Test
    void emptyLinesOfAOneColumnFileAreRowsWithAnEmptyCell() throws Exception {
        try (CollectingEmitter out = read("n\n1\n\n3\n\n", 8192)) {
            assertEquals("n:int64", BatchText.schema(out.batches().get(0)));
            assertEquals(List.of("1", "null", "3", "null"), out.rows());
        }
        try (CollectingEmitter out = read("\nname\nx\n\n\"\"\n", 8192, "null_values", List.of("NA"))) {
            assertEquals(List.of("\"x\"", "\"\"", "\"\""), out.rows());
        }
        try (CollectingEmitter out = read("\n\nx\n\ny\n", 8192, "headers", false)) {
            assertEquals(List.of("\"x\"", "null", "\"y\""), out.rows());
        }
    }

    @Test
    void emptyLinesOfAWiderFileAreSkipped() throws Exception {
        try (CollectingEmitter out = read("\na,b\n1,2\n\n3,4\n\n", 8192)) {
            assertEquals(List.of("1|2", "3|4"), out.rows());
        }
    }

    @Test
    void aQuoteNeverClosedIsADataErrorAtTheLineWhereItOpens() {
        StageException e = failure("id,name\n1,\"ok\"\n2,\"oops\n3,c\n4,d\n5,e\n");
        assertEquals(ErrorCode.DATA, e.code());
        assertEquals("in.csv:3: unterminated quoted field (the '\"' opened on this line is never closed)",
                e.getMessage());
    }

    @Test
    void aQuoteNeverClosedIsFoundWhateverTheLineEndsDoubledQuotesAndQuoteCharacter() {
        assertEquals("in.csv:1: unterminated quoted field (the '\"' opened on this line is never closed)",
                failure("\"id,name\n1,x\n").getMessage());
        assertEquals("in.csv:4: unterminated quoted field (the '\"' opened on this line is never closed)",
                failure("a\r\n1\r2\n\"x\"\"\n").getMessage());
        assertEquals("in.csv:2: unterminated quoted field (the ''' opened on this line is never closed)",
                failure("a;b\n1;'x;y\n", "delimiter", ";", "quote", "'").getMessage());
    }

    @Test
    void quotesClosedAtTheEndOfTheFileOrInsideUnquotedFieldsAreNoError() throws Exception {
        try (CollectingEmitter out = read("a,b\n1,\"x\"\"\"", 8192)) {
            assertEquals(List.of("1|\"x\"\""), out.rows());
        }
        try (CollectingEmitter out = read("a,b\n1,x\"y\n2,\"\"\n", 8192)) {
            assertEquals(List.of("1|\"x\"y\"", "2|\"\""), out.rows());
        }
    }

    @Test
    void aByteOrderMarkIsDroppedAndNamesTheEncoding() throws Exception {
        Files.write(dir.resolve("in.csv"), new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'i', 'd', '\n', '1',
            '\n'});
        try (CollectingEmitter out = Runs.source(source, TestConfig.of(source.descriptor(), Map.of("path", "in.csv"),
                dir), context)) {
            assertEquals("id:int64", BatchText.schema(out.batches().get(0)));
        }
        Files.write(dir.resolve("in.csv"), "\uFEFFn\n\"ü\"\n".getBytes(StandardCharsets.UTF_16LE));
        try (CollectingEmitter out = Runs.source(source, TestConfig.of(source.descriptor(), Map.of("path", "in.csv"),
                dir), context)) {
            assertEquals("n:utf8", BatchText.schema(out.batches().get(0)));
            assertEquals(List.of("\"ü\""), out.rows());
        }
    }

    @Test
    void aRecordOfMoreThan16384FieldsIsADataError() {
        StageException e = failure("a\n" + ",".repeat(16_384) + "\n");
        assertEquals(ErrorCode.DATA, e.code());
        assertEquals("in.csv:2: found more than 16384 fields, the most a record may have", e.getMessage());
    }

    @Test
    void duplicateHeaderNamesAreAnError() {
        assertEquals("in.csv:1: column name 'a' appears twice in the header", failure("a,b,a\n1,2,3\n").getMessage());
    }

    @Test
    void aMissingFileIsAnIoErrorOnThePathKey() {
        StageException e = assertThrows(StageException.class, () -> source.open(
                TestConfig.of(source.descriptor(), Map.of("path", "missing.csv"), dir), context));
        assertEquals(ErrorCode.IO, e.code());
        assertEquals("cannot read missing.csv: no such file", e.getMessage());
        assertEquals("path", e.key());
    }

    @Test
    void aFolderOrAFileInThePlaceOfAFolderIsAnIoErrorSaidInWords() throws Exception {
        Files.createDirectories(dir.resolve("folder"));
        Files.writeString(dir.resolve("data.csv"), "a\n");
        StageException e = assertThrows(StageException.class, () -> source.open(
                TestConfig.of(source.descriptor(), Map.of("path", "folder"), dir), context));
        assertEquals("cannot read folder: is a folder", e.getMessage());
        e = assertThrows(StageException.class, () -> source.open(
                TestConfig.of(source.descriptor(), Map.of("path", "data.csv/part.csv"), dir), context));
        assertEquals(ErrorCode.IO, e.code());
        assertEquals("path", e.key());
        assertEquals("cannot read data.csv/part.csv: data.csv is not a folder", e.getMessage());
    }

    @Test
    void anEmptyPathIsAConfigProblemOfThePathKey() {
        TestConfig empty = TestConfig.of(source.descriptor(), Map.of("path", ""), dir);
        assertEquals(List.of(new ConfigProblem("path", "config key 'path' must not be empty")),
                source.validate(empty));
        StageException e = assertThrows(StageException.class, () -> source.open(empty, context));
        assertEquals(ErrorCode.CONFIG, e.code());
        assertEquals("config key 'path' must not be empty", e.getMessage());
    }

    @Test
    void badDelimiterQuoteAndInferLengthAreConfigProblemsNamingTheKey() {
        assertEquals(List.of(
                new ConfigProblem("delimiter", "config key 'delimiter' must be exactly one character, got string \";;\""),
                new ConfigProblem("quote", "config key 'quote' must be exactly one character, got string \"\""),
                new ConfigProblem("infer_schema_length", "config key 'infer_schema_length' must be 0 or more, got -1"),
                new ConfigProblem("null_values", "config key 'null_values' must hold strings, got integer 0")),
                source.validate(TestConfig.of(source.descriptor(), Map.of("path", "x.csv", "delimiter", ";;",
                        "quote", "", "infer_schema_length", -1, "null_values", List.of(0)))));
        assertEquals(List.of(new ConfigProblem("quote", "config key 'quote' must differ from 'delimiter', both are \";\"")),
                source.validate(TestConfig.of(source.descriptor(), Map.of("path", "x.csv", "delimiter", ";",
                        "quote", ";"))));
    }

    @Test
    void openRejectsABadDelimiterWithTheSameMessage() {
        StageException e = assertThrows(StageException.class, () -> source.open(
                TestConfig.of(source.descriptor(), Map.of("path", "x.csv", "delimiter", "ab"), dir), context));
        assertEquals(ErrorCode.CONFIG, e.code());
        assertEquals("delimiter", e.key());
        assertEquals("config key 'delimiter' must be exactly one character, got string \"ab\"", e.getMessage());
    }
    @Test
    void schemaGivesTypesByNameAndInferenceTypesTheOtherColumns() throws Exception {
        try (CollectingEmitter out = read("id,zip,day,at,ok\n1,01234,2024-01-02,2024-01-02 03:04:05.5,true\n"
                + "2,,1999-12-31,2024-01-02T00:00:00,false\n", 8192, "schema",
                Map.of("id", "float", "zip", "String", "day", "date", "at", "timestamp"))) {
            assertEquals("id:float64, zip:utf8, day:Date(DAY), at:Timestamp(MICROSECOND, null), ok:bool",
                    BatchText.schema(out.batches().get(0)));
            assertEquals(List.of("1.0|\"01234\"|19724|2024-01-02T03:04:05.500|true",
                    "2.0|null|10956|2024-01-02T00:00|false"), out.rows());
        }
    }

    @Test
    void aValueThatDoesNotFitItsSchemaTypeIsADataErrorSayingWhereTheTypeComesFrom() {
        StageException e = failure("id,day\n1,2024-01-01\n2,tomorrow\n", "schema", Map.of("day", "date"));
        assertEquals(ErrorCode.DATA, e.code());
        assertEquals("in.csv:3: column 'day' holds \"tomorrow\", which is not date (the type schema gives it)",
                e.getMessage());
    }

    @Test
    void schemaAndColumnsNamingColumnsTheFileLacksAreConfigErrors() {
        StageException e = failure("a,b\n1,2\n", "schema", Map.of("c", "int"));
        assertEquals(ErrorCode.CONFIG, e.code());
        assertEquals("schema", e.key());
        assertEquals("config key 'schema' names column 'c', which in.csv does not have; its columns are a, b",
                e.getMessage());
        e = failure("a,b\n1,2\n", "columns", List.of("b", "x", "y"));
        assertEquals("columns", e.key());
        assertEquals("config key 'columns' names 'x', 'y', which in.csv does not have; its columns are a, b",
                e.getMessage());
    }

    @Test
    void badSchemaAndColumnsValuesAreConfigProblemsNamingTheKey() {
        assertEquals(List.of(
                new ConfigProblem("schema", "config key 'schema' gives column 'a' string \"number\", which is not a "
                        + "type; the types are string, int, float, bool, date, timestamp"),
                new ConfigProblem("columns", "config key 'columns' names 'a' twice")),
                source.validate(TestConfig.of(source.descriptor(), Map.of("path", "x.csv",
                        "schema", Map.of("a", "number"), "columns", List.of("a", "b", "a")))));
        assertEquals(List.of(
                new ConfigProblem("schema", "config key 'schema' gives column 'a' integer 3, which is not a type; "
                        + "the types are string, int, float, bool, date, timestamp"),
                new ConfigProblem("columns", "config key 'columns' must name at least one column")),
                source.validate(TestConfig.of(source.descriptor(), Map.of("path", "x.csv",
                        "schema", Map.of("a", 3L), "columns", List.of()))));
    }

    @Test
    void columnsReadsOnlyTheColumnsItNamesInItsOrder() throws Exception {
        try (CollectingEmitter out = read("a,b,c\n1,x,2.5\n3,\"y,z\",\n", 8192, "columns", List.of("c", "a"))) {
            assertEquals("c:float64, a:int64", BatchText.schema(out.batches().get(0)));
            assertEquals(List.of("2.5|1", "null|3"), out.rows());
        }
        try (CollectingEmitter out = read("1,x\n2,y\n", 8192, "headers", false, "columns", "column_2")) {
            assertEquals(List.of("\"x\"", "\"y\""), out.rows());
        }
    }

    @Test
    void columnsStillChecksTheWidthOfEveryRow() {
        assertEquals("in.csv:3: found 3 fields, but the header has 2",
                failure("a,b\n1,2\n3,4,5\n", "columns", List.of("a")).getMessage());
    }

    @Test
    void parseDatesInfersDatesAndTimestampsAndLeavesOtherTextAlone() throws Exception {
        String csv = "d,t,mixed,bad\n2024-01-31,2024-01-31 10:00:00,2024-01-31,2024-02-30\n"
                + "2024-02-29,2024-01-31T10:00:00.25,2024-02-01 00:00:01,2024-03-01\n";
        try (CollectingEmitter out = read(csv, 8192, "parse_dates", true)) {
            assertEquals("d:Date(DAY), t:Timestamp(MICROSECOND, null), mixed:Timestamp(MICROSECOND, null), bad:utf8",
                    BatchText.schema(out.batches().get(0)));
            assertEquals(List.of("19753|2024-01-31T10:00|2024-01-31T00:00|\"2024-02-30\"",
                    "19782|2024-01-31T10:00:00.250|2024-02-01T00:00:01|\"2024-03-01\""), out.rows());
        }
        try (CollectingEmitter out = read(csv, 8192)) {
            assertEquals("d:utf8, t:utf8, mixed:utf8, bad:utf8", BatchText.schema(out.batches().get(0)));
        }
    }

    @Test
    void quotedNullTextsAreNullButAQuotedEmptyFieldIsNot() throws Exception {
        try (CollectingEmitter out = read("a,b\n\"NA\",\"\"\nx,NA\n", 8192, "null_values", List.of("", "NA"))) {
            assertEquals(List.of("null|\"\"", "\"x\"|null"), out.rows());
        }
    }

    @Test
    void theOutputSchemaIsReadFromTheHeadOfTheFile() throws Exception {
        Files.writeString(dir.resolve("in.csv"), "id,name,when\n1,a,2024-01-01\n");
        TestSchemaContext context = TestSchemaContext.none();
        assertEquals("Schema<id: Int(64, true), name: Utf8, when: Date(DAY)>", source.outputSchema(
                TestConfig.of(source.descriptor(), Map.of("path", "in.csv", "parse_dates", true), dir), context)
                .orElseThrow().toString());
        assertEquals("Schema<when: Utf8, id: Int(64, true)>", source.outputSchema(TestConfig.of(source.descriptor(),
                Map.of("path", "in.csv", "columns", List.of("when", "id")), dir), context).orElseThrow().toString());
        assertEquals(List.of(), context.problems());
    }

    @Test
    void theOutputSchemaOfAMissingOrEmptyFileIsUnknownAndNoProblem() throws Exception {
        TestSchemaContext context = TestSchemaContext.none();
        assertEquals(Optional.empty(), source.outputSchema(
                TestConfig.of(source.descriptor(), Map.of("path", "missing.csv"), dir), context));
        Files.writeString(dir.resolve("empty.csv"), "");
        assertEquals(Optional.empty(), source.outputSchema(
                TestConfig.of(source.descriptor(), Map.of("path", "empty.csv"), dir), context));
        assertEquals(List.of(), context.problems());
    }

    @Test
    void theOutputSchemaReportsColumnsTheFileLacks() throws Exception {
        Files.writeString(dir.resolve("in.csv"), "id,name\n1,a\n");
        TestSchemaContext context = TestSchemaContext.none();
        assertEquals(Optional.empty(), source.outputSchema(TestConfig.of(source.descriptor(),
                Map.of("path", "in.csv", "columns", List.of("id", "price")), dir), context));
        assertEquals(List.of(new ConfigProblem("columns",
                "config key 'columns' names 'price', which in.csv does not have; its columns are id, name")),
                context.problems());
    }

    @Test
    void textIsUtf8AndMalformedBytesReadAsReplacementCharacters() throws Exception {
        byte[] csv = {'n', ',', 't', '\n', '1', ',', (byte) 0xC3, (byte) 0xA9, 't', (byte) 0xC3, (byte) 0xA9, '\n',
            '2', ',', 'a', (byte) 0xFF, 'b', '\n', '3', ',', '"', (byte) 0xE2, (byte) 0x82, '"', '\n'};
        Files.write(dir.resolve("in.csv"), csv);
        try (CollectingEmitter out = Runs.source(source, TestConfig.of(source.descriptor(), Map.of("path", "in.csv"),
                dir), context)) {
            assertEquals(List.of("1|\"\u00e9t\u00e9\"", "2|\"a\ufffdb\"", "3|\"\ufffd\""), out.rows());
        }
    }

    @Test
    void aFileOfManyColumnsComesInBatchesOfFewerRows() throws Exception {
        int columns = 2048;
        StringBuilder csv = new StringBuilder();
        for (int c = 0; c < columns; c++) {
            csv.append(c == 0 ? "" : ",").append("c").append(c);
        }
        csv.append('\n');
        for (int r = 0; r < 1200; r++) {
            for (int c = 0; c < columns; c++) {
                csv.append(c == 0 ? "" : ",").append(r);
            }
            csv.append('\n');
        }
        try (CollectingEmitter out = read(csv.toString(), 8192)) {
            // 2^20 cells a batch at most: 512 rows of 2048 columns
            assertEquals(512, out.batches().stream().mapToInt(b -> b.getRowCount()).max().orElseThrow());
            assertEquals(1200, out.rowCount());
            VectorSchemaRoot last = out.batches().get(out.batches().size() - 1);
            assertEquals("1199", BatchText.row(last, last.getRowCount() - 1).split("\\|")[2047]);
        }
    }
}
