package io.conveyor.shell.internal.remote;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The server's half of the client protocol (docs/operations.md, "Scripting a running server"):
 * a request is {@code writeUTF(MAGIC)}, {@code writeUTF(secret)}, {@code writeUTF(working
 * directory)}, {@code writeInt(n)} and {@code n} times {@code writeUTF(argument)}; the answer is a
 * sequence of frames, each a kind byte then {@code writeInt(length)} and that many bytes
 * ({@link #OUT}, {@link #ERR}), ended by {@link #EXIT} and {@code writeInt(exit code)}.
 * Thread-safe: stage threads print while the command's thread does.
 */
final class Frames {

    static final String MAGIC = "conveyor-client/1";
    static final byte OUT = 'O';
    static final byte ERR = 'E';
    static final byte EXIT = 'X';
    /** The most arguments a request may carry; a longer one is not a client of ours. */
    static final int MAX_ARGUMENTS = 1024;

    private final DataOutputStream out;

    Frames(OutputStream out) {
        this.out = new DataOutputStream(out);
    }

    synchronized void write(byte kind, byte[] bytes, int offset, int length) throws IOException {
        out.writeByte(kind);
        out.writeInt(length);
        out.write(bytes, offset, length);
        out.flush();
    }

    synchronized void exit(int code) throws IOException {
        out.writeByte(EXIT);
        out.writeInt(code);
        out.flush();
    }

    /** A stream whose every write becomes one frame of {@code kind}. */
    OutputStream stream(byte kind) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                if (length > 0) {
                    Frames.this.write(kind, bytes, offset, length);
                }
            }
        };
    }
}
