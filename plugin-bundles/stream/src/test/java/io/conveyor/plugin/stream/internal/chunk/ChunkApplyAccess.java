package io.conveyor.plugin.stream.internal.chunk;

import java.util.Map;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

import io.conveyor.api.stage.StageException;
import io.conveyor.testing.CollectingEmitter;
import io.conveyor.testing.Runs;
import io.conveyor.testing.TestConfig;
import io.conveyor.testing.TestContext;

/** Chunked batches for other packages' tests (nested values to print). */
public final class ChunkApplyAccess implements AutoCloseable {

    private final TestContext context;

    public ChunkApplyAccess(BufferAllocator root) {
        this.context = TestContext.of(root, "chunks");
    }

    /** Chunks {@code batch} (closed here) by {@code size}; the caller closes the result before this. */
    public CollectingEmitter chunk(int size, VectorSchemaRoot batch) throws StageException {
        ChunkApply chunk = new ChunkApply();
        try (batch) {
            return Runs.transform(chunk, TestConfig.of(chunk.descriptor(), Map.of("batch_size", size)), context,
                    batch);
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
