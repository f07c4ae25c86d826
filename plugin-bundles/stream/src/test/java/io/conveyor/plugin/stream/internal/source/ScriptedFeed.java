package io.conveyor.plugin.stream.internal.source;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;

/**
 * A {@link LineFeed} playing a script of lines and pauses against a clock of its own, which only
 * moves when the task waits: flushing can be tested exactly, without real time.
 */
final class ScriptedFeed implements LineFeed {

    private static final Object EOF = new Object();
    private static final Object FOREVER = new Object();

    private final Deque<Object> script = new ArrayDeque<>();
    private long now;
    private boolean ended;
    private int polls;
    private boolean closed;

    ScriptedFeed lines(String... lines) {
        for (String line : lines) {
            script.add(line);
        }
        return this;
    }

    ScriptedFeed pause(long millis) {
        script.add(new long[] {TimeUnit.MILLISECONDS.toNanos(millis)});
        return this;
    }

    /** Nothing more comes, and the input does not end either. */
    ScriptedFeed silence() {
        script.add(FOREVER);
        return this;
    }

    ScriptedFeed eof() {
        script.add(EOF);
        return this;
    }

    long now() {
        return now;
    }

    int polls() {
        return polls;
    }

    boolean closed() {
        return closed;
    }

    @Override
    public String poll(long nanos) {
        polls++;
        long wait = Math.max(0, nanos);
        while (true) {
            Object next = script.peek();
            if (next == null || next == FOREVER) {
                now += wait;
                return null;
            }
            if (next == EOF) {
                script.poll();
                ended = true;
                return null;
            }
            if (next instanceof String line) {
                script.poll();
                return line;
            }
            long[] pause = (long[]) next;
            if (pause[0] > wait) {
                pause[0] -= wait;
                now += wait;
                return null;
            }
            now += pause[0];
            wait -= pause[0];
            script.poll();
        }
    }

    @Override
    public boolean ended() {
        return ended;
    }

    @Override
    public void close() {
        closed = true;
    }
}
