package io.conveyor.plugin.parquet.internal.read;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

import io.conveyor.api.stage.ConfigProblem;

/**
 * The columns a read emits: every column of the file in file order, or those {@code columns}
 * names in that order; with the problems that prevent it (a name the file lacks, a column type
 * that cannot be read).
 */
final class Projection {

    /** One emitted column: the file's column it comes from, and how it is read. */
    record Column(ColumnDescriptor descriptor, ReadableColumns.Column read) {
    }

    private final List<Column> columns;
    private final List<ConfigProblem> problems;

    private Projection(List<Column> columns, List<ConfigProblem> problems) {
        this.columns = columns;
        this.problems = problems;
    }

    /**
     * @param wanted the names to read, or empty for all
     * @param shown  the file as the pipeline names it, for messages
     */
    static Projection of(MessageType schema, List<String> wanted, String shown) {
        List<Column> columns = new ArrayList<>();
        List<ConfigProblem> problems = new ArrayList<>();
        List<String> names = wanted.isEmpty()
                ? schema.getFields().stream().map(Type::getName).toList() : wanted;
        for (String name : names) {
            if (!schema.containsField(name)) {
                problems.add(new ConfigProblem("columns", "config key 'columns' names column '" + name + "', which "
                        + shown + " does not have (columns: " + names(schema) + ")"));
                continue;
            }
            Type type = schema.getType(name);
            ReadableColumns.Column read = ReadableColumns.of(type);
            if (read == null) {
                problems.add(wanted.isEmpty()
                        ? new ConfigProblem("path", "column '" + name + "' of " + shown + " "
                                + ReadableColumns.whyUnreadable(type) + "; name the other columns in 'columns'")
                        : new ConfigProblem("columns", "config key 'columns' names column '" + name + "', which "
                                + ReadableColumns.whyUnreadable(type)));
                continue;
            }
            columns.add(new Column(schema.getColumnDescription(new String[] {name}), read));
        }
        return new Projection(columns, problems);
    }

    private static String names(MessageType schema) {
        return schema.getFields().stream().map(Type::getName).collect(Collectors.joining(", "));
    }

    List<Column> columns() {
        return columns;
    }

    /** What prevents the read, located at {@code columns} or {@code path}; empty when every column can be read. */
    List<ConfigProblem> problems() {
        return problems;
    }

    Schema arrowSchema() {
        List<Field> fields = columns.stream().map(c -> c.read().field()).toList();
        return new Schema(fields);
    }
}
