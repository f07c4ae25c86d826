package io.conveyor.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliBridgeTest {

    /** Only a guard against a hung build: reaching it is a failure. */
    private static final long GUARD_SECONDS = 60;

    @TempDir
    Path dir;

    /** A named pipe stands in for a terminal or pipe on stdin: reading it blocks until data comes. */
    private boolean makeFifo(Path fifo) throws InterruptedException {
        try {
            return new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void aReadWaitingForInputEndsWhenItsThreadIsInterrupted() throws Exception {
        Path fifo = dir.resolve("stdin");
        assumeTrue(makeFifo(fifo), "mkfifo is available");
        // the writer is opened first and kept open: reads then wait for data rather than see the end
        try (RandomAccessFile writer = new RandomAccessFile(fifo.toFile(), "rw");
                FileInputStream file = new FileInputStream(fifo.toFile())) {
            InputStream stdin = CliBridge.interruptible(file);
            writer.write('a');
            assertEquals('a', stdin.read());

            CompletableFuture<Throwable> ended = new CompletableFuture<>();
            Thread stage = new Thread(() -> {
                try {
                    ended.complete(new AssertionError("read returned " + stdin.read()));
                } catch (Throwable e) {
                    ended.complete(e);
                }
            }, "stdin-reader");
            stage.start();
            stage.interrupt();

            assertEquals(ClosedByInterruptException.class, ended.get(GUARD_SECONDS, TimeUnit.SECONDS).getClass());
            stage.join();
        }
    }
}
