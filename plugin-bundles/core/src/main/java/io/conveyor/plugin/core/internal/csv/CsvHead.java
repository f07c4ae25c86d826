package io.conveyor.plugin.core.internal.csv;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The head of a CSV input: its column names (from the header, or {@code column_1 ..} after the
 * width of the first row), the types its first {@code infer_schema_length} data rows agree on
 * (or {@code schema} gives), and where its data starts.
 *
 * @param names        the file's columns; empty for an input without any record
 * @param types        their types
 * @param typeSources  how messages explain each type
 * @param widthSource  how messages name what sets the width
 * @param dataStart    the input offset of the first data record (the header's end, or the first record)
 */
record CsvHead(List<String> names, CellType[] types, String[] typeSources, String widthSource, long dataStart) {

    /**
     * Reads the head with a tokenizer at the start of the input (after any byte order mark) and
     * leaves the tokenizer marked at the data start, so {@link RecordTokenizer#reset()} goes back
     * there.
     */
    static CsvHead read(RecordTokenizer tokenizer, CsvReadOptions options) throws IOException, CsvDataError {
        int found;
        while ((found = tokenizer.next()) == RecordTokenizer.RECORD && tokenizer.emptyLine()) {
            // empty lines before the first record are not records
        }
        if (found != RecordTokenizer.RECORD) {
            tokenizer.mark();
            return new CsvHead(List.of(), new CellType[0], new String[0], "", tokenizer.position());
        }
        List<String> names = new ArrayList<>();
        String widthSource;
        long dataStart;
        boolean firstIsData = !options.headers();
        if (options.headers()) {
            names = headerNames(tokenizer);
            widthSource = "the header has";
            dataStart = tokenizer.position();
            tokenizer.mark();
        } else {
            for (int i = 1; i <= tokenizer.count(); i++) {
                names.add("column_" + i);
            }
            widthSource = "the first row has";
            dataStart = tokenizer.recordStart();
            tokenizer.markRecord();
        }
        CellType[] types = new CellType[names.size()];
        String[] typeSources = new String[names.size()];
        infer(tokenizer, options, types, firstIsData);
        String inferred = "the type inferred from the first " + options.inferRows() + " rows" + options.inferHint();
        for (int c = 0; c < types.length; c++) {
            CellType given = options.schema().get(names.get(c));
            types[c] = given != null ? given : types[c] == null ? CellType.UTF8 : types[c];
            typeSources[c] = given != null ? "the type schema gives it" : inferred;
        }
        return new CsvHead(List.copyOf(names), types, typeSources, widthSource, dataStart);
    }

    private static List<String> headerNames(RecordTokenizer header) throws CsvDataError {
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < header.count(); i++) {
            String name = new String(header.bytes(i), header.start(i), header.end(i) - header.start(i),
                    StandardCharsets.UTF_8);
            if (!seen.add(name)) {
                throw new CsvDataError(header.recordStart(), "column name '" + name + "' appears twice in the header");
            }
            names.add(name);
        }
        return names;
    }

    /** Votes the first data rows' cells into {@code types}; a null or quoted empty cell does not vote. */
    private static void infer(RecordTokenizer tokenizer, CsvReadOptions options, CellType[] types,
            boolean currentIsData) throws IOException, CsvDataError {
        CellParser parser = new CellParser();
        NullValues nulls = new NullValues(options.nullValues());
        int rows = 0;
        boolean have = currentIsData;
        while (rows < options.inferRows()) {
            if (!have && tokenizer.next() != RecordTokenizer.RECORD) {
                break;
            }
            have = false;
            if (tokenizer.emptyLine() && types.length > 1) {
                continue;
            }
            rows++;
            int cells = Math.min(tokenizer.count(), types.length);
            for (int c = 0; c < cells; c++) {
                int start = tokenizer.start(c);
                int end = tokenizer.end(c);
                boolean quotedEmpty = start == end && tokenizer.quoted(c);
                if (types[c] != CellType.UTF8 && !quotedEmpty && !nulls.isNull(tokenizer, c)) {
                    types[c] = CellType.widen(types[c], parser.typeOf(tokenizer.bytes(c), start, end,
                            options.parseDates()));
                }
            }
        }
    }
}
