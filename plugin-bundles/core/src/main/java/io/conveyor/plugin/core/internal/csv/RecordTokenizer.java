package io.conveyor.plugin.core.internal.csv;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits CSV bytes into records and each record into fields, without copying a field unless it
 * must be unescaped. Works on a buffer refilled from a {@link ByteSource}: a record is always
 * whole in the buffer when {@link #next()} returns it, so a record cut by the end of the buffer
 * is read again from its start once more bytes are in.
 *
 * <p>RFC 4180, leniently: a field starting with the quote character is quoted, may hold
 * delimiters, line breaks and doubled quotes, and text after its closing quote is kept as part of
 * it; a quote elsewhere is data. Records end with {@code \n}, {@code \r\n} or {@code \r}, or at
 * the end of the input. An empty line is a record of one empty, unquoted field. The delimiter and
 * the quote may be any character: one outside ASCII is its UTF-8 bytes, found by their first byte
 * and then checked whole (UTF-8 never has a character's bytes inside another's).
 *
 * <p>Field {@code i} of the current record is the bytes {@link #start(int)} to {@link #end(int)}
 * of {@link #bytes(int)}, valid until the next call to {@link #next()}. Not thread-safe.
 */
final class RecordTokenizer {

    /** The most fields a record may have. */
    static final int MAX_FIELDS = 16_384;
    /** The longest record the buffer grows to hold. */
    static final int MAX_RECORD_BYTES = 64 << 20;

    /** {@link #next()} found a record. */
    static final int RECORD = 0;
    /** {@link #next()} found the end of the input. */
    static final int END = 1;
    /** {@link #next()} would have to read beyond the read limit to finish the record. */
    static final int OVERFLOW = 2;

    private static final int NEED_MORE = -1;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LOW_BITS = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    /** {@code \u000e} in every byte: bytes below it are control bytes, {@code \n} and {@code \r} among them. */
    private static final long BELOW_SHIFT_OUT = 0x0E0E0E0E0E0E0E0EL;
    private static final byte QUOTED = 1;
    private static final byte UNESCAPED = 2;

    private final ByteSource source;
    /** The first byte of the delimiter, and its length in bytes (more than 1 outside ASCII). */
    private final byte delimiter;
    private final int delimiterLength;
    private final byte[] delimiterBytes;
    private final byte quote;
    private final int quoteLength;
    private final byte[] quoteBytes;
    private final char quoteChar;
    private final long delimiterPattern;
    private final long quotePattern;
    private final long readLimit;
    private final boolean countLines;
    private byte[] buffer;
    private int position;
    private int limit;
    private long base;
    private boolean ended;
    private long mark = -1;
    private long droppedLines;
    private long openQuote = -1;
    private BeforeRefill beforeRefill;

    private long recordStart;
    private int count;
    private int[] starts = new int[64];
    private int[] ends = new int[64];
    private byte[] flags = new byte[64];
    private byte[] scratch = new byte[256];
    private int scratchLength;

    /**
     * @param offset     the input offset of the source's first byte, so offsets name bytes of the input
     * @param buffer     the initial buffer, grown when a record does not fit
     * @param readLimit  the input offset not to read at or beyond ({@link Long#MAX_VALUE}: none)
     * @param countLines whether to count the lines of bytes that leave the buffer, for
     *                   {@link #lineAt} (needed only when the input cannot be read again)
     */
    RecordTokenizer(ByteSource source, long offset, char delimiter, char quote, byte[] buffer, long readLimit,
            boolean countLines) {
        this.source = source;
        this.base = offset;
        this.delimiterBytes = String.valueOf(delimiter).getBytes(StandardCharsets.UTF_8);
        this.delimiter = delimiterBytes[0];
        this.delimiterLength = delimiterBytes.length;
        this.quoteBytes = String.valueOf(quote).getBytes(StandardCharsets.UTF_8);
        this.quote = quoteBytes[0];
        this.quoteLength = quoteBytes.length;
        this.quoteChar = quote;
        this.delimiterPattern = repeated(this.delimiter);
        this.quotePattern = repeated(this.quote);
        this.buffer = buffer;
        this.readLimit = readLimit;
        this.countLines = countLines;
    }

    /** The input offset of the next record. */
    long position() {
        return base + position;
    }

    /** The input offset where the current record starts. */
    long recordStart() {
        return recordStart;
    }

    /** The number of fields of the current record. */
    int count() {
        return count;
    }

    byte[] bytes(int field) {
        return (flags[field] & UNESCAPED) != 0 ? scratch : buffer;
    }

    int start(int field) {
        return starts[field];
    }

    int end(int field) {
        return ends[field];
    }

    /** Whether field {@code i} was unescaped into a scratch buffer, which the next record reuses. */
    boolean unescaped(int field) {
        return (flags[field] & UNESCAPED) != 0;
    }

    boolean quoted(int field) {
        return (flags[field] & QUOTED) != 0;
    }

    /** Whether the current record is an empty line. */
    boolean emptyLine() {
        return count == 1 && flags[0] == 0 && starts[0] == ends[0];
    }

    /** What must happen before bytes move in the buffer: spans into it become wrong then. */
    interface BeforeRefill {
        void run(byte[] buffer) throws CsvDataError;
    }

    /** Calls {@code hook} with the buffer before bytes move in it (or it is replaced). */
    void setBeforeRefill(BeforeRefill hook) {
        this.beforeRefill = hook;
    }

    /** The buffer the fields of the current record (and earlier ones, until a refill) lie in. */
    byte[] buffer() {
        return buffer;
    }

    /** Keeps the bytes from the next record on in the buffer until {@link #reset()}. */
    void mark() {
        mark = position();
    }

    /** Keeps the bytes from the current record on in the buffer until {@link #reset()}. */
    void markRecord() {
        mark = recordStart;
    }

    /** Goes back to the {@link #mark()}ed record and forgets the mark. */
    void reset() {
        position = (int) (mark - base);
        mark = -1;
    }

    /**
     * Moves to the first record that starts a line at or after the first byte of the source plus
     * one: the first byte read is taken to be the one before where a record might start. Returns
     * false if no line starts before the read limit.
     */
    boolean skipToLineStart() throws IOException, CsvDataError {
        while (true) {
            for (int i = position; i < limit; i++) {
                byte c = buffer[i];
                if (c == '\n' || (c == '\r' && i + 1 < limit && buffer[i + 1] != '\n')) {
                    position = i + 1;
                    return true;
                }
                if (c == '\r' && i + 1 == limit && ended) {
                    position = limit;
                    return true;
                }
            }
            if (ended) {
                return false;
            }
            position = Math.max(position, limit - 1);
            if (!fill()) {
                return false;
            }
        }
    }

    /** Reads the next record: {@link #RECORD}, {@link #END} or {@link #OVERFLOW}. */
    int next() throws IOException, CsvDataError {
        while (true) {
            if (position < limit) {
                int end = tokenize(position);
                if (end >= 0) {
                    recordStart = base + position;
                    position = end;
                    return RECORD;
                }
            } else if (ended) {
                return END;
            }
            if (!fill()) {
                return OVERFLOW;
            }
        }
    }

    /** Tokenizes the record at {@code p}; returns where the next starts, or {@link #NEED_MORE}. */
    private int tokenize(int p) throws CsvDataError {
        final byte[] b = buffer;
        final int lim = limit;
        final byte d = delimiter;
        int n = 0;
        scratchLength = 0;
        while (true) {
            if (n == starts.length) {
                grow(p);
            }
            int opens = p < lim && b[p] == quote ? (quoteLength == 1 ? 1 : matchAt(b, p, lim, quoteBytes)) : 0;
            if (opens < 0) {
                return NEED_MORE;
            }
            if (opens > 0) {
                p = quoted(p, n);
                if (p < 0) {
                    return NEED_MORE;
                }
            } else {
                int start = p;
                p = fieldEnd(b, p, lim);
                if (p == lim && !ended) {
                    return NEED_MORE;
                }
                starts[n] = start;
                ends[n] = p;
                flags[n] = 0;
            }
            n++;
            if (p == lim) {
                count = n;
                return p;
            }
            byte c = b[p];
            if (c == d) {
                p += delimiterLength;
                continue;
            }
            count = n;
            if (c == '\r') {
                if (p + 1 < lim) {
                    return b[p + 1] == '\n' ? p + 2 : p + 1;
                }
                return ended ? p + 1 : NEED_MORE;
            }
            return p + 1;
        }
    }

    /**
     * Reads the quoted field opening at {@code p} as field {@code n}; returns the offset after it
     * (and after any text following its closing quote), or {@link #NEED_MORE}.
     */
    private int quoted(int p, int n) throws CsvDataError {
        final byte[] b = buffer;
        final int lim = limit;
        final int length = quoteLength;
        int i = p + length;
        int firstEscape = -1;
        while (true) {
            i = indexOfQuote(b, i, lim);
            if (i < lim && length > 1) {
                int match = matchAt(b, i, lim, quoteBytes);
                if (match == 0) {
                    i++;
                    continue;
                }
                if (match < 0) {
                    openQuote = base + p;
                    return NEED_MORE;
                }
            }
            int after = i + length;
            if (after >= lim && !ended) {
                openQuote = base + p;
                return NEED_MORE;
            }
            if (i >= lim) {
                throw new CsvDataError(base + p, "unterminated quoted field (the '" + quoteChar
                        + "' opened on this line is never closed)");
            }
            int doubled = after < lim && b[after] == quote ? (length == 1 ? 1 : matchAt(b, after, lim, quoteBytes)) : 0;
            if (doubled < 0) {
                openQuote = base + p;
                return NEED_MORE;
            }
            if (doubled > 0) {
                if (firstEscape < 0) {
                    firstEscape = i;
                }
                i = after + length;
                continue;
            }
            break;
        }
        int close = i;
        int t = close + length;
        if (t < lim && b[t] != '\n' && b[t] != '\r' && (b[t] != delimiter || delimiterLength > 1)) {
            t = fieldEnd(b, t, lim);
        }
        if (t == lim && !ended) {
            openQuote = base + p;
            return NEED_MORE;
        }
        if (firstEscape < 0 && t == close + length) {
            starts[n] = p + length;
            ends[n] = close;
            flags[n] = QUOTED;
            return t;
        }
        starts[n] = scratchLength;
        unescape(p + length, close);
        append(close + length, t);
        ends[n] = scratchLength;
        flags[n] = QUOTED | UNESCAPED;
        return t;
    }

    /**
     * Whether the bytes of {@code sequence} are at {@code at}, whose byte is known to be its
     * first: 1 if they are, 0 if not, -1 if the buffer ends before it can tell.
     */
    private int matchAt(byte[] b, int at, int lim, byte[] sequence) {
        for (int k = 1; k < sequence.length; k++) {
            if (at + k >= lim) {
                return ended ? 0 : -1;
            }
            if (b[at + k] != sequence[k]) {
                return 0;
            }
        }
        return 1;
    }

    /**
     * The offset of the first delimiter, {@code \n} or {@code \r} at or after {@code p}, or
     * {@code limit}. Looks at eight bytes at a time for the delimiter and for any byte below
     * {@code \u000e} (line ends, and rarely other control bytes, which are then stepped over).
     * The lowest byte {@link #firstZero} marks is exact, which is all this needs.
     */
    private int fieldEnd(byte[] b, int p, int lim) {
        final long delimiters = delimiterPattern;
        while (p + Long.BYTES <= lim) {
            long word = (long) LONGS.get(b, p);
            long found = firstZero(word ^ delimiters) | ((word - BELOW_SHIFT_OUT) & ~word & HIGH_BITS);
            if (found == 0) {
                p += Long.BYTES;
                continue;
            }
            int at = p + (Long.numberOfTrailingZeros(found) >>> 3);
            int end = endsFieldAt(b, at, lim);
            if (end >= 0) {
                return end;
            }
            p = at + 1;
        }
        for (; p < lim; p++) {
            int end = endsFieldAt(b, p, lim);
            if (end >= 0) {
                return end;
            }
        }
        return p;
    }

    /**
     * {@code at} if the byte there ends a field (a line end, or a whole delimiter), {@code limit}
     * if the buffer ends before a delimiter there can be told, else -1.
     */
    private int endsFieldAt(byte[] b, int at, int lim) {
        byte c = b[at];
        if (c == '\n' || c == '\r') {
            return at;
        }
        if (c != delimiter) {
            return -1;
        }
        if (delimiterLength == 1) {
            return at;
        }
        int match = matchAt(b, at, lim, delimiterBytes);
        return match > 0 ? at : match < 0 ? lim : -1;
    }

    /**
     * The high bit of zero bytes of {@code x}; exact for the lowest zero byte only (a borrow may
     * mark a byte above it), which is all a search for the first needs.
     */
    private static long firstZero(long x) {
        return (x - LOW_BITS) & ~x & HIGH_BITS;
    }

    /** The offset of the first quote at or after {@code i}, or {@code limit}. */
    private int indexOfQuote(byte[] b, int i, int lim) {
        final long quotes = quotePattern;
        while (i + Long.BYTES <= lim) {
            long found = firstZero((long) LONGS.get(b, i) ^ quotes);
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
            i += Long.BYTES;
        }
        while (i < lim && b[i] != quote) {
            i++;
        }
        return i;
    }

    private static long repeated(byte b) {
        return (b & 0xFFL) * 0x0101010101010101L;
    }

    /** Copies {@code [from, to)} of a quoted field into the scratch buffer, each doubled quote once. */
    private void unescape(int from, int to) {
        for (int i = from; i < to; i++) {
            byte c = buffer[i];
            if (c == quote && matchAt(buffer, i, to, quoteBytes) > 0) {
                ensureScratch(quoteLength);
                System.arraycopy(buffer, i, scratch, scratchLength, quoteLength);
                scratchLength += quoteLength;
                i += 2 * quoteLength - 1;
                continue;
            }
            ensureScratch(1);
            scratch[scratchLength++] = c;
        }
    }

    private void append(int from, int to) {
        ensureScratch(to - from);
        System.arraycopy(buffer, from, scratch, scratchLength, to - from);
        scratchLength += to - from;
    }

    private void ensureScratch(int more) {
        if (scratchLength + more > scratch.length) {
            scratch = Arrays.copyOf(scratch, Math.max(scratch.length * 2, scratchLength + more));
        }
    }

    private void grow(int p) throws CsvDataError {
        if (starts.length >= MAX_FIELDS) {
            throw new CsvDataError(base + position, "found more than " + MAX_FIELDS
                    + " fields, the most a record may have");
        }
        int size = Math.min(starts.length * 2, MAX_FIELDS);
        starts = Arrays.copyOf(starts, size);
        ends = Arrays.copyOf(ends, size);
        flags = Arrays.copyOf(flags, size);
    }

    /**
     * Moves the bytes still needed to the front of the buffer (growing it when they fill it) and
     * reads more; false when the read limit is reached.
     */
    private boolean fill() throws IOException, CsvDataError {
        long keep = mark >= 0 ? Math.min(mark, position()) : position();
        int from = (int) (keep - base);
        if (from > 0 && beforeRefill != null) {
            beforeRefill.run(buffer);
        }
        if (from > 0) {
            if (countLines) {
                droppedLines += countLines(buffer, 0, from, limit);
            }
            System.arraycopy(buffer, from, buffer, 0, limit - from);
            limit -= from;
            position -= from;
            base += from;
        }
        long room = readLimit - (base + limit);
        if (room <= 0) {
            return false;
        }
        if (limit == buffer.length) {
            if (buffer.length >= MAX_RECORD_BYTES) {
                throw tooLong();
            }
            buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, MAX_RECORD_BYTES));
        }
        int n = source.read(buffer, limit, (int) Math.min(buffer.length - limit, room));
        if (n < 0) {
            ended = true;
        } else {
            limit += n;
        }
        return true;
    }

    private CsvDataError tooLong() {
        if (openQuote >= base + position) {
            return new CsvDataError(openQuote, "the quoted field opened on this line runs for more than "
                    + (MAX_RECORD_BYTES >> 20) + " MiB; is its closing '" + quoteChar + "' missing?");
        }
        return new CsvDataError(base + position, "a record longer than " + (MAX_RECORD_BYTES >> 20)
                + " MiB starts on this line");
    }

    /**
     * The line of the input offset, from 1, for a tokenizer that counts lines; the offset must
     * still be in the buffer (the current record is).
     */
    long lineAt(long offset) {
        return droppedLines + countLines(buffer, 0, (int) (offset - base), limit) + 1;
    }

    /** Line ends in {@code b[from, to)}: every {@code \n}, and every {@code \r} not followed by one. */
    static long countLines(byte[] b, int from, int to, int limit) {
        long lines = 0;
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c == '\n' || (c == '\r' && (i + 1 >= limit || b[i + 1] != '\n'))) {
                lines++;
            }
        }
        return lines;
    }
}
