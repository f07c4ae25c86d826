package io.conveyor.wasm.internal.codec;

import java.util.List;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

import io.conveyor.api.stage.StageException;

/** How batches cross into a module and back: the format its description declares. */
public interface BatchCodec {

    /** The batch as the module reads it; {@code batch} is not modified. */
    byte[] encode(VectorSchemaRoot batch) throws StageException;

    /**
     * What the module returned, as batches allocated from {@code allocator} and owned by the
     * caller; none for an empty output.
     *
     * @throws StageException {@code PLUGIN} when the bytes are not in the declared format
     */
    List<VectorSchemaRoot> decode(byte[] bytes, BufferAllocator allocator) throws StageException;
}
