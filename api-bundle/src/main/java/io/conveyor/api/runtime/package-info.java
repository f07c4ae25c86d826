/**
 * The runtime service: what shells, the command line, scripts and tests use to list functions,
 * validate, describe and run pipelines, and to watch and drive the pipelines a server has
 * deployed. {@link io.conveyor.api.runtime.ConveyorRuntime} is implemented by the engine and
 * {@link io.conveyor.api.runtime.PipelineDeployments} by the deployer of the server's
 * {@code pipelines/} folder; obtain them from the service registry.
 *
 * <p>Results are DTOs: public-field classes, safe to print, convert to JSON or compare in tests.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.conveyor.api.runtime;
