package io.conveyor.plugin.core.internal.json;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;

import io.conveyor.api.stage.SinkTask;
import io.conveyor.api.stage.StageException;
import io.conveyor.plugin.core.internal.file.AtomicFileOutput;
import io.conveyor.plugin.core.internal.file.PartFile;
import io.conveyor.plugin.core.internal.file.SameColumns;

/**
 * One run of json.write with {@code format = "dataframe"}: a JSON object of columns,
 * {@code {"id":[1,2],"name":["a",null]}}, in the inputs' column order. A column's values can only
 * be written once every row has arrived, so each value goes, already encoded, to a hidden spool
 * file per input and column beside the target (memory stays bounded whatever the input's size);
 * on commit the columns are assembled from the spools, inputs in pipeline order, into the
 * temporary file, which is then renamed onto the target. Every input must have the same columns.
 */
final class JsonColumnsSinkTask implements SinkTask {

    /** The encoded values of one column of one input. */
    private static final class Spool {
        final PartFile file;
        long values;

        Spool(PartFile file) {
            this.file = file;
        }
    }

    private final AtomicFileOutput file;
    private final List<String> inputs;
    private final boolean pretty;
    private final SameColumns sameColumns;
    private final Map<String, List<String>> columnsOf = new HashMap<>();
    private final Map<String, List<Spool>> spools = new HashMap<>();

    JsonColumnsSinkTask(AtomicFileOutput file, List<String> inputs, boolean pretty) {
        this.file = file;
        this.inputs = List.copyOf(inputs);
        this.pretty = pretty;
        this.sameColumns = new SameColumns(inputs, "the JSON dataframe");
    }

    @Override
    public void write(String input, VectorSchemaRoot batch) throws StageException {
        sameColumns.check(input, batch);
        List<String> columns = batch.getSchema().getFields().stream().map(Field::getName).toList();
        List<String> first = columnsOf.putIfAbsent(input, columns);
        if (first != null && !first.equals(columns)) {
            throw StageException.data("input '" + input + "' has columns (" + String.join(", ", columns)
                    + ") in a later batch, but (" + String.join(", ", first) + ") in its first");
        }
        try {
            List<Spool> columnSpools = spoolsOf(input, columns.size());
            int rows = batch.getRowCount();
            for (int c = 0; c < columnSpools.size(); c++) {
                append(columnSpools.get(c), batch.getVector(c), rows);
            }
        } catch (IOException e) {
            throw file.writeFailed(e);
        }
    }

    private List<Spool> spoolsOf(String input, int columns) throws IOException {
        List<Spool> list = spools.get(input);
        if (list == null) {
            list = new ArrayList<>(columns);
            spools.put(input, list);
            for (int c = 0; c < columns; c++) {
                list.add(new Spool(file.newPart()));
            }
        }
        return list;
    }

    private void append(Spool spool, FieldVector vector, int rows) throws IOException {
        Writer out = spool.file.writer();
        for (int row = 0; row < rows; row++) {
            if (spool.values++ > 0) {
                out.write(pretty ? ", " : ",");
            }
            JsonCellWriter.write(vector, row, out);
        }
    }

    @Override
    public void endOfInput(String input) throws StageException {
        sameColumns.end(input);
    }

    @Override
    public void commit() throws StageException {
        try {
            writeObject(file.writer());
        } catch (IOException e) {
            abort();
            throw file.writeFailed(e);
        }
        try {
            file.commit();
        } finally {
            deleteSpools();
        }
    }

    private void writeObject(Writer out) throws IOException {
        List<String> columns = inputs.stream().map(columnsOf::get).filter(c -> c != null).findFirst().orElse(null);
        if (columns == null || columns.isEmpty()) {
            out.write("{}\n");
            return;
        }
        out.write(pretty ? "{\n" : "{");
        for (int c = 0; c < columns.size(); c++) {
            out.write(c == 0 ? "" : (pretty ? ",\n" : ","));
            out.write(pretty ? "  " : "");
            JsonCellWriter.quote(columns.get(c), out);
            out.write(pretty ? ": [" : ":[");
            long written = 0;
            for (String input : inputs) {
                List<Spool> columnSpools = spools.get(input);
                Spool spool = columnSpools == null ? null : columnSpools.get(c);
                if (spool != null && spool.values > 0) {
                    out.write(written == 0 ? "" : (pretty ? ", " : ","));
                    file.append(spool.file.finish());
                    written += spool.values;
                }
            }
            out.write(']');
        }
        out.write(pretty ? "\n}\n" : "}\n");
    }

    @Override
    public void abort() {
        deleteSpools();
        file.abort();
    }

    @Override
    public void close() {
        deleteSpools();
        file.close();
    }

    private void deleteSpools() {
        spools.values().forEach(list -> list.forEach(spool -> spool.file.delete()));
        spools.clear();
    }
}
