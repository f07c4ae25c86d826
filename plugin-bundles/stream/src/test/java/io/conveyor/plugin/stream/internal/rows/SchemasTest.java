package io.conveyor.plugin.stream.internal.rows;

import static io.conveyor.testing.Batches.row;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.conveyor.testing.BatchText;
import io.conveyor.testing.Batches;

class SchemasTest {

    private final RootAllocator root = new RootAllocator();

    @AfterEach
    void noLeaks() {
        root.close();
    }

    private static String union(String a, String b) {
        Schema union = Schemas.union(Batches.schema(a), Batches.schema(b));
        return union.getFields().stream().map(f -> f.getName() + ":" + BatchText.typeName(f)).toList().toString();
    }

    @Test
    void unionKeepsTheFirstOrderAddsNewColumnsAndWidensTypes() {
        assertEquals("[a:int64, b:float64, c:utf8, d:utf8, e:bool]",
                union("a:int64, b:int64, c:bool, d:utf8", "e:bool, d:int64, c:float64, b:float64"));
    }

    @Test
    void aColumnWithoutValuesTakesTheOtherType() {
        Schema nulls = new Schema(List.of(new Field("a", FieldType.nullable(ArrowType.Null.INSTANCE), null)));
        assertEquals("Schema<a: Int(64, true)>", Schemas.union(nulls, Batches.schema("a:int64")).toString());
        assertEquals("Schema<a: Int(64, true)>", Schemas.union(Batches.schema("a:int64"), nulls).toString());
    }

    @Test
    void conformConvertsAndFillsMissingColumnsWithNulls() {
        try (VectorSchemaRoot batch = Batches.of(root, "n:int64, ok:bool", row(1, true), row(null, false));
                VectorSchemaRoot conformed = Schemas.conform(batch,
                        Batches.schema("ok:utf8, n:float64, extra:int64"), root)) {
            assertEquals("ok:utf8, n:float64, extra:int64", BatchText.schema(conformed));
            assertEquals(List.of("\"true\"|1.0|null", "\"false\"|null|null"), BatchText.rows(conformed));
        }
    }

    @Test
    void heldRowsWidenWhatTheyHoldWhenALaterBatchNeedsIt() {
        try (HeldRows held = new HeldRows(root);
                VectorSchemaRoot first = Batches.of(root, "n:int64", row(1), row(2));
                VectorSchemaRoot second = Batches.of(root, "n:utf8, m:bool", row("x", true))) {
            held.append(first, 1, 1);
            held.append(second, 0, 1);
            assertEquals("n:utf8, m:bool", BatchText.schema(held.view()));
            assertEquals(List.of("\"2\"|null", "\"x\"|true"), BatchText.rows(held.view()));
            held.keep(new int[] {1}, 1);
            assertEquals(List.of("\"x\"|true"), BatchText.rows(held.view()));
        }
    }

    @Test
    void aColumnWithoutValuesIsHeldAndLaterTakesTheTypeOfItsFirstValues() {
        Schema nulls = new Schema(List.of(new Field("n", FieldType.nullable(ArrowType.Null.INSTANCE), null)));
        try (HeldRows held = new HeldRows(root);
                VectorSchemaRoot none = VectorSchemaRoot.create(nulls, root);
                VectorSchemaRoot some = Batches.of(root, "n:int64", row(7))) {
            none.setRowCount(2);
            held.append(none, 0, 2);
            held.append(none, 1, 1);
            assertEquals("n:Null", BatchText.schema(held.view()));
            held.append(some, 0, 1);
            assertEquals("n:int64", BatchText.schema(held.view()));
            assertEquals(List.of("null", "null", "null", "7"), BatchText.rows(held.view()));
        }
    }
}
