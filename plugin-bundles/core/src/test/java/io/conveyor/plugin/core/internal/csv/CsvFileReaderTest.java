package io.conveyor.plugin.core.internal.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.conveyor.api.stage.ErrorCode;
import io.conveyor.api.stage.StageException;
import io.conveyor.testing.BatchText;
import io.conveyor.testing.CollectingEmitter;
import io.conveyor.testing.TestConfig;
import io.conveyor.testing.TestContext;

/**
 * The parallel file reader with tiny ranges, so that range boundaries fall on every byte: inside
 * quoted fields holding line breaks and delimiters, between {@code \r} and {@code \n}, inside
 * doubled quotes, on empty lines. Whatever the range size and thread count, the rows are those of
 * one sequential read.
 */
class CsvFileReaderTest {

    /**
     * Quoted fields that hold line breaks followed by text that looks like records, CRLF and lone
     * CR line ends, doubled quotes at every position, an empty line, a last line without an end.
     */
    private static final String TRICKY = "id,name,note\r\n"
            + "1,\"multi\nline\",plain\r\n"
            + "2,\"looks\n3,like,a record\n4,\"\"and\"\" more\",x\n"
            + "\n"
            + "5,\"a,b\",\"\"\"quoted\"\"\"\r"
            + "6,,\"\"\n"
            + "7,\"\r\n\r\n\",\"ends\"\r\n"
            + "8,last,\"no line end\"";

    private static final List<String> TRICKY_ROWS = List.of(
            "1|\"multi\nline\"|\"plain\"",
            "2|\"looks\n3,like,a record\n4,\"and\" more\"|\"x\"",
            "5|\"a,b\"|\"\"quoted\"\"",
            "6|null|\"\"",
            "7|\"\r\n\r\n\"|\"ends\"",
            "8|\"last\"|\"no line end\"");

    @TempDir
    Path dir;

    private final RootAllocator root = new RootAllocator();

    @AfterEach
    void noLeaks() {
        root.close();
    }

