package io.conveyor.plugin.kit.column;

import static io.conveyor.testing.Batches.row;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.conveyor.testing.BatchText;
import io.conveyor.testing.Batches;

class WithColumnTest {

    private final RootAllocator root = new RootAllocator();

    @AfterEach
    void noLeaks() {
        root.close();
    }

    private BigIntVector longs(String name, Long... values) {
        BigIntVector vector = new BigIntVector(name, root);
        vector.allocateNew(values.length);
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                vector.setNull(i);
            } else {
                vector.set(i, values[i]);
            }
        }
        vector.setValueCount(values.length);
        return vector;
    }

    @Test
    void aNewNameIsAppendedAndTheOtherColumnsOutliveTheInput() {
        VectorSchemaRoot in = Batches.of(root, "id:int64, name:utf8", row(1, "a"), row(2, null));
        try (VectorSchemaRoot out = WithColumn.batch(in, longs("n", 10L, null), root)) {
            in.close();
            assertEquals("id:int64, name:utf8, n:int64", BatchText.schema(out));
            assertEquals(List.of("1|\"a\"|10", "2|null|null"), BatchText.rows(out));
        }
    }

    @Test
    void anExistingNameIsReplacedInPlace() {
        try (VectorSchemaRoot in = Batches.of(root, "id:int64, name:utf8", row(1, "a"));
                VectorSchemaRoot out = WithColumn.batch(in, longs("id", 7L), root)) {
            assertEquals("id:int64, name:utf8", BatchText.schema(out));
            assertEquals(List.of("7|\"a\""), BatchText.rows(out));
            assertEquals(List.of("1|\"a\""), BatchText.rows(in));
        }
    }

    @Test
    void aBatchWithoutRowsGivesOneWithoutRows() {
        try (VectorSchemaRoot in = Batches.of(root, "id:int64, name:utf8");
                VectorSchemaRoot out = WithColumn.batch(in, longs("n"), root)) {
            assertEquals(0, out.getRowCount());
            assertEquals("id:int64, name:utf8, n:int64", BatchText.schema(out));
        }
    }

    @Test
    void schemasFollowTheSameRule() {
        assertEquals(Batches.schema("a:int64, b:utf8, c:bool"),
                WithColumn.schema(Batches.schema("a:int64, b:utf8"), ColumnType.BOOL.field("c")));
        assertEquals(Batches.schema("a:int64, b:bool"),
                WithColumn.schema(Batches.schema("a:int64, b:utf8"), ColumnType.BOOL.field("b")));
    }
}
