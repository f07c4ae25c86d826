package io.conveyor.itests.stamp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.conveyor.api.stage.StageContext;
import io.conveyor.api.stage.StageRole;
import io.conveyor.api.stage.TransformTask;

class StampTransformTest {

    private final BufferAllocator allocator = new RootAllocator();
    private final List<VectorSchemaRoot> emitted = new ArrayList<>();

    @AfterEach
    void releaseEverything() {
        emitted.forEach(VectorSchemaRoot::close);
        allocator.close(); // throws if a buffer leaked
    }

    @Test
    void descriptorAgreesWithTheServiceProperties() {
        StampTransform stamp = new StampTransform("1.0.0");

        assertEquals("stamp.apply", stamp.descriptor().function());
        assertEquals(StageRole.TRANSFORM, stamp.descriptor().role());
        assertEquals(List.of(), stamp.descriptor().parameters());
    }

    @Test
    void appendsTheVersionToEveryRowAndPassesColumnsThrough() throws Exception {
        try (VectorSchemaRoot input = batchOfIds(allocator, 7L, null, 9L);
                TransformTask task = new StampTransform("2.0.0").open(null, context(), List.of("load"))) {
            task.process("load", input, emitted::add);
            task.finish(emitted::add);
        }

        assertEquals(1, emitted.size());
        assertEquals("""
                id	stamp
                7	2.0.0
                null	2.0.0
                9	2.0.0
                """, emitted.get(0).contentToTSVString());
        assertEquals("Utf8", emitted.get(0).getVector("stamp").getField().getType().toString());
    }

    @Test
    void leavesTheInputBatchUntouched() throws Exception {
        try (VectorSchemaRoot input = batchOfIds(allocator, 1L);
                TransformTask task = new StampTransform("1.0.0").open(null, context(), List.of("load"))) {
            task.process("load", input, emitted::add);

            assertEquals("id\n1\n", input.contentToTSVString());
        }
    }

    @Test
    void emptyBatchGivesAnEmptyStampedBatch() throws Exception {
        try (VectorSchemaRoot input = batchOfIds(allocator);
                TransformTask task = new StampTransform("1.0.0").open(null, context(), List.of("load"))) {
            task.process("load", input, emitted::add);
        }

        assertEquals("id\tstamp\n", emitted.get(0).contentToTSVString());
    }

    private static VectorSchemaRoot batchOfIds(BufferAllocator allocator, Long... ids) {
        BigIntVector vector = new BigIntVector("id", allocator);
        vector.allocateNew(ids.length);
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == null) {
                vector.setNull(i);
            } else {
                vector.set(i, ids[i]);
            }
        }
        vector.setValueCount(ids.length);
        VectorSchemaRoot root = VectorSchemaRoot.of(vector);
        root.setRowCount(ids.length);
        return root;
    }

    private StageContext context() {
        return new StageContext() {
            @Override
            public String pipelineName() {
                return "test";
            }

            @Override
            public String stageId() {
                return "s";
            }

            @Override
            public BufferAllocator allocator() {
                return allocator;
            }

            @Override
            public boolean isStopped() {
                return false;
            }

            @Override
            public int batchSize() {
                return 8192;
            }

            @Override
            public int parallelism() {
                return 1;
            }

            @Override
            public InputStream stdin() {
                return InputStream.nullInputStream();
            }

            @Override
            public PrintStream stdout() {
                return System.out;
            }
        };
    }
}
