package io.conveyor.plugin.stream.internal.source;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Lines of an input stream, read by a thread of the feed's own. Reading a stream blocks with no
 * way to bound the wait, so the stage's thread cannot read it and still pass on a partial batch
 * when the producer pauses, nor notice that the run is stopping; the reader thread can block
 * instead, handing lines over through a bounded queue (so a slow pipeline holds a fast producer
 * back, and at most {@code capacity} lines wait).
 *
 * <p>{@link #close()} interrupts the reader. A stream read through a channel (the command line's
 * stdin) then stops at once; any other stream stops when its current read returns, and whatever
 * that read brings is dropped. The thread is a daemon, so it never holds the process up.
 */
final class StdinFeed implements LineFeed {

    private static final Object END = new Object();

    private final BlockingQueue<Object> queue;
    private final Thread reader;
    private volatile boolean closed;
    private boolean ended;

    /** @param in read, never closed: it belongs to the engine */
    StdinFeed(InputStream in, String threadName, int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.reader = new Thread(() -> read(in), threadName);
        reader.setDaemon(true);
        reader.start();
    }

    private void read(InputStream in) {
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        try {
            String line;
            while (!closed && (line = lines.readLine()) != null) {
                hand(line);
            }
            hand(END);
        } catch (IOException e) {
            try {
                hand(e);
            } catch (InterruptedException closing) {
                // closed meanwhile: nobody is waiting for the failure
            }
        } catch (InterruptedException e) {
            // closed while waiting for room in the queue
        }
    }

    /** Queues an item, waiting for room, unless the feed is closed (then nobody will take it). */
    private void hand(Object item) throws InterruptedException {
        while (!closed && !queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
            // the stage is behind: wait for room, which holds the producer back
        }
    }

    @Override
    public String poll(long nanos) throws IOException, InterruptedException {
        if (ended) {
            return null;
        }
        Object next = nanos > 0 ? queue.poll(nanos, TimeUnit.NANOSECONDS) : queue.poll();
        if (next == END) {
            ended = true;
            return null;
        }
        if (next instanceof IOException failure) {
            throw failure;
        }
        return (String) next;
    }

    @Override
    public boolean ended() {
        return ended;
    }

    @Override
    public void close() {
        closed = true;
        reader.interrupt();
    }
}
