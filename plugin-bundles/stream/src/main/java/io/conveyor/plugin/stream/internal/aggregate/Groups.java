package io.conveyor.plugin.stream.internal.aggregate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.arrow.vector.FieldVector;

import io.conveyor.plugin.kit.column.ColumnReader;

/**
 * Numbers the groups of one batch by their key columns, in order of first appearance, and maps
 * every row to its group. Nulls are a key value like any other: rows with a null key form a
 * group of their own.
 */
final class Groups {

    private final int[] groupOfRow;
    private final List<Integer> firstRows = new ArrayList<>();

    private Groups(int rows) {
        this.groupOfRow = new int[rows];
    }

    /** One group holding every row (no key columns): the result of an empty batch is one row too. */
    static Groups all(int rows) {
        Groups groups = new Groups(rows);
        groups.firstRows.add(0);
        return groups;
    }

    static Groups of(List<FieldVector> keys, int rows) {
        Groups groups = new Groups(rows);
        ColumnReader[] readers = keys.stream().map(ColumnReader::of).toArray(ColumnReader[]::new);
        Map<List<Object>, Integer> index = new HashMap<>();
        for (int r = 0; r < rows; r++) {
            Object[] key = new Object[readers.length];
            for (int k = 0; k < readers.length; k++) {
                key[k] = value(readers[k], r);
            }
            Integer group = index.putIfAbsent(Arrays.asList(key), index.size());
            if (group == null) {
                group = index.size() - 1;
                groups.firstRows.add(r);
            }
            groups.groupOfRow[r] = group;
        }
        return groups;
    }

    private static Object value(ColumnReader reader, int row) {
        if (reader.isNull(row)) {
            return null;
        }
        return switch (reader.kind()) {
            case INTEGER -> reader.getLong(row);
            case FLOAT -> reader.getDouble(row);
            case BOOL -> reader.getBoolean(row);
            case STRING, OTHER -> reader.getString(row);
        };
    }

    int count() {
        return firstRows.size();
    }

    int groupOf(int row) {
        return groupOfRow[row];
    }

    /** The first row of each group, for copying its key values. */
    int firstRow(int group) {
        return firstRows.get(group);
    }
}
