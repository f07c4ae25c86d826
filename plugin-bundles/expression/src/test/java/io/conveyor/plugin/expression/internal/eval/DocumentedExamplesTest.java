package io.conveyor.plugin.expression.internal.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

import io.conveyor.testing.Batches;

/**
 * Runs every example of docs/expressions.md: each {@code ```expr} block holds an expression,
 * then {@code => type: values} or {@code => error: message}, evaluated against the table of the
 * page's {@code ```sample} block.
 */
class DocumentedExamplesTest {

    private static final Path DOC = Path.of("../../docs/expressions.md");
    private static final Pattern BLOCK = Pattern.compile("```(expr|sample)\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyExampleGivesExactlyWhatThePageSays() throws Exception {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        Matcher m = BLOCK.matcher(doc);
        String sample = null;
        List<String[]> examples = new ArrayList<>();
        while (m.find()) {
            if (m.group(1).equals("sample")) {
                sample = m.group(2);
            } else {
                String body = m.group(2);
                int arrow = body.lastIndexOf("\n=> ");
                assertTrue(arrow > 0, "an expr block needs a '=> ' line: " + body);
                examples.add(new String[] {body.substring(0, arrow), body.substring(arrow + 4).strip()});
            }
        }
        assertTrue(examples.size() >= 40, "found only " + examples.size() + " examples");
        List<String> failures = new ArrayList<>();
        try (RootAllocator root = new RootAllocator(); VectorSchemaRoot table = sample(root, sample)) {
            for (String[] example : examples) {
                String actual = result(table, example[0], root);
                if (!actual.equals(example[1])) {
                    failures.add(example[0] + "\n  page says: " + example[1] + "\n  gives:     " + actual);
                }
            }
        }
        assertEquals(List.of(), failures);
    }

    /** {@code type: values}, one value when every row has the same; or {@code error: message}. */
    private static String result(VectorSchemaRoot table, String expression, RootAllocator root) {
        String problem = Evaluations.problem(table, expression, root);
        if (!problem.startsWith("no problem: ")) {
            return "error: " + problem;
        }
        String result = problem.substring("no problem: ".length());
        String type = result.substring(0, result.indexOf(": "));
        List<String> values = List.of(result.substring(type.length() + 2).split(", (?=(?:[^']*'[^']*')*[^']*$)"));
        return new LinkedHashSet<>(values).size() == 1 ? type + ": " + values.get(0) : result;
    }

    /** The table of a {@code sample} block: a header of name:type cells, then rows, cells split by {@code |}. */
    private static VectorSchemaRoot sample(RootAllocator root, String text) {
        List<String> lines = text.strip().lines().toList();
        Schema schema = Batches.schema(String.join(",", lines.get(0).split("\\s*\\|\\s*")));
        VectorSchemaRoot table = VectorSchemaRoot.create(schema, root);
        table.allocateNew();
        for (int r = 1; r < lines.size(); r++) {
            String[] cells = lines.get(r).split("\\s*\\|\\s*");
            for (int c = 0; c < cells.length; c++) {
                set(table.getVector(c), r - 1, cells[c].strip());
            }
        }
        table.setRowCount(lines.size() - 1);
        return table;
    }

    private static void set(FieldVector vector, int row, String cell) {
        if (cell.equals("null")) {
            vector.setNull(row);
        } else if (vector instanceof BigIntVector v) {
            v.setSafe(row, Long.parseLong(cell));
        } else if (vector instanceof Float8Vector v) {
            v.setSafe(row, Double.parseDouble(cell));
        } else if (vector instanceof BitVector v) {
            v.setSafe(row, Boolean.parseBoolean(cell) ? 1 : 0);
        } else {
            String text = cell.substring(1, cell.length() - 1).replace("''", "'");
            ((VarCharVector) vector).setSafe(row, text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
