package io.conveyor.api.runtime;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The pipelines a server has deployed from its {@code pipelines/} folder: what each one is doing,
 * what its runs did, and the operator's controls. A deployed pipeline is named by its file name
 * without {@code .toml} ({@code pipelines/orders.toml} is {@code orders}), which is unique and
 * known even when the file is invalid.
 *
 * <p>Threading: every method may be called from any thread and returns at once; runs happen on
 * the deployer's own threads.
 *
 * @since 1.1
 */
@ProviderType
public interface PipelineDeployments {

    /** Every deployed or rejected pipeline, sorted by name. */
    List<DeploymentDTO> deployments();

    /** The pipeline of that name, or empty. */
    Optional<DeploymentDTO> deployment(String name);

    /**
     * Resumes a stopped pipeline and starts a run now, unless one is in flight; an interval
     * schedule carries on from this run. Empty when there is no such pipeline.
     */
    Optional<DeploymentDTO> start(String name);

    /**
     * Stops the run in flight, at its stages' next batch boundary, and suspends the schedule until
     * {@link #start}. Empty when there is no such pipeline.
     */
    Optional<DeploymentDTO> stop(String name);

    /**
     * The deployed version of the pipeline described as {@link ConveyorRuntime#describe} does;
     * empty when there is no such pipeline or no valid version of it is deployed.
     */
    Optional<PipelineDescriptionDTO> describe(String name);

    /** The pipeline's last runs, newest first, as many as the server keeps; empty when there is no such pipeline. */
    Optional<List<RunRecordDTO>> history(String name);
}
