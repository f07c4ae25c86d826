package io.conveyor.launcher;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The {@code conveyor.pid} file of a running server, holding its process id. The file is also
 * locked while the server runs: the lock, not the file's existence, tells whether a server is
 * running, so a file left behind by a killed server does not block the next one (the operating
 * system drops the lock with the process).
 */
final class PidFile implements AutoCloseable {

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private PidFile(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks the file and writes this process's id into it.
     *
     * @throws LauncherException with exit code 2 when another live process holds it
     */
    static PidFile acquire(Path file, String what) throws LauncherException {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                String holder = readPid(channel);
                channel.close();
                throw new LauncherException(LauncherException.EXIT_USAGE,
                        what + " is already in use by a running server" + (holder.isEmpty() ? "" : " (pid " + holder + ")"));
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            channel.force(true);
            return new PidFile(file, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new LauncherException(LauncherException.EXIT_FAILURE, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by this very process
        }
    }

    private static String readPid(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(32);
        channel.read(buffer, 0);
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
    }

    /** Deletes the file, then lets it go. Idempotent. */
    @Override
    public synchronized void close() {
        if (!channel.isOpen()) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the lock still goes away with the channel, so the next server can start
        }
        try {
            lock.release();
        } catch (IOException e) {
            // closing the channel releases it too
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing left to do
            }
        }
    }
}
