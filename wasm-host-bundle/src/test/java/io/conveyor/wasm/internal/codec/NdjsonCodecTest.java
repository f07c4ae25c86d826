package io.conveyor.wasm.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.conveyor.api.stage.StageException;

class NdjsonCodecTest {

    private final RootAllocator allocator = new RootAllocator();
    private final NdjsonCodec codec = new NdjsonCodec();

    @AfterEach
    void release() {
        allocator.close();
    }

    @Test
    void encodesEachRowAsAnObjectInColumnOrder() throws StageException {
        BigIntVector id = new BigIntVector("id", allocator);
        VarCharVector name = new VarCharVector("name", allocator);
        Float8Vector amount = new Float8Vector("amount", allocator);
        BitVector paid = new BitVector("paid", allocator);
        id.setSafe(0, 1);
        id.setSafe(1, 2);
        name.setSafe(0, "a \"quoted\" é".getBytes(StandardCharsets.UTF_8));
        name.setNull(1);
        amount.setSafe(0, 4.0);
        amount.setSafe(1, 0.25);
        paid.setSafe(0, 1);
        paid.setSafe(1, 0);
        try (VectorSchemaRoot batch = VectorSchemaRoot.of(id, name, amount, paid)) {
            batch.setRowCount(2);

            assertEquals("""
                    {"id":1,"name":"a \\"quoted\\" é","amount":4.0,"paid":true}
                    {"id":2,"name":null,"amount":0.25,"paid":false}
                    """, new String(codec.encode(batch), StandardCharsets.UTF_8));
        }
    }

    @Test
    void decodesLinesInferringEachFieldsTypeAndFillingMissingFieldsWithNull() throws StageException {
        byte[] lines = """
                {"id":1,"amount":4,"tags":["a"],"ok":true}
                {"id":2,"amount":0.5,"extra":"x","ok":null}

                {"id":3,"amount":null,"tags":{"k":1}}
                """.getBytes(StandardCharsets.UTF_8);

        List<VectorSchemaRoot> batches = codec.decode(lines, allocator);
        try (VectorSchemaRoot batch = batches.get(0)) {
            assertEquals(1, batches.size());
            assertEquals("Schema<id: Int(64, true), amount: FloatingPoint(DOUBLE), tags: Utf8, ok: Bool, extra: Utf8>",
                    batch.getSchema().toString());
            assertEquals("""
                    id	amount	tags	ok	extra
                    1	4.0	["a"]	true	null
                    2	0.5	null	null	x
                    3	null	{"k":1}	null	null
                    """, batch.contentToTSVString());
        }
    }

    @Test
    void reportsTheLineThatIsNotAnObject() {
        byte[] lines = "{\"a\":1}\n[1,2]\n".getBytes(StandardCharsets.UTF_8);

        StageException e = assertThrows(StageException.class, () -> codec.decode(lines, allocator));

        assertEquals("line 2 of its output is not a JSON object", e.getMessage());
    }

    @Test
    void emptyOutputIsNoBatch() throws StageException {
        assertEquals(List.of(), codec.decode(new byte[0], allocator));
    }
}
