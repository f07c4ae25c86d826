package io.conveyor.plugin.core.internal.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Text is UTF-8, or the UTF-16 or UTF-32 that a leading byte order mark names. The reader works
 * on UTF-8 bytes: a UTF-8 mark is skipped, other text is re-encoded as UTF-8.
 */
final class ByteOrderMark {

    /** The most bytes a mark has: read this many to tell. */
    static final int LONGEST = 4;

    private record Mark(byte[] bytes, Charset charset) {
        Mark(Charset charset, int... bytes) {
            this(toBytes(bytes), charset);
        }

        boolean starts(byte[] head, int length) {
            return length >= bytes.length && Arrays.equals(head, 0, bytes.length, bytes, 0, bytes.length);
        }

        private static byte[] toBytes(int... values) {
            byte[] result = new byte[values.length];
            for (int i = 0; i < values.length; i++) {
                result[i] = (byte) values[i];
            }
            return result;
        }
    }

    // UTF-32 first: its little-endian mark begins with UTF-16's.
    private static final List<Mark> MARKS = List.of(
            new Mark(Charset.forName("UTF-32BE"), 0x00, 0x00, 0xFE, 0xFF),
            new Mark(Charset.forName("UTF-32LE"), 0xFF, 0xFE, 0x00, 0x00),
            new Mark(StandardCharsets.UTF_8, 0xEF, 0xBB, 0xBF),
            new Mark(StandardCharsets.UTF_16BE, 0xFE, 0xFF),
            new Mark(StandardCharsets.UTF_16LE, 0xFF, 0xFE));

    private ByteOrderMark() {
    }

    /** The mark the first {@code length} bytes of {@code head} start with, or null. */
    private static Mark of(byte[] head, int length) {
        for (Mark mark : MARKS) {
            if (mark.starts(head, length)) {
                return mark;
            }
        }
        return null;
    }

    /** How many bytes of a UTF-8 input the mark takes: 3 for a UTF-8 mark, 0 for none; -1 for another encoding. */
    static int utf8MarkLength(byte[] head, int length) {
        Mark mark = of(head, length);
        if (mark == null) {
            return 0;
        }
        return mark.charset() == StandardCharsets.UTF_8 ? mark.bytes().length : -1;
    }

    /** The text of {@code in} as UTF-8 bytes, without a mark. Closing the result closes {@code in}. */
    static InputStream utf8(InputStream in) throws IOException {
        PushbackInputStream pushback = new PushbackInputStream(in, LONGEST);
        byte[] head = pushback.readNBytes(LONGEST);
        Mark mark = of(head, head.length);
        int markLength = mark == null ? 0 : mark.bytes().length;
        pushback.unread(head, markLength, head.length - markLength);
        if (mark == null || mark.charset() == StandardCharsets.UTF_8) {
            return pushback;
        }
        return new Utf8Encoded(new InputStreamReader(pushback, mark.charset()));
    }

    /** The characters of a reader encoded as UTF-8. */
    private static final class Utf8Encoded extends InputStream {
        private final Reader reader;
        private final CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        private final CharBuffer chars = CharBuffer.allocate(8192);
        private final ByteBuffer bytes = ByteBuffer.allocate(3 * 8192 + 8).flip();
        private boolean done;

        Utf8Encoded(Reader reader) {
            this.reader = reader;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (!bytes.hasRemaining()) {
                if (done) {
                    return -1;
                }
                encodeMore();
            }
            int n = Math.min(len, bytes.remaining());
            bytes.get(b, off, n);
            return n;
        }

        private void encodeMore() throws IOException {
            bytes.clear();
            boolean end = reader.read(chars) < 0;
            chars.flip();
            encoder.encode(chars, bytes, end);
            chars.compact();
            if (end) {
                encoder.flush(bytes);
                done = true;
            }
            bytes.flip();
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }
}
