package io.conveyor.engine.internal.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.conveyor.api.stage.ErrorCode;
import io.conveyor.api.stage.StageException;
import io.conveyor.engine.internal.model.Location;
import io.conveyor.engine.internal.model.Problem;

/** One stage's inbox on the test thread: the stall is found as soon as that only stage waits. */
class InboxTest {

    private final RootAllocator allocator = new RootAllocator();
    private final RunControl control = new RunControl(List.of("w"),
            stall -> Problem.at(ErrorCode.PLAN, Location.of("p.toml"), stall));
    private final Inbox inbox = new Inbox("w", List.of("x", "y", "z"), 1, control);

    @AfterEach
    void releaseEverything() {
        inbox.drain();
        allocator.close();
    }

    private void fill(String input) throws StageException {
        inbox.put(input, new SharedBatch(MockStages.numbers(allocator, 0, 1), 1));
    }

    private String stallOnTaking(List<String> accepted) {
        StageException e = assertThrows(StageException.class, () -> inbox.take(accepted, () -> false));
        assertEquals(ErrorCode.CANCELLED, e.code());
        return control.failure().message();
    }

    @Test
    void stallNamesTheAcceptedInputAndEveryFullInputHeldBack() throws StageException {
        fill("y");
        fill("z");
        assertEquals("stage 'w' waits for input 'x' while inputs 'y' and 'z' are full", stallOnTaking(List.of("x")));
    }

    @Test
    void stallNamesEveryAcceptedInput() throws StageException {
        fill("z");
        assertEquals("stage 'w' waits for input 'x' or 'y' while input 'z' is full",
                stallOnTaking(List.of("x", "y")));
    }

    @Test
    void endedInputIsNotAStall() throws StageException {
        inbox.end("x");
        assertEquals(new Inbox.Item("x", null), inbox.take(List.of("x"), () -> false));
        assertNull(control.failure());
    }

    @Test
    void aWaitingConsumerLeavesEmptyHandedOnceWokenWithItsConditionMet() throws Exception {
        RunControl twoStages = new RunControl(List.of("w", "producer"),
                stall -> Problem.at(ErrorCode.PLAN, Location.of("p.toml"), stall));
        Inbox waiting = new Inbox("w", List.of("x"), 1, twoStages);
        AtomicBoolean leave = new AtomicBoolean();
        CompletableFuture<Inbox.Item> taken = CompletableFuture.supplyAsync(() -> {
            try {
                return waiting.take(List.of("x"), leave::get);
            } catch (StageException e) {
                throw new IllegalStateException(e);
            }
        });
        waiting.wakeUp(); // without the condition: it goes on waiting
        Thread.sleep(50);
        assertFalse(taken.isDone());
        leave.set(true);
        waiting.wakeUp();
        assertNull(taken.get(10, TimeUnit.SECONDS));
        assertNull(twoStages.failure());
    }

    @Test
    void aQueuedBatchIsTakenEvenWhenTheConsumerShouldLeave() throws StageException {
        fill("x");
        Inbox.Item item = inbox.take(List.of("x"), () -> true);
        assertEquals("x", item.input());
        item.release();
    }

    @Test
    void afterStopReadingEveryBatchIsReleasedAndPutNeverBlocks() throws StageException {
        fill("x");
        inbox.stopReading();
        fill("x");
        fill("x");
        assertEquals(0, allocator.getAllocatedMemory());
        assertEquals(1, inbox.highWaterMark("x"));
    }
}
