package io.conveyor.plugin.core.internal.csv;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import org.apache.arrow.memory.BufferAllocator;

/**
 * Parses byte ranges of a CSV file into batches; safe to call from several threads at once.
 *
 * <p>A range is parsed either <em>trusted</em>, from a known record start, or
 * <em>speculatively</em>, from the first line start in it, as if no quoted field spanned that
 * line break. A speculative parse stops where a record runs more than {@code slack} bytes past
 * its range, so that a wrong guess (a line break inside a quoted field) cannot read on to the
 * end of the file; the reader checks every guess against where the previous range really ended.
 */
final class ChunkParser {

    /** Bytes read beyond a range at first, so the record crossing its end is usually read in one go. */
    private static final int TAIL = 64 << 10;

    private final FileChannel channel;
    private final CsvReadOptions options;
    private final CsvLayout layout;
    private final BufferAllocator allocator;
    private final int batchSize;
    private final int chunkSize;
    private final long slack;
    private final BlockingQueue<byte[]> buffers;
    private final BlockingQueue<CsvBatchBuilder> builders;

    /**
     * @param chunkSize the size of the ranges, to size read buffers
     * @param slack     how far a speculative parse may read past its range
     * @param buffers   how many read buffers (and batch builders) to keep for reuse
     */
    ChunkParser(FileChannel channel, CsvReadOptions options, CsvLayout layout, BufferAllocator allocator,
            int batchSize, int chunkSize, long slack, int buffers) {
        this.channel = channel;
        this.options = options;
        this.layout = layout;
        this.allocator = allocator;
        this.batchSize = batchSize;
        this.chunkSize = chunkSize;
        this.slack = slack;
        this.buffers = new ArrayBlockingQueue<>(buffers);
        this.builders = new ArrayBlockingQueue<>(buffers);
    }

    /** Parses the records starting in {@code [rangeStart, rangeEnd)}; {@code rangeStart} is a record start. */
    Chunk trusted(long rangeStart, long rangeEnd) {
        Chunk chunk = new Chunk(rangeStart, rangeEnd);
        chunk.start = rangeStart;
        chunk.end = rangeStart;
        if (rangeStart < rangeEnd) {
            parse(chunk, rangeStart, Long.MAX_VALUE, false);
        }
        return chunk;
    }

    /** Parses from the first line start at or after {@code rangeStart} (which must be past the data start). */
    Chunk speculative(long rangeStart, long rangeEnd) {
        Chunk chunk = new Chunk(rangeStart, rangeEnd);
        parse(chunk, rangeStart - 1, rangeEnd + slack, true);
        return chunk;
    }

    private void parse(Chunk chunk, long from, long readLimit, boolean findLineStart) {
        byte[] buffer = buffers.poll();
        if (buffer == null) {
            buffer = new byte[chunkSize + TAIL];
        }
        RecordTokenizer tokenizer = new RecordTokenizer(ByteSource.of(channel, from), from, options.delimiter(),
                options.quote(), buffer, readLimit, false);
        try {
            if (findLineStart && !tokenizer.skipToLineStart()) {
                return;
            }
            chunk.start = tokenizer.position();
            fill(chunk, tokenizer);
        } catch (IOException e) {
            chunk.ioError = e;
        } catch (CsvDataError e) {
            chunk.error = e;
        } finally {
            chunk.end = tokenizer.position();
            if (tokenizer.buffer().length == chunkSize + TAIL) {
                buffers.offer(tokenizer.buffer());
            }
        }
    }

    private void fill(Chunk chunk, RecordTokenizer tokenizer) throws IOException {
        CsvBatchBuilder builder = builders.poll();
        if (builder == null) {
            builder = new CsvBatchBuilder(layout, batchSize);
        }
        tokenizer.setBeforeRefill(builder::convertPending);
        boolean emptyLinesAreRows = layout.fileColumns() == 1;
        try {
            while (tokenizer.position() < chunk.rangeEnd) {
                int found = tokenizer.next();
                if (found == RecordTokenizer.END) {
                    break;
                }
                if (found == RecordTokenizer.OVERFLOW) {
                    chunk.overflow = true;
                    break;
                }
                if (!emptyLinesAreRows && tokenizer.emptyLine()) {
                    continue;
                }
                builder.add(tokenizer);
                if (builder.isFull()) {
                    chunk.batches.add(builder.finish(tokenizer.buffer(), allocator));
                }
            }
            if (builder.rows() > 0) {
                chunk.batches.add(builder.finish(tokenizer.buffer(), allocator));
            }
            builders.offer(builder);
        } catch (CsvDataError e) {
            chunk.error = firstError(e, builder, tokenizer.buffer());
            if (builder.rows() > 0) {
                chunk.batches.add(builder.finishConverted(allocator));
            }
        }
    }

    /**
     * The first error in file order: {@code e}, or one in a row added before the record that
     * failed but not yet converted. The builder keeps the rows before it.
     */
    static CsvDataError firstError(CsvDataError e, CsvBatchBuilder builder, byte[] buffer) {
        try {
            builder.convertPending(buffer);
            return e;
        } catch (CsvDataError earlier) {
            return earlier;
        }
    }
}
