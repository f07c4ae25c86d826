package io.conveyor.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.apache.arrow.memory.BufferAllocator;

import io.conveyor.api.stage.StageContext;

/**
 * A {@link StageContext} for unit tests. The stage gets a child of the given allocator; closing
 * the context closes that child, which throws {@link IllegalStateException} if the stage leaked a
 * buffer. Standard output is captured and can be read with {@link #stdoutText()}.
 *
 * <p>Not thread-safe: one test, one stage, one thread.
 */
public final class TestContext implements StageContext, AutoCloseable {

    private final BufferAllocator allocator;
    private final String stageId;
    private String pipelineName = "test";
    private int batchSize = 8192;
    private int parallelism = 1;
    private boolean stopped;
    private String resumePosition;
    private InputStream stdin = InputStream.nullInputStream();
    private final ByteArrayOutputStream stdoutBytes = new ByteArrayOutputStream();
    private final PrintStream stdout = new PrintStream(stdoutBytes, true, StandardCharsets.UTF_8);

    private TestContext(BufferAllocator parent, String stageId) {
        this.stageId = stageId;
        this.allocator = parent.newChildAllocator("stage-" + stageId, 0, Long.MAX_VALUE);
    }

    /** A context for the stage {@code stageId}, allocating from a child of {@code parent}. */
    public static TestContext of(BufferAllocator parent, String stageId) {
        return new TestContext(parent, stageId);
    }

    public TestContext withBatchSize(int rows) {
        this.batchSize = rows;
        return this;
    }

    public TestContext withPipelineName(String name) {
        this.pipelineName = name;
        return this;
    }

    public TestContext withParallelism(int threads) {
        this.parallelism = threads;
        return this;
    }

    public TestContext withStdin(InputStream in) {
        this.stdin = in;
        return this;
    }

    /** Makes {@link #resumePosition()} return {@code position}, as for a source task opened after an upgrade. */
    public TestContext resumingFrom(String position) {
        this.resumePosition = position;
        return this;
    }

    /** Standard input holding {@code text} encoded as UTF-8. */
    public TestContext withStdin(String text) {
        return withStdin(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Makes {@link #isStopped()} return true from now on. */
    public void stop() {
        this.stopped = true;
    }

    /** Everything written to {@link #stdout()} so far, decoded as UTF-8. */
    public String stdoutText() {
        stdout.flush();
        return stdoutBytes.toString(StandardCharsets.UTF_8);
    }

    /** Bytes still allocated by the stage. */
    public long allocatedBytes() {
        return allocator.getAllocatedMemory();
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
        return stopped;
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
    public Optional<String> resumePosition() {
        return Optional.ofNullable(resumePosition);
    }

    @Override
    public InputStream stdin() {
        return stdin;
    }

    @Override
    public PrintStream stdout() {
        return stdout;
    }

    /** Closes the stage's allocator; throws {@link IllegalStateException} if buffers leaked. */
    @Override
    public void close() {
        allocator.close();
    }
}
