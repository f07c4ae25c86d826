package io.conveyor.plugin.aggregate.internal.group;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;

import io.conveyor.api.stage.StageException;
import io.conveyor.plugin.aggregate.internal.column.ValueKind;

/**
 * The running state of one aggregate for every group, in primitive arrays indexed by group id
 * that grow with the number of groups. A batch is added as a whole: tight loops over the batch's
 * group-id array and the column's values.
 */
abstract class Accumulator {

    /** The accumulator for {@code spec} over a column of {@code input}'s type ({@code null} when counting rows). */
    static Accumulator of(AggregationSpec spec, Field input) {
        Operation operation = spec.operation();
        if (spec.countsRows()) {
            return new Counts(true);
        }
        ValueKind kind = ValueKind.of(input.getType());
        return switch (operation) {
            case COUNT -> new Counts(false);
            case SUM -> kind == ValueKind.INTEGER ? new LongSums(spec.column()) : new DoubleSums(false);
            case AVG -> new DoubleSums(true);
            case STD, VAR -> new Variances(operation == Operation.STD);
            case MEDIAN -> new Medians();
            case MIN, MAX, FIRST, LAST -> switch (kind) {
                case FLOAT -> new DoublePicks(operation);
                case STRING -> new TextPicks(operation);
                default -> new LongPicks(operation);
            };
        };
    }

    /** Makes room for group ids below {@code groups}; new groups start empty. */
    abstract void resize(int groups);

    /**
     * Adds the batch's rows. {@code groupIds[r]} is row {@code r}'s group; {@code column} is the
     * value column (null when counting rows).
     */
    abstract void add(BatchColumn column, int[] groupIds, int rows) throws StageException;

    /** The result of every group {@code [0, groups)} as a vector of {@code field}, owned by the caller. */
    abstract FieldVector result(Field field, int groups, BufferAllocator allocator);

    static int grown(int length, int needed) {
        return Math.max(needed, Math.max(16, length + (length >> 1)));
    }
}
