package io.conveyor.plugin.core.internal.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import io.conveyor.api.stage.Emitter;
import io.conveyor.api.stage.SourceTask;
import io.conveyor.api.stage.StageContext;
import io.conveyor.api.stage.StageException;
import io.conveyor.plugin.kit.column.BatchWriter;
import io.conveyor.plugin.kit.column.CellText;
import io.conveyor.plugin.kit.column.ColumnType;
import io.conveyor.plugin.core.internal.file.IoReasons;

/**
 * Streams CSV text as batches of {@link StageContext#batchSize()} rows. The first
 * {@code inferRows} data rows are held back to infer each column's type (int64, float64, bool,
 * else utf8; cells in the null values are null and do not vote); after that, rows are read only
 * as batches need them, so memory stays bounded whatever the file size.
 *
 * <p>A cell whose text is one of the null values is null, except a quoted empty field
 * ({@code ""}): that is an empty string, as csv.write writes one, in a utf8 column; in a column of
 * another type, which cannot hold an empty string, it is null, and it does not vote on the type.
 * Empty lines are skipped, except in a file of one column, where an empty line is a row whose
 * cell is empty (so null by default), as Polars reads it.
 *
 * <p>Rows with fewer fields than columns get nulls in the missing cells; rows with more are an
 * error, and so is a quoted field that is never closed. Text is UTF-8, or the UTF-16 or UTF-32
 * that a byte order mark names. Without headers, columns are named {@code column_1 .. column_n} after the first row, as
 * Polars names them. A header without rows gives one batch without rows whose utf8 columns carry
 * the header's names, so the empty result keeps its columns; an empty input gives nothing.
 */
public final class CsvBatchReader implements SourceTask {

    private final InputStream in;
    private final CsvReadOptions options;
    private final String source;
    private final StageContext context;
    private CsvReader<CsvRow> csv;
    private QuoteTracker quotes;
    private CloseableIterator<CsvRow> records;
    private final ArrayDeque<CsvRow> held = new ArrayDeque<>();
    private List<String> names;
    private ColumnType[] types;
    private String widthSource;
    private boolean started;
    private boolean emitted;

    /**
     * @param in     the CSV bytes (UTF-8); closed by {@link #close()}: wrap a stream you must keep open
     * @param source how messages name the input: the path as configured, or {@code <stdin>}
     */
    public CsvBatchReader(InputStream in, CsvReadOptions options, String source, StageContext context) {
        this.in = in;
        this.options = options;
        this.source = source;
        this.context = context;
    }

    @Override
    public boolean produce(Emitter out) throws StageException {
        try {
            if (!started) {
                started = true;
                start();
            }
            if (names == null) {
                return false;
            }
            int batchSize = context.batchSize();
            try (BatchWriter batch = new BatchWriter(names, Arrays.asList(types), context.allocator(), batchSize)) {
                CsvRow record;
                while (batch.row() < batchSize && (record = next()) != null) {
                    fill(batch, record);
                    batch.endRow();
                }
                if (batch.row() == 0 && emitted) {
                    return false;
                }
                boolean full = batch.row() == batchSize;
                emitted = true;
                out.emit(batch.finish());
                return full;
            }
        } catch (UncheckedIOException e) {
            throw StageException.io("cannot read " + source + ": " + IoReasons.of(e.getCause()), e.getCause());
        } catch (IOException e) {
            throw StageException.io("cannot read " + source + ": " + IoReasons.of(e), e);
        } catch (CsvParseException e) {
            if (e.getCause() instanceof CsvRow.TooManyFields tooMany) {
                throw StageException.data(source + ":" + tooMany.line + ": " + tooMany.getMessage());
            }
            throw StageException.data(source + ": " + e.getMessage());
        }
    }

    private void start() throws IOException, StageException {
        quotes = new QuoteTracker(ByteOrderMark.decode(in), options.delimiter(), options.quote());
        csv = CsvReader.builder()
                .fieldSeparator(options.delimiter())
                .quoteCharacter(options.quote())
                .skipEmptyLines(false)
                .allowExtraFields(true)
                .allowMissingFields(true)
                .build(new CsvRow.Handler(), quotes);
        records = csv.iterator();
        CsvRow first = fetch();
        while (first != null && first.empty()) {
            first = fetch();
        }
        if (first == null) {
            return;
        }
        if (options.headers()) {
            names = headerNames(first);
            widthSource = "the header has";
        } else {
            names = new ArrayList<>();
            for (int i = 1; i <= first.size(); i++) {
                names.add("column_" + i);
            }
            widthSource = "the first row has";
            held.add(first);
        }
        CsvRow row;
        while (held.size() < options.inferRows() && (row = nextFromFile()) != null) {
            held.add(row);
        }
        types = inferTypes();
    }

