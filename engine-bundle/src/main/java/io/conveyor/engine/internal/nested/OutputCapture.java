package io.conveyor.engine.internal.nested;

import java.util.List;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

import io.conveyor.api.stage.Sink;
import io.conveyor.api.stage.SinkTask;
import io.conveyor.api.stage.StageConfig;
import io.conveyor.api.stage.StageContext;
import io.conveyor.api.stage.StageDescriptor;
import io.conveyor.api.stage.StageException;

/**
 * The sink the engine adds to a sub-pipeline, reading the stage named by {@code output}: each
 * batch is moved into the calling stage's memory and queued for it to emit on its own thread.
 */
final class OutputCapture implements Sink {

    private final Exchange exchange;
    private final BufferAllocator parentAllocator;

    /**
     * @param exchange        where a run's batches go; {@code null} while planning
     * @param parentAllocator the calling stage's allocator, which will own the batches it emits
     */
    OutputCapture(Exchange exchange, BufferAllocator parentAllocator) {
        this.exchange = exchange;
        this.parentAllocator = parentAllocator;
    }

    @Override
    public StageDescriptor descriptor() {
        return Descriptors.OUTPUT_SINK;
    }

    @Override
    public SinkTask open(StageConfig config, StageContext context, List<String> inputs) {
        return new SinkTask() {
            @Override
            public void write(String input, VectorSchemaRoot batch) throws StageException {
                hand(BatchShare.share(batch, parentAllocator), context);
            }

            @Override
            public void commit() {
                // every batch was handed over as it came
            }

            @Override
            public void abort() {
                // nothing held: the calling stage releases what it did not emit
            }
        };
    }

    /** Queues the batch, waiting while the calling stage has not emitted the earlier ones. */
    private void hand(VectorSchemaRoot batch, StageContext context) throws StageException {
        try {
            while (!exchange.tryPutOutput(batch, SubPipelines.POLL_NANOS)) {
                if (context.isStopped()) {
                    batch.close();
                    throw StageException.cancelled();
                }
            }
        } catch (InterruptedException e) {
            batch.close();
            Thread.currentThread().interrupt();
            throw StageException.cancelled();
        }
    }
}
