package io.conveyor.wasm.internal.codec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.util.TransferPair;

import io.conveyor.api.stage.ErrorCode;
import io.conveyor.api.stage.StageException;

/** Batches as Arrow IPC streams: a schema, the record batches, the end-of-stream marker. */
public final class ArrowStreamCodec implements BatchCodec {

    @Override
    public byte[] encode(VectorSchemaRoot batch) throws StageException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ArrowStreamWriter writer = new ArrowStreamWriter(batch, null, bytes)) {
            writer.start();
            writer.writeBatch();
            writer.end();
        } catch (IOException e) {
            throw StageException.io("cannot encode a batch as an Arrow stream: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    @Override
    public List<VectorSchemaRoot> decode(byte[] bytes, BufferAllocator allocator) throws StageException {
        List<VectorSchemaRoot> batches = new ArrayList<>();
        if (bytes.length == 0) {
            return batches;
        }
        try (ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(bytes), allocator)) {
            VectorSchemaRoot read = reader.getVectorSchemaRoot();
            while (reader.loadNextBatch()) {
                batches.add(takeOver(read, allocator));
            }
        } catch (IOException | RuntimeException e) {
            batches.forEach(VectorSchemaRoot::close);
            throw new StageException(ErrorCode.PLUGIN, null, "its output is not an Arrow IPC stream: " + e.getMessage(), e);
        }
        return batches;
    }

    /** Moves the reader's current batch into a root of its own, which outlives the reader. */
    private static VectorSchemaRoot takeOver(VectorSchemaRoot read, BufferAllocator allocator) {
        List<FieldVector> vectors = new ArrayList<>();
        for (FieldVector vector : read.getFieldVectors()) {
            TransferPair transfer = vector.getTransferPair(allocator);
            transfer.transfer();
            vectors.add((FieldVector) transfer.getTo());
        }
        VectorSchemaRoot batch = new VectorSchemaRoot(vectors);
        batch.setRowCount(read.getRowCount());
        return batch;
    }
}