    private List<String> headerNames(CsvRow header) throws StageException {
        Set<String> seen = new HashSet<>();
        for (String name : header.fields()) {
            if (!seen.add(name)) {
                throw StageException.data(source + ":" + header.line() + ": column name '" + name
                        + "' appears twice in the header");
            }
        }
        return List.copyOf(header.fields());
    }

    private ColumnType[] inferTypes() {
        ColumnType[] inferred = new ColumnType[names.size()];
        for (CsvRow record : held) {
            int cells = Math.min(record.size(), inferred.length);
            for (int c = 0; c < cells; c++) {
                String cell = record.field(c);
                if (inferred[c] != ColumnType.UTF8 && !isNull(record, c) && !record.isQuotedEmpty(c)) {
                    inferred[c] = ColumnType.widen(inferred[c], CellText.typeOf(cell));
                }
            }
        }
        for (int c = 0; c < inferred.length; c++) {
            if (inferred[c] == null) {
                inferred[c] = ColumnType.UTF8;
            }
        }
        return inferred;
    }

    private CsvRow next() throws StageException {
        return held.isEmpty() ? nextFromFile() : held.poll();
    }

    /** The next row of the file; an empty line is one only in a file of one column. */
    private CsvRow nextFromFile() throws StageException {
        CsvRow row;
        while ((row = fetch()) != null) {
            if (!row.empty() || names.size() == 1) {
                return row;
            }
        }
        return null;
    }

    /**
     * The next record of the file, or null at its end. A quote never closed runs to the end of
     * the input, so it is in the last record, and that is where it is looked for.
     */
    private CsvRow fetch() throws StageException {
        if (!records.hasNext()) {
            return null;
        }
        CsvRow record = records.next();
        long unclosed = quotes.unclosedQuoteLine();
        if (unclosed > 0 && !records.hasNext()) {
            throw StageException.data(source + ":" + unclosed + ": unterminated quoted field (the '"
                    + options.quote() + "' opened on this line is never closed)");
        }
        return record;
    }

    private boolean isNull(CsvRow record, int column) {
        return !record.isQuotedEmpty(column) && options.nullValues().contains(record.field(column));
    }

    private void fill(BatchWriter batch, CsvRow record) throws StageException {
        int fields = record.size();
        if (fields > names.size()) {
            throw StageException.data(source + ":" + record.line() + ": found " + fields
                    + " fields, but " + widthSource + " " + names.size());
        }
        for (int c = 0; c < fields; c++) {
            String cell = record.field(c);
            if (isNull(record, c) || (record.isQuotedEmpty(c) && types[c] != ColumnType.UTF8)) {
                continue;
            }
            switch (types[c]) {
                case INT64 -> {
                    if (!CellText.isLong(cell)) {
                        throw mismatch(record, c, cell);
                    }
                    batch.setLong(c, Long.parseLong(cell));
                }
                case FLOAT64 -> {
                    if (!CellText.isDouble(cell)) {
                        throw mismatch(record, c, cell);
                    }
                    batch.setDouble(c, CellText.parseDouble(cell));
                }
                case BOOL -> {
                    if (!CellText.isBoolean(cell)) {
                        throw mismatch(record, c, cell);
                    }
                    batch.setBoolean(c, cell.equalsIgnoreCase("true"));
                }
                case UTF8 -> batch.setString(c, cell);
            }
        }
    }

    private StageException mismatch(CsvRow record, int column, String cell) {
        return StageException.data(source + ":" + record.line() + ": column '" + names.get(column)
                + "' holds \"" + cell + "\", which is not " + types[column].displayName()
                + " (the type inferred from the first " + options.inferRows() + " rows" + options.inferHint() + ")");
    }

    @Override
    public void close() throws StageException {
        try {
            if (csv != null) {
                csv.close();
            } else {
                in.close();
            }
        } catch (IOException e) {
            throw StageException.io("cannot close " + source + ": " + IoReasons.of(e), e);
        }
    }
}