    private Path write(String csv) throws Exception {
        Path file = dir.resolve("in.csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        return file;
    }

    private CsvReadOptions options(Object... config) throws StageException {
        Map<String, Object> values = new HashMap<>();
        values.put("path", "in.csv");
        for (int i = 0; i < config.length; i += 2) {
            values.put((String) config[i], config[i + 1]);
        }
        return CsvReadOptions.forFile(TestConfig.of(CsvReadSource.DESCRIPTOR, values, dir));
    }

    /** Reads the file with ranges of {@code chunkSize} bytes; the caller closes the result. */
    private CollectingEmitter read(Path file, int chunkSize, int threads, int batchSize, TestContext context,
            CsvReadOptions options) throws Exception {
        CollectingEmitter out = new CollectingEmitter();
        try (CsvFileReader reader = new CsvFileReader(FileChannel.open(file, StandardOpenOption.READ), "in.csv",
                options, context.withParallelism(threads).withBatchSize(batchSize), chunkSize)) {
            while (reader.produce(out)) {
                // to the end
            }
        } catch (Exception e) {
            out.close();
            throw e;
        }
        return out;
    }

    @Test
    void everyRangeSizeAndThreadCountGivesTheRowsOfOneSequentialRead() throws Exception {
        Path file = write(TRICKY);
        for (int threads = 1; threads <= 3; threads++) {
            for (int chunkSize = 1; chunkSize <= TRICKY.length() + 1; chunkSize++) {
                try (TestContext context = TestContext.of(root, "read");
                        CollectingEmitter out = read(file, chunkSize, threads, 2, context, options())) {
                    String where = "range size " + chunkSize + ", threads " + threads;
                    assertEquals("id:int64, name:utf8, note:utf8", BatchText.schema(out.batches().get(0)), where);
                    assertEquals(TRICKY_ROWS, out.rows(), where);
                    assertTrue(out.batches().stream().allMatch(b -> b.getRowCount() <= 2), where);
                }
            }
        }
    }

    @Test
    void aQuoteOtherThanTheDoubleQuoteSpansRangesToo() throws Exception {
        String csv = "a;b\n'x\n;y';1\n'';2\n'it''s';3\n";
        Path file = write(csv);
        for (int chunkSize = 1; chunkSize <= csv.length(); chunkSize++) {
            try (TestContext context = TestContext.of(root, "read");
                    CollectingEmitter out = read(file, chunkSize, 2, 8192, context,
                            options("delimiter", ";", "quote", "'"))) {
                assertEquals(List.of("\"x\n;y\"|1", "\"\"|2", "\"it's\"|3"), out.rows(), "range size " + chunkSize);
            }
        }
    }

    @Test
    void aDelimiterAndAQuoteOutsideAsciiSpanRangesToo() throws Exception {
        // the section sign (C2 A7) and the currency sign (C2 A4) share their first byte with the
        // feminine ordinal (C2 AA) in the data
        String csv = "a\u00a7b\u00a7c\n1\u00a7\u00aa\u00a7\u00a4x\u00a7\ny\u00a4\u00a4z\u00a4\n"
                + "2\u00a7caf\u00e9\u00aa\u00a7\u00a4\u00a4\n3\u00a7\u00a4\u00aa\u00a4\u00a7last";
        Path file = write(csv);
        int bytes = csv.getBytes(StandardCharsets.UTF_8).length;
        for (int chunkSize = 1; chunkSize <= bytes; chunkSize++) {
            try (TestContext context = TestContext.of(root, "read");
                    CollectingEmitter out = read(file, chunkSize, 2, 8192, context,
                            options("delimiter", "\u00a7", "quote", "\u00a4"))) {
                assertEquals("a:int64, b:utf8, c:utf8", BatchText.schema(out.batches().get(0)));
                assertEquals(List.of("1|\"\u00aa\"|\"x\u00a7\ny\u00a4z\"", "2|\"caf\u00e9\u00aa\"|\"\"",
                        "3|\"\u00aa\"|\"last\""), out.rows(), "range size " + chunkSize);
            }
        }
    }

    @Test
    void projectedColumnsComeInTheGivenOrderWhateverTheRanges() throws Exception {
        Path file = write(TRICKY);
        for (int chunkSize = 1; chunkSize <= TRICKY.length(); chunkSize += 3) {
            try (TestContext context = TestContext.of(root, "read");
                    CollectingEmitter out = read(file, chunkSize, 2, 4, context,
                            options("columns", List.of("note", "id")))) {
                assertEquals("note:utf8, id:int64", BatchText.schema(out.batches().get(0)));
                assertEquals(List.of("\"plain\"|1", "\"x\"|2", "\"\"quoted\"\"|5", "\"\"|6", "\"ends\"|7",
                        "\"no line end\"|8"), out.rows(), "range size " + chunkSize);
            }
        }
    }

    private static String numbered(int rows, int badLine, String bad) {
        StringBuilder csv = new StringBuilder("n,text\n");
        for (int line = 2; line <= rows + 1; line++) {
            csv.append(line == badLine ? bad : String.valueOf(line)).append(",\"t\n").append(line).append("\"\n");
        }
        return csv.toString();
    }

    @Test
    void aBadValueFarIntoTheFileNamesItsLineWhateverTheRanges() throws Exception {
        // every record takes two lines: record k (from 2) starts on line 2k - 2
        Path file = write(numbered(60, 51, "x1"));
        for (int chunkSize : new int[] {1, 2, 5, 16, 64, 200, 1000}) {
            try (TestContext context = TestContext.of(root, "read")) {
                StageException e = assertThrows(StageException.class,
                        () -> read(file, chunkSize, 2, 8, context, options("infer_schema_length", 10)).close());
                assertEquals(ErrorCode.DATA, e.code());
                assertEquals("in.csv:100: column 'n' holds \"x1\", which is not int64 (the type inferred from the "
                        + "first 10 rows; raise infer_schema_length to look further, or give the column a type in "
                        + "schema)",
                        e.getMessage(), "range size " + chunkSize);
            }
        }
    }

    @Test
    void aQuoteNeverClosedFarIntoTheFileNamesTheLineItOpensOn() throws Exception {
        String csv = numbered(40, 0, "") + "99,\"open\n1,2\n3,4\n";
        Path file = write(csv);
        for (int chunkSize : new int[] {1, 3, 7, 50, 100, 10_000}) {
            try (TestContext context = TestContext.of(root, "read")) {
                StageException e = assertThrows(StageException.class,
                        () -> read(file, chunkSize, 2, 8, context, options()).close());
                assertEquals("in.csv:82: unterminated quoted field (the '\"' opened on this line is never closed)",
                        e.getMessage(), "range size " + chunkSize);
            }
        }
    }

    @Test
    void aRowWithTooManyFieldsFarIntoTheFileNamesItsLine() throws Exception {
        Path file = write(numbered(30, 0, "") + "1,\"x\",3\n");
        for (int chunkSize : new int[] {2, 9, 128}) {
            try (TestContext context = TestContext.of(root, "read")) {
                StageException e = assertThrows(StageException.class,
                        () -> read(file, chunkSize, 3, 8, context, options()).close());
                assertEquals("in.csv:62: found 3 fields, but the header has 2", e.getMessage());
            }
        }
    }

    @Test
    void closingBeforeTheEndReleasesEveryRangeInFlight() throws Exception {
        Path file = write(numbered(500, 0, ""));
        try (TestContext context = TestContext.of(root, "read")) {
            try (CsvFileReader reader = new CsvFileReader(FileChannel.open(file, StandardOpenOption.READ), "in.csv",
                    options(), context.withParallelism(2).withBatchSize(4), 64);
                    CollectingEmitter out = new CollectingEmitter()) {
                assertTrue(reader.produce(out));
                assertTrue(out.rowCount() > 0);
            }
            assertEquals(0, context.allocatedBytes());
        }
    }

    @Test
    void aLargeFileReadInParallelKeepsFileOrderAcrossBatches() throws Exception {
        StringBuilder csv = new StringBuilder("n,half,label\n");
        for (int i = 0; i < 20_000; i++) {
            csv.append(i).append(',').append(i / 2.0).append(',');
            csv.append(i % 7 == 0 ? "\"line\nbreak, " + i + "\"" : "plain" + i).append('\n');
        }
        Path file = write(csv.toString());
        try (TestContext context = TestContext.of(root, "read");
                CollectingEmitter out = read(file, 4096, 2, 1000, context,
                        options())) {
            assertEquals("n:int64, half:float64, label:utf8", BatchText.schema(out.batches().get(0)));
            long expected = 0;
            for (VectorSchemaRoot batch : out.batches()) {
                for (int r = 0; r < batch.getRowCount(); r++) {
                    assertEquals(expected, ((org.apache.arrow.vector.BigIntVector) batch.getVector(0)).get(r));
                    assertEquals(expected / 2.0, ((org.apache.arrow.vector.Float8Vector) batch.getVector(1)).get(r));
                    expected++;
                }
            }
            assertEquals(20_000, expected);
            assertEquals("\"line\nbreak, 7\"", BatchText.rows(out.batches()).get(7).split("\\|")[2]);
        }
    }
}
