package io.conveyor.plugin.aggregate.internal.column;

import static io.conveyor.testing.Batches.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.conveyor.testing.BatchText;

class GatherTest {

    private final RootAllocator root = new RootAllocator();

    @AfterEach
    void noLeaks() {
        root.close();
    }

    @Test
    void gathersChosenRowsOfEveryColumnWithNegativeRowsAsNulls() {
        try (VectorSchemaRoot from = io.conveyor.testing.Batches.of(root, "i:int64, f:float64, b:bool, s:utf8",
                row(1, 1.5, true, "one"), row(null, null, null, null), row(3, 3.5, false, ""),
                row(4, -0.0, true, "four"))) {
            int[] rows = {3, -1, 1, 0, 0, 2, 3, 3, 2};
            List<FieldVector> vectors = new ArrayList<>();
            for (FieldVector vector : from.getFieldVectors()) {
                vectors.add(Gather.rows(vector, vector.getField(), rows, rows.length, root));
            }
            try (VectorSchemaRoot gathered = new VectorSchemaRoot(from.getSchema().getFields(), vectors, rows.length)) {
                assertEquals(List.of("4|-0.0|true|\"four\"", "null|null|null|null", "null|null|null|null",
                        "1|1.5|true|\"one\"", "1|1.5|true|\"one\"", "3|3.5|false|\"\"", "4|-0.0|true|\"four\"",
                        "4|-0.0|true|\"four\"", "3|3.5|false|\"\""), BatchText.rows(gathered));
                assertEquals(2, gathered.getVector("s").getNullCount());
            }
        }
    }

    @Test
    void gathersWideFixedAndLargeTextColumnsAndNothing() {
        Field price = new Field("price", FieldType.nullable(new ArrowType.Decimal(6, 2, 128)), null);
        Field text = new Field("text", FieldType.nullable(ArrowType.LargeUtf8.INSTANCE), null);
        try (DecimalVector decimals = (DecimalVector) price.createVector(root);
                LargeVarCharVector large = (LargeVarCharVector) text.createVector(root)) {
            decimals.allocateNew(3);
            decimals.set(0, new BigDecimal("1.25"));
            decimals.setNull(1);
            decimals.set(2, new BigDecimal("-9.99"));
            decimals.setValueCount(3);
            large.allocateNew(3);
            large.setSafe(0, "alpha".getBytes(StandardCharsets.UTF_8));
            large.setNull(1);
            large.setSafe(2, "γ".getBytes(StandardCharsets.UTF_8));
            large.setValueCount(3);
            int[] rows = {2, 1, 0, -1};
            try (FieldVector d = Gather.rows(decimals, price, rows, 4, root);
                    FieldVector t = Gather.rows(large, text, rows, 4, root);
                    FieldVector none = Gather.rows(large, text, rows, 0, root)) {
                assertEquals("[-9.99, null, 1.25, null]", d.toString());
                assertEquals("[γ, null, alpha, null]", t.toString());
                assertEquals(0, none.getValueCount());
            }
        }
    }

    @Test
    void aRowBeyondTheSourceIsRefusedBeforeAnyMemoryIsRead() {
        try (VectorSchemaRoot from = io.conveyor.testing.Batches.of(root, "i:int64", row(1))) {
            FieldVector vector = from.getVector(0);
            assertThrows(IndexOutOfBoundsException.class, () -> Gather.rows(vector, vector.getField(), new int[] {1}, 1,
                    root));
        }
    }
}
