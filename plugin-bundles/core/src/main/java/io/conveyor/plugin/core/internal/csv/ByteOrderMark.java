package io.conveyor.plugin.core.internal.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Decodes text as UTF-8, or as the UTF-16 or UTF-32 that a leading byte order mark names; drops the mark. */
final class ByteOrderMark {

    private record Mark(byte[] bytes, Charset charset) {
        Mark(Charset charset, int... bytes) {
            this(toBytes(bytes), charset);
        }

        boolean starts(byte[] head) {
            return head.length >= bytes.length && Arrays.equals(head, 0, bytes.length, bytes, 0, bytes.length);
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

    private static final int LONGEST = 4;

    private ByteOrderMark() {
    }

    /** A reader of {@code in}'s text; reads the first bytes of {@code in} at once. Closing it closes {@code in}. */
    static Reader decode(InputStream in) throws IOException {
        PushbackInputStream pushback = new PushbackInputStream(in, LONGEST);
        byte[] head = pushback.readNBytes(LONGEST);
        Charset charset = StandardCharsets.UTF_8;
        int markLength = 0;
        for (Mark mark : MARKS) {
            if (mark.starts(head)) {
                charset = mark.charset();
                markLength = mark.bytes().length;
                break;
            }
        }
        pushback.unread(head, markLength, head.length - markLength);
        return new InputStreamReader(pushback, charset);
    }
}
