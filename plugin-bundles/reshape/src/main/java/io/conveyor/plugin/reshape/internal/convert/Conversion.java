package io.conveyor.plugin.reshape.internal.convert;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;

import io.conveyor.api.stage.StageException;

/**
 * Converts a column to another type, reading and writing primitives row by row; nulls stay null.
 * Implementations keep per-column scratch state and are not thread-safe.
 */
public interface Conversion {

    /**
     * A new vector of type {@code target} with rows {@code [0, rows)} of {@code source} converted;
     * the caller owns it. {@code source} is only read.
     */
    FieldVector apply(FieldVector source, int rows, Field target, Failures failures, BufferAllocator allocator)
            throws StageException;
}
