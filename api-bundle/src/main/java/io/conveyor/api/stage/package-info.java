/**
 * The stage SPI: what a plugin implements to add a source, a transform or a sink to Conveyor.
 *
 * <h2>Where to start</h2>
 * Register a Declarative Services component that implements {@link io.conveyor.api.stage.Source},
 * {@link io.conveyor.api.stage.Transform} or {@link io.conveyor.api.stage.Sink}, with the service
 * property {@value io.conveyor.api.stage.Stage#FUNCTION} naming the function pipelines use
 * (for example {@code csv.read}). The service is shared and stateless: for every run the engine
 * calls {@code open(...)} to get a task ({@link io.conveyor.api.stage.SourceTask},
 * {@link io.conveyor.api.stage.TransformTask}, {@link io.conveyor.api.stage.SinkTask}) that holds
 * the state of that one run and is closed by the engine when the run ends.
 *
 * <h2>Whiteboard contract</h2>
 * The engine keys stages by (function, role). When two services claim the same key, the one with
 * the higher {@code service.ranking} wins, then the one from the higher bundle version, then the
 * older service; the others are shadowed (listed by {@code conveyor:list}) and take over when the
 * winner goes away. A stage service whose {@link io.conveyor.api.stage.Stage#descriptor()} disagrees
 * with its service properties is logged and ignored.
 *
 * <h2>Data</h2>
 * Data flows as Apache Arrow {@link org.apache.arrow.vector.VectorSchemaRoot} batches. Batches a
 * task receives are owned by the engine and may be shared with other stages: never modify or
 * close them, never keep them after the call returns. Batches a task emits must be allocated from
 * {@link io.conveyor.api.stage.StageContext#allocator()}; emitting transfers their ownership to the
 * engine. Emitting the batch received in the same call forwards it without a copy.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.4.0")
package io.conveyor.api.stage;
