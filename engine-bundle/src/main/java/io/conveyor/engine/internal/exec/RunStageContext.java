package io.conveyor.engine.internal.exec;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Optional;

import org.apache.arrow.memory.BufferAllocator;

import io.conveyor.api.stage.StageContext;

/** The {@link StageContext} of one stage in one run. */
final class RunStageContext implements StageContext {

    private final String pipelineName;
    private final String stageId;
    private final BufferAllocator allocator;
    private final RunControl control;
    private final int batchSize;
    private final int parallelism;
    private final InputStream stdin;
    private final PrintStream stdout;
    private volatile String resumePosition;

    RunStageContext(String pipelineName, String stageId, BufferAllocator allocator, RunControl control,
            int batchSize, int parallelism, InputStream stdin, PrintStream stdout) {
        this.pipelineName = pipelineName;
        this.stageId = stageId;
        this.allocator = allocator;
        this.control = control;
        this.batchSize = batchSize;
        this.parallelism = parallelism;
        this.stdin = stdin;
        this.stdout = stdout;
    }

    @Override
    public String pipelineName() {
        return pipelineName;
    }

    @Override
    public String stageId() {
        return stageId;
    }

    @Override
    public BufferAllocator allocator() {
        return allocator;
    }

    @Override
    public boolean isStopped() {
        return control.isStopped();
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    @Override
    public int parallelism() {
        return parallelism;
    }

    @Override
    public InputStream stdin() {
        return stdin;
    }

    @Override
    public PrintStream stdout() {
        return stdout;
    }

    @Override
    public Optional<String> resumePosition() {
        return Optional.ofNullable(resumePosition);
    }

    /** Sets what the next source task opened for this stage continues from. */
    void resumeFrom(String position) {
        this.resumePosition = position;
    }
}
