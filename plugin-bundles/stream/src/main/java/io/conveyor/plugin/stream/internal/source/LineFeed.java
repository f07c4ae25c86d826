package io.conveyor.plugin.stream.internal.source;

import java.io.IOException;

/** Lines as they become available, with a bounded wait for the next one. */
interface LineFeed extends AutoCloseable {

    /**
     * The next line, without its line break, waiting up to {@code nanos} for it (not at all for 0
     * or less); {@code null} if none came in time or the input has ended ({@link #ended()}).
     */
    String poll(long nanos) throws IOException, InterruptedException;

    /** Whether the input has ended and every line has been returned. */
    boolean ended();

    /** Stops reading; lines not yet returned are lost. */
    @Override
    void close();
}
