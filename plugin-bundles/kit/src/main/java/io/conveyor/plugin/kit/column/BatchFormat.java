package io.conveyor.plugin.kit.column;

import java.io.IOException;

import org.apache.arrow.vector.VectorSchemaRoot;

import io.conveyor.api.stage.StageException;

/**
 * Writes batches as text (CSV, JSON, a table) to a writer it was created with. Used by the file
 * sinks and stdout.write alike; not thread-safe, one per sink run.
 */
public interface BatchFormat {

    /** Writes the first {@code rows} rows of a batch of the named input; the batch is only read. */
    void write(String input, VectorSchemaRoot batch, int rows) throws IOException, StageException;

    /** Writes whatever closes the output (a JSON array's bracket, a buffered table) and flushes. */
    void finish() throws IOException;
}
