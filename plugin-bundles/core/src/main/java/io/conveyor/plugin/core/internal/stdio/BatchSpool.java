package io.conveyor.plugin.core.internal.stdio;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.IpcOption;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Schema;

import io.conveyor.api.stage.StageException;

/**
 * The batches of one sink input, kept in a temporary file until the sink is ready for them, then
 * read back in order. The file holds Arrow IPC streams, one per run of batches with the same
 * schema, so a later batch with other columns is kept as it came. {@link #close()} deletes the
 * file. Not thread-safe.
 */
final class BatchSpool implements AutoCloseable {

    /** Receives the batches read back; a batch is valid only during the call. */
    interface Replay {
        void accept(VectorSchemaRoot batch) throws IOException, StageException;
    }

    private final Path file;
    private final OutputStream out;
    private final WriteChannel channel;
    private final long keepRows;
    private Schema schema;
    private int streams;
    private long batches;
    private long rows;
    private boolean closed;

    private BatchSpool(Path file, OutputStream out, long keepRows) {
        this.file = file;
        this.out = out;
        this.channel = new WriteChannel(Channels.newChannel(out));
        this.keepRows = keepRows;
    }

    /**
     * Creates the spool's file in {@code folder}, readable by this user only.
     *
     * @param keepRows the most rows anyone will read back: once that many are kept, later batches
     *                 are dropped (the first batch is always kept, for its columns)
     */
    static BatchSpool create(Path folder, long keepRows) throws IOException {
        Path file = Files.createTempFile(folder, "conveyor-stdout-", ".arrows");
        try {
            return new BatchSpool(file, new BufferedOutputStream(Files.newOutputStream(file)), keepRows);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /** Writes a copy of {@code batch}, which stays the caller's. */
    void add(VectorSchemaRoot batch) throws IOException {
        if (batches > 0 && rows >= keepRows) {
            return;
        }
        if (!batch.getSchema().equals(schema)) {
            endStream();
            schema = batch.getSchema();
            MessageSerializer.serialize(channel, schema);
            streams++;
        }
        try (ArrowRecordBatch record = new VectorUnloader(batch).getRecordBatch()) {
            MessageSerializer.serialize(channel, record);
        }
        batches++;
        rows += batch.getRowCount();
    }

    private void endStream() throws IOException {
        if (schema != null) {
            ArrowStreamWriter.writeEndOfStream(channel, IpcOption.DEFAULT);
        }
    }

    /**
     * Reads every kept batch back, in the order they were added, into buffers of {@code allocator}
     * that are released before this returns. Call once; nothing can be added afterwards.
     */
    void replay(BufferAllocator allocator, Replay replay) throws IOException, StageException {
        endStream();
        out.close();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            for (int s = 0; s < streams; s++) {
                // each stream's reader stops at its end-of-stream marker, where the next begins
                try (ArrowStreamReader reader = new ArrowStreamReader(Streams.keepOpen(in), allocator)) {
                    VectorSchemaRoot batch = reader.getVectorSchemaRoot();
                    while (reader.loadNextBatch()) {
                        replay.accept(batch);
                    }
                }
            }
        }
    }

    /** Deletes the file; never throws. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
        } catch (IOException ignored) {
            // the file is deleted next; a failed close changes nothing
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // best effort: a stray file in the temporary folder is all that can remain
        }
    }
}
