package io.conveyor.itests.counter.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.conveyor.api.stage.SourceTask;
import io.conveyor.api.stage.StageException;
import io.conveyor.testing.CollectingEmitter;
import io.conveyor.testing.TestConfig;
import io.conveyor.testing.TestContext;

class CounterSourceTest {

    private final RootAllocator allocator = new RootAllocator();
    private final TestContext context = TestContext.of(allocator, "numbers");
    private final CollectingEmitter out = new CollectingEmitter();

    @TempDir
    Path work;

    @AfterEach
    void releaseEverything() {
        out.close();
        context.close();
        allocator.close(); // throws if a buffer leaked
    }

    @Test
    void isAnUnboundedSource() {
        assertTrue(CounterSource.DESCRIPTOR.unbounded());
    }

    @Test
    void numbersRowsFromOneInBatchesAndEndsOnceTheStopFileExists() throws Exception {
        Map<String, Object> config = Map.of("rows_per_second", 1_000_000, "batch_rows", 3, "stop_file", "stop");
        try (SourceTask task = new CounterSource().open(TestConfig.of(CounterSource.DESCRIPTOR, config, work),
                context)) {
            while (out.batches().size() < 2) {
                assertTrue(task.produce(out));
            }
            Files.createFile(work.resolve("stop"));
            assertFalse(task.produce(out));
        }

        assertEquals("[1, 2, 3]", values(0));
        assertEquals("[4, 5, 6]", values(1));
        assertEquals(2, out.batches().size());
    }

    @Test
    void reportsTheRowsEmittedAsItsPositionAndATaskOpenedWithItGoesOnWithTheNextNumber() throws Exception {
        Map<String, Object> config = Map.of("rows_per_second", 1_000_000, "batch_rows", 3);
        try (SourceTask task = new CounterSource().open(TestConfig.of(CounterSource.DESCRIPTOR, config, work),
                context)) {
            assertEquals(Optional.of("0"), task.position());
            while (out.batches().size() < 2) {
                assertTrue(task.produce(out));
            }
            assertEquals(Optional.of("6"), task.position());
        }
        try (TestContext resumed = TestContext.of(allocator, "numbers").resumingFrom("6");
                CollectingEmitter resumedOut = new CollectingEmitter();
                SourceTask task = new CounterSource().open(TestConfig.of(CounterSource.DESCRIPTOR, config, work),
                        resumed)) {
            while (resumedOut.batches().isEmpty()) {
                assertTrue(task.produce(resumedOut));
            }
            assertEquals("[7, 8, 9]", values(resumedOut, 0));
        }
    }

    @Test
    void refusesAPositionThatIsNotARowCount() {
        Map<String, Object> config = Map.of("rows_per_second", 10, "batch_rows", 3);
        try (TestContext resumed = TestContext.of(allocator, "numbers").resumingFrom("x")) {
            StageException e = assertThrows(StageException.class,
                    () -> new CounterSource().open(TestConfig.of(CounterSource.DESCRIPTOR, config, work), resumed));
            assertEquals("cannot continue from position 'x': expected the number of rows emitted so far",
                    e.getMessage());
        }
    }

    private String values(int batch) {
        return values(out, batch);
    }

    private static String values(CollectingEmitter out, int batch) {
        BigIntVector numbers = (BigIntVector) out.batches().get(batch).getVector(CounterSource.NUMBER);
        StringBuilder text = new StringBuilder("[");
        for (int row = 0; row < numbers.getValueCount(); row++) {
            text.append(row == 0 ? "" : ", ").append(numbers.get(row));
        }
        return text.append(']').toString();
    }
}
