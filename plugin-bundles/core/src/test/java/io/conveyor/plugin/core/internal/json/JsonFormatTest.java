package io.conveyor.plugin.core.internal.json;

import static io.conveyor.testing.Batches.row;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringWriter;
import java.util.Random;

import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import io.conveyor.plugin.kit.column.NumberText;
import io.conveyor.testing.Batches;

/** The byte-level JSON encoding gives exactly what Jackson and NumberText gave before it. */
class JsonFormatTest {

    private final RootAllocator root = new RootAllocator();

    @AfterEach
    void noLeaks() {
        root.close();
    }

    private static String jackson(String text) {
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + '"';
    }

    @Test
    void textIsEscapedAsJacksonEscapesIt() throws Exception {
        Random random = new Random(11);
        String alphabet = "ab\"\\/\u00e9\u20ac\u2028\uD83D\uDE00 \u007f";
        Object[][] rows = new Object[3000][];
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < rows.length; i++) {
            StringBuilder value = new StringBuilder();
            for (int k = random.nextInt(12); k > 0; k--) {
                value.append(random.nextInt(3) == 0 ? (char) random.nextInt(0x20)
                        : alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = value.toString().replace("\uD83D", "").replace("\uDE00", "\uD83D\uDE00");
            rows[i] = row(text, (double) i / 7, (long) i);
            expected.append("{\"t\\\"x\":").append(jackson(text)).append(",\"f\":").append(NumberText.format(
                    (double) i / 7)).append(",\"n\":").append(i).append("}\n");
        }
        StringWriter out = new StringWriter();
        try (VectorSchemaRoot batch = Batches.of(root, "t\"x:utf8, f:float64, n:int64", rows)) {
            JsonFormat format = new JsonFormat(out, JsonLayout.LINES, false);
            format.write("in", batch, batch.getRowCount());
            format.finish();
        }
        assertEquals(expected.toString(), out.toString());
    }

    /** Batches large enough to be encoded in two halves on two threads, then small ones, in every layout. */
    @Test
    void largeBatchesKeepRowOrderAndSeparators() throws Exception {
        int large = 2 * JsonFormat.PARALLEL_ROWS + 1;
        String lines = write(JsonLayout.LINES, false, large, 3);
        String compact = write(JsonLayout.RECORDS, false, large, 3);
        String pretty = write(JsonLayout.RECORDS, true, large, 3);

        StringBuilder expectedLines = new StringBuilder();
        StringBuilder expectedCompact = new StringBuilder("[");
        StringBuilder expectedPretty = new StringBuilder("[\n");
        for (int n = 0; n < large + 3; n++) {
            expectedLines.append("{\"n\":").append(n).append("}\n");
            expectedCompact.append(n == 0 ? "" : ",").append("{\"n\":").append(n).append("}");
            expectedPretty.append(n == 0 ? "" : ",\n").append("  {\n    \"n\": ").append(n).append("\n  }");
        }
        assertEquals(expectedLines.toString(), lines);
        assertEquals(expectedCompact.append("]\n").toString(), compact);
        assertEquals(expectedPretty.append("\n]\n").toString(), pretty);
    }

    private String write(JsonLayout layout, boolean pretty, int... batchSizes) throws Exception {
        StringWriter out = new StringWriter();
        JsonFormat format = new JsonFormat(out, layout, pretty);
        long next = 0;
        for (int size : batchSizes) {
            Object[][] rows = new Object[size][];
            for (int i = 0; i < size; i++) {
                rows[i] = row(next++);
            }
            try (VectorSchemaRoot batch = Batches.of(root, "n:int64", rows)) {
                format.write("in", batch, batch.getRowCount());
            }
        }
        format.finish();
        return out.toString();
    }
}
