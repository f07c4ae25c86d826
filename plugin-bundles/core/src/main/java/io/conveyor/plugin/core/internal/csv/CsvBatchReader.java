package io.conveyor.plugin.core.internal.csv;

import java.io.IOException;
import java.io.InputStream;

import io.conveyor.api.stage.Emitter;
import io.conveyor.api.stage.SourceTask;
import io.conveyor.api.stage.StageContext;
import io.conveyor.api.stage.StageException;
import io.conveyor.plugin.kit.file.IoReasons;
import io.conveyor.plugin.kit.config.ConfigValues;

/**
 * Streams CSV text as batches of {@link StageContext#batchSize()} rows, on the calling thread:
 * for standard input, and for files in UTF-16 or UTF-32 (csv.read reads UTF-8 files with a
 * {@link CsvFileReader}). The first {@code inferRows} data rows are held back to infer each
 * column's type (int64, float64, bool, else utf8; with {@code parse_dates} also date and
 * timestamp; cells in the null values are null and do not vote); after that, rows are read only
 * as batches need them, so memory stays bounded whatever the input size.
 *
 * <p>A cell whose text is one of the null values is null, except a quoted empty field
 * ({@code ""}): that is an empty string, as csv.write writes one, in a utf8 column; in a column of
 * another type, which cannot hold an empty string, it is null, and it does not vote on the type.
 * Empty lines are skipped, except in a file of one column, where an empty line is a row whose
 * cell is empty (so null by default), as Polars reads it.
 *
 * <p>Rows with fewer fields than columns get nulls in the missing cells; rows with more are an
 * error, and so is a quoted field that is never closed. Text is UTF-8, or the UTF-16 or UTF-32
 * that a byte order mark names. Without headers, columns are named {@code column_1 .. column_n}
 * after the first row, as Polars names them. A header without rows gives one batch without rows
 * whose columns carry the header's names, so the empty result keeps its columns; an empty input
 * gives nothing.
 */
public final class CsvBatchReader implements SourceTask {

    private static final int BUFFER = 64 << 10;

    private final InputStream in;
    private final CsvReadOptions options;
    private final String source;
    private final StageContext context;
    private InputStream utf8;
    private RecordTokenizer tokenizer;
    private CsvLayout layout;
    private CsvBatchBuilder batch;
    private boolean started;
    private boolean ended;
    private boolean emitted;

    /**
     * @param in     the CSV bytes; closed by {@link #close()}: wrap a stream you must keep open
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
            if (layout == null || ended) {
                return false;
            }
            boolean emptyLinesAreRows = layout.fileColumns() == 1;
            try {
                while (!batch.isFull()) {
                    if (tokenizer.next() != RecordTokenizer.RECORD) {
                        ended = true;
                        break;
                    }
                    if (emptyLinesAreRows || !tokenizer.emptyLine()) {
                        batch.add(tokenizer);
                    }
                }
            } catch (CsvDataError e) {
                throw ChunkParser.firstError(e, batch, tokenizer.buffer());
            }
            if (batch.rows() == 0 && emitted) {
                return false;
            }
            emitted = true;
            out.emit(batch.finish(tokenizer.buffer(), context.allocator()));
            return !ended;
        } catch (IOException e) {
            throw StageException.io("cannot read " + source + ": " + IoReasons.of(e), e);
        } catch (CsvDataError e) {
            throw StageException.data(source + ":" + tokenizer.lineAt(e.offset()) + ": " + e.getMessage());
        }
    }

    private void start() throws IOException, CsvDataError, StageException {
        utf8 = ByteOrderMark.utf8(in);
        tokenizer = new RecordTokenizer(ByteSource.of(utf8), 0, options.delimiter(), options.quote(),
                new byte[BUFFER], Long.MAX_VALUE, true);
        CsvHead head = CsvHead.read(tokenizer, options);
        tokenizer.reset();
        if (head.names().isEmpty()) {
            return;
        }
        ConfigValues.throwFirst(CsvLayout.nameProblems(head, options, source));
        layout = CsvLayout.of(head, options.columns(), options.nullValues());
        batch = new CsvBatchBuilder(layout, context.batchSize());
        tokenizer.setBeforeRefill(batch::convertPending);
    }

    @Override
    public void close() throws StageException {
        try {
            if (utf8 != null) {
                utf8.close();
            } else {
                in.close();
            }
        } catch (IOException e) {
            throw StageException.io("cannot close " + source + ": " + IoReasons.of(e), e);
        }
    }
}
