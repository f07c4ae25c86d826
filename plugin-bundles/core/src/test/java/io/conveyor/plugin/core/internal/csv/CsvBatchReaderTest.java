package io.conveyor.plugin.core.internal.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.conveyor.api.stage.StageException;
import io.conveyor.testing.BatchText;
import io.conveyor.testing.CollectingEmitter;
import io.conveyor.testing.TestContext;

/**
 * The streaming reader (standard input, UTF-16 and UTF-32 files) over inputs many times its
 * buffer, so that records are cut by refills everywhere and cells noted before a refill are
 * converted before the buffer moves.
 */
class CsvBatchReaderTest {

    private static final CsvReadOptions OPTIONS = new CsvReadOptions(true, ',', '"', 100, Set.of(""), "", Map.of(),
            null, false);

    private final RootAllocator root = new RootAllocator();
    private final TestContext context = TestContext.of(root, "read").withBatchSize(1000);

    @AfterEach
    void noLeaks() {
        context.close();
        root.close();
    }

    private static String bigCsv(int rows, List<String> expected) {
        StringBuilder csv = new StringBuilder("n,price,label,note\n");
        for (int i = 0; i < rows; i++) {
            String label = i % 3 == 0 ? "caf\u00e9 " + i : "plain" + i;
            String note = i % 5 == 0 ? "\"multi\nline, " + i + "\"" : i % 7 == 0 ? "" : "x" + "y".repeat(i % 40);
            csv.append(i).append(',').append(i * 0.25).append(',').append(label).append(',').append(note).append('\n');
            String shownNote = i % 5 == 0 ? "\"multi\nline, " + i + "\"" : i % 7 == 0 ? "null"
                    : "\"x" + "y".repeat(i % 40) + "\"";
            expected.add(i + "|" + (i * 0.25) + "|\"" + label + "\"|" + shownNote);
        }
        return csv.toString();
    }

    private CollectingEmitter read(InputStream in) throws StageException {
        CollectingEmitter out = new CollectingEmitter();
        try (CsvBatchReader reader = new CsvBatchReader(in, OPTIONS, "<stdin>", context)) {
            while (reader.produce(out)) {
                // to the end
            }
        } catch (StageException | RuntimeException e) {
            out.close();
            throw e;
        }
        return out;
    }

    @Test
    void anInputManyBuffersLongReadsWhole() throws Exception {
        List<String> expected = new ArrayList<>();
        byte[] csv = bigCsv(30_000, expected).getBytes(StandardCharsets.UTF_8);
        try (CollectingEmitter out = read(new ByteArrayInputStream(csv))) {
            assertEquals("n:int64, price:float64, label:utf8, note:utf8", BatchText.schema(out.batches().get(0)));
            assertEquals(expected, out.rows());
        }
    }

    @Test
    void utf16TextManyBuffersLongReadsWhole() throws Exception {
        List<String> expected = new ArrayList<>();
        byte[] csv = ("\uFEFF" + bigCsv(12_000, expected)).getBytes(StandardCharsets.UTF_16LE);
        try (CollectingEmitter out = read(new ByteArrayInputStream(csv))) {
            assertEquals(expected, out.rows());
        }
    }

    @Test
    void aBadValueAfterManyRefillsNamesItsLine() {
        List<String> expected = new ArrayList<>();
        String csv = bigCsv(20_000, expected) + "20000,oops,x,y\n";
        // every fifth row takes two lines: 20,000 rows take 24,000 lines after the header
        StageException e = assertThrows(StageException.class,
                () -> read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8))).close());
        assertEquals("<stdin>:24002: column 'price' holds \"oops\", which is not float64 (the type inferred from the "
                + "first 100 rows)", e.getMessage());
    }
}
