package io.conveyor.plugin.core.internal.csv;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

import io.conveyor.api.stage.ConfigProblem;

/**
 * What a CSV file's rows become: the output columns (the file's, or those {@code columns} picks,
 * in its order), their types, and where each comes from in a record.
 *
 * @param names       the output columns
 * @param types       their types
 * @param sources     for each output column, its field index in a record
 * @param fileColumns how many columns the file has (the header's or first row's width)
 * @param widthSource how messages name what sets that width: {@code the header has}, {@code the first row has}
 * @param typeSources for each output column, how messages explain its type: {@code the type
 *                    inferred from the first 100 rows; ...}
 * @param nulls       the cell texts that are null
 */
record CsvLayout(List<String> names, CellType[] types, int[] sources, int fileColumns, String widthSource,
        String[] typeSources, NullValues nulls) {

    /** The layout of the head's columns, or of those {@code picked} (all when null), in that order. */
    static CsvLayout of(CsvHead head, List<String> picked, Set<String> nullValues) {
        List<String> fileNames = head.names();
        List<String> names = picked == null ? fileNames : picked;
        CellType[] types = new CellType[names.size()];
        String[] typeSources = new String[names.size()];
        int[] sources = new int[names.size()];
        for (int j = 0; j < names.size(); j++) {
            int source = fileNames.indexOf(names.get(j));
            sources[j] = source;
            types[j] = head.types()[source];
            typeSources[j] = head.typeSources()[source];
        }
        return new CsvLayout(List.copyOf(names), types, sources, fileNames.size(), head.widthSource(), typeSources,
                new NullValues(nullValues));
    }

    /**
     * Problems with the names {@code columns} and {@code schema} give that the file does not have;
     * {@code shown} names the file.
     */
    static List<ConfigProblem> nameProblems(CsvHead head, CsvReadOptions options, String shown) {
        List<ConfigProblem> problems = new ArrayList<>();
        if (options.columns() != null) {
            addMissing(problems, "columns", "names", options.columns(), head.names(), shown);
        }
        addMissing(problems, "schema", "names column", List.copyOf(options.schema().keySet()), head.names(), shown);
        return problems;
    }

    private static void addMissing(List<ConfigProblem> problems, String key, String verb, List<String> wanted,
            List<String> names, String shown) {
        List<String> missing = wanted.stream().filter(name -> !names.contains(name)).map(n -> "'" + n + "'").toList();
        if (!missing.isEmpty()) {
            problems.add(new ConfigProblem(key, "config key '" + key + "' " + verb + " " + String.join(", ", missing)
                    + ", which " + shown + " does not have; its columns are " + String.join(", ", names)));
        }
    }

    Schema schema() {
        List<Field> fields = new ArrayList<>();
        for (int j = 0; j < names.size(); j++) {
            fields.add(types[j].field(names.get(j)));
        }
        return new Schema(fields);
    }

    CsvDataError mismatch(long recordStart, int column, byte[] b, int start, int end) {
        return new CsvDataError(recordStart, "column '" + names.get(column) + "' holds \""
                + new String(b, start, end - start, StandardCharsets.UTF_8) + "\", which is not "
                + types[column].displayName() + " (" + typeSources[column] + ")");
    }

    CsvDataError tooManyFields(long recordStart, int fields) {
        return new CsvDataError(recordStart, "found " + fields + " fields, but " + widthSource + " " + fileColumns);
    }
}
