package io.conveyor.engine.internal.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;

import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.util.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.conveyor.api.runtime.TapDTO;

class StageTapTest {

    private final RootAllocator allocator = new RootAllocator();

    @AfterEach
    void everyBatchClosed() {
        allocator.close();
    }

    private VectorSchemaRoot names(String... values) {
        VarCharVector name = new VarCharVector("name", allocator);
        name.allocateNew(values.length);
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                name.setSafe(i, new Text(values[i]));
            }
        }
        name.setValueCount(values.length);
        VectorSchemaRoot root = VectorSchemaRoot.of(name);
        root.setRowCount(values.length);
        return root;
    }

    private static TapDTO sample(StageTap tap) throws InterruptedException {
        TapDTO dto = new TapDTO();
        dto.outcome = tap.await(0);
        tap.sample(dto);
        return dto;
    }

    private void offer(StageTap tap, VectorSchemaRoot batch) {
        try (batch) {
            tap.offer(batch);
        }
    }

    @Test
    void copiesValuesSoThatTheBatchesCanBeClosed() throws InterruptedException {
        StageTap tap = new StageTap(3);
        offer(tap, names("ada", null));
        offer(tap, names("bob", "cy"));

        TapDTO sampled = sample(tap);

        assertEquals(List.of(TapDTO.LIMIT, 3, List.of("name: Utf8")), List.of(sampled.outcome, sampled.limit,
                sampled.fields));
        assertEquals(List.of(List.of("ada"), Arrays.asList((Object) null), List.of("bob")), sampled.rows);
        assertEquals(0, allocator.getAllocatedMemory());
    }

    @Test
    void anotherSchemaEndsSamplingWithTheRowsBeforeIt() throws InterruptedException {
        StageTap tap = new StageTap(10);
        offer(tap, MockStages.numbers(allocator, 0, 2));
        offer(tap, names("ada"));
        offer(tap, MockStages.numbers(allocator, 2, 2));

        TapDTO sampled = sample(tap);

        assertEquals(List.of(TapDTO.SCHEMA_CHANGED, List.of("n: Int(64, true)")), List.of(sampled.outcome,
                sampled.fields));
        assertEquals(List.of(List.of(0L), List.of(1L)), sampled.rows);
    }

    @Test
    void aSchemaWithoutRowsGivesWayToTheNextOne() throws InterruptedException {
        StageTap tap = new StageTap(10);
        offer(tap, MockStages.numbers(allocator, 0, 0));
        offer(tap, names("ada"));
        tap.end();

        TapDTO sampled = sample(tap);

        assertEquals(List.of(TapDTO.RUN_ENDED, List.of("name: Utf8"), List.of(List.of("ada"))),
                List.of(sampled.outcome, sampled.fields, sampled.rows));
    }
}
