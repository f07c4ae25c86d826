package io.conveyor.api.stage;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Optional;

import org.apache.arrow.memory.BufferAllocator;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What the engine gives a task for one run. Implemented by the engine; valid until the task is
 * closed.
 */
@ProviderType
public interface StageContext {

    /** The {@code [pipeline] name}. */
    String pipelineName();

    /** The stage's {@code id} in the pipeline file. */
    String stageId();

    /**
     * The allocator for every buffer the task creates. It is a child of the run's allocator,
     * with the run's memory limit; buffers still allocated when the run ends are reported as a
     * leak and fail the run. Never create a root allocator in a plugin.
     */
    BufferAllocator allocator();

    /** Whether the run is stopping; long loops should check it and return early. */
    boolean isStopped();

    /** How many rows a batch should hold, as a hint for sources and re-batching transforms. */
    int batchSize();

    /** How many threads the stage may use for its own work ({@code [global] max_parallel_tasks}). */
    int parallelism();

    /** The standard input of the run (the terminal for the CLI, the session for the shell). */
    InputStream stdin();

    /** The standard output of the run; reports and logs never go here. */
    PrintStream stdout();

    /**
     * For a source task opened during a run to replace the task of an older version of its plugin:
     * the {@linkplain SourceTask#position() position} that task reported, to continue from. Empty
     * when the task starts the stream, and for transforms and sinks.
     *
     * @since 1.3
     */
    default Optional<String> resumePosition() {
        return Optional.empty();
    }
}
