package io.conveyor.plugin.core.internal.text;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;

/**
 * A buffered writer of UTF-8 that also takes bytes already encoded ({@link #writeUtf8}), so that
 * formats writing bytes skip decoding and encoding again. Characters are encoded as they come;
 * a lone surrogate is written as {@code ?}, as Java's encoder replaces it. Not thread-safe.
 */
public final class Utf8Writer extends Writer {

    private final OutputStream out;
    private final byte[] buffer;
    private int length;
    private char highSurrogate;

    public Utf8Writer(OutputStream out, int bufferSize) {
        this.out = out;
        this.buffer = new byte[Math.max(16, bufferSize)];
    }

    /** Writes UTF-8 bytes as they are. */
    public void writeUtf8(byte[] bytes, int offset, int count) throws IOException {
        flushSurrogate();
        if (count >= buffer.length) {
            flushBuffer();
            out.write(bytes, offset, count);
            return;
        }
        if (buffer.length - length < count) {
            flushBuffer();
        }
        System.arraycopy(bytes, offset, buffer, length, count);
        length += count;
    }

    @Override
    public void write(int c) throws IOException {
        writeChar((char) c);
    }

    @Override
    public void write(char[] chars, int offset, int count) throws IOException {
        for (int i = offset; i < offset + count; i++) {
            writeChar(chars[i]);
        }
    }

    @Override
    public void write(String text, int offset, int count) throws IOException {
        for (int i = offset; i < offset + count; i++) {
            writeChar(text.charAt(i));
        }
    }

    private void writeChar(char c) throws IOException {
        if (buffer.length - length < 4) {
            flushBuffer();
        }
        if (highSurrogate != 0) {
            char high = highSurrogate;
            highSurrogate = 0;
            if (Character.isLowSurrogate(c)) {
                int code = Character.toCodePoint(high, c);
                buffer[length++] = (byte) (0xF0 | code >> 18);
                buffer[length++] = (byte) (0x80 | code >> 12 & 0x3F);
                buffer[length++] = (byte) (0x80 | code >> 6 & 0x3F);
                buffer[length++] = (byte) (0x80 | code & 0x3F);
                return;
            }
            buffer[length++] = '?';
            writeChar(c);
            return;
        }
        if (c < 0x80) {
            buffer[length++] = (byte) c;
        } else if (c < 0x800) {
            buffer[length++] = (byte) (0xC0 | c >> 6);
            buffer[length++] = (byte) (0x80 | c & 0x3F);
        } else if (Character.isHighSurrogate(c)) {
            highSurrogate = c;
        } else if (Character.isLowSurrogate(c)) {
            buffer[length++] = '?';
        } else {
            buffer[length++] = (byte) (0xE0 | c >> 12);
            buffer[length++] = (byte) (0x80 | c >> 6 & 0x3F);
            buffer[length++] = (byte) (0x80 | c & 0x3F);
        }
    }

    private void flushSurrogate() throws IOException {
        if (highSurrogate != 0) {
            highSurrogate = 0;
            if (length == buffer.length) {
                flushBuffer();
            }
            buffer[length++] = '?';
        }
    }

    private void flushBuffer() throws IOException {
        if (length > 0) {
            out.write(buffer, 0, length);
            length = 0;
        }
    }

    /** Writes the buffered bytes to the stream and flushes it; a dangling high surrogate waits for its pair. */
    @Override
    public void flush() throws IOException {
        flushBuffer();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        try {
            flushSurrogate();
            flushBuffer();
        } finally {
            out.close();
        }
    }
}
