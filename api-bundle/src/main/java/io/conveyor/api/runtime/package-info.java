/**
 * The runtime service: what shells, the command line, scripts and tests use to list functions,
 * validate and run pipelines. Implemented by the engine; obtain {@link
 * io.conveyor.api.runtime.ConveyorRuntime} from the service registry.
 *
 * <p>Results are DTOs: public-field classes, safe to print, convert to JSON or compare in tests.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.conveyor.api.runtime;
