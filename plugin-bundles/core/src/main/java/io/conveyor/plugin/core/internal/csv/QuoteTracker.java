package io.conveyor.plugin.core.internal.csv;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Follows the text a CSV parser reads, as RFC 4180 reads it, to tell whether the input ended
 * inside a quoted field and on which line that field opened. FastCSV ends such a field at the end
 * of the input without complaint, which would silently turn the rest of the file into one cell.
 *
 * <p>A quote opens a quoted field only at the start of a field; elsewhere it is data. Inside a
 * quoted field, a doubled quote is a quote. Lines end with {@code \n}, {@code \r\n} or {@code \r}.
 * Not thread-safe.
 */
final class QuoteTracker extends FilterReader {

    private enum State { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED }

    private final char delimiter;
    private final char quote;
    private State state = State.FIELD_START;
    private long line = 1;
    private boolean afterCr;
    private long openedOn;
    private boolean ended;

    QuoteTracker(Reader in, char delimiter, char quote) {
        super(in);
        this.delimiter = delimiter;
        this.quote = quote;
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c < 0) {
            ended = true;
        } else {
            follow((char) c);
        }
        return c;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n < 0) {
            ended = true;
        }
        for (int i = 0; i < n; i++) {
            follow(buffer[offset + i]);
        }
        return n;
    }

    /** The line a quoted field opened on, when the input has ended inside it; else 0. */
    long unclosedQuoteLine() {
        return ended && state == State.QUOTED ? openedOn : 0;
    }

    private void follow(char c) {
        boolean lineEnd = c == '\n' || c == '\r';
        state = switch (state) {
            case FIELD_START -> {
                if (c == quote) {
                    openedOn = line;
                    yield State.QUOTED;
                }
                yield c == delimiter || lineEnd ? State.FIELD_START : State.UNQUOTED;
            }
            case UNQUOTED -> c == delimiter || lineEnd ? State.FIELD_START : State.UNQUOTED;
            case QUOTED -> c == quote ? State.QUOTE_IN_QUOTED : State.QUOTED;
            case QUOTE_IN_QUOTED -> {
                if (c == quote) {
                    yield State.QUOTED;
                }
                yield c == delimiter || lineEnd ? State.FIELD_START : State.UNQUOTED;
            }
        };
        if (c == '\r' || (c == '\n' && !afterCr)) {
            line++;
        }
        afterCr = c == '\r';
    }
}
