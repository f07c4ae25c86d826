package io.conveyor.plugin.core.internal.csv;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.arrow.vector.VectorSchemaRoot;

import io.conveyor.api.stage.Emitter;
import io.conveyor.api.stage.SourceTask;
import io.conveyor.api.stage.StageContext;
import io.conveyor.api.stage.StageException;
import io.conveyor.plugin.kit.file.IoReasons;
import io.conveyor.plugin.kit.config.ConfigValues;

/**
 * csv.read's task: parses a UTF-8 file on several threads straight into typed vectors and emits
 * the batches in file order.
 *
 * <p>After the head (header and type inference, read once on the calling thread), the rest of
 * the file is cut into ranges of {@code chunkSize} bytes. Workers parse ranges speculatively
 * (see {@link ChunkParser}); the calling thread takes them in file order and accepts a range only
 * if it started exactly where the previous one ended, the first record start after that range's
 * end. A range that guessed wrong (its first line break was inside a quoted field) is parsed
 * again, trusted, from the true start, so a quoted field may span any range boundary. At most
 * {@code 2 * workers + 1} ranges are in flight, so memory does not grow with the file.
 *
 * <p>Batches hold at most {@link StageContext#batchSize()} rows; a range's last batch may hold
 * fewer. Text in UTF-16 or UTF-32 (with a byte order mark) is read by a {@link CsvBatchReader}
 * instead, on the calling thread.
 */
final class CsvFileReader implements SourceTask {

    /** The size of the ranges parsed in parallel. */
    static final int CHUNK_SIZE = 4 << 20;
    private static final int HEAD_BUFFER = 64 << 10;

    private final FileChannel channel;
    private final String shown;
    private final CsvReadOptions options;
    private final StageContext context;
    private final int chunkSize;
    private final ArrayDeque<Future<Chunk>> inFlight = new ArrayDeque<>();
    private CsvBatchReader otherEncoding;
    private CsvLayout layout;
    private ChunkParser parser;
    private ExecutorService workers;
    private int maxInFlight;
    private long size;
    private long dataStart;
    private long nextRange;
    private long expected;
    private boolean started;
    private boolean emitted;
    /** Set by {@link #close()}: ranges not started yet are skipped. */
    private volatile boolean closing;

    /**
     * @param channel   the file, opened; closed by {@link #close()}
     * @param chunkSize the size of the ranges parsed in parallel ({@link #CHUNK_SIZE}; tests use tiny ones)
     */
    CsvFileReader(FileChannel channel, String shown, CsvReadOptions options, StageContext context, int chunkSize) {
        this.channel = channel;
        this.shown = shown;
        this.options = options;
        this.context = context;
        this.chunkSize = chunkSize;
    }

    @Override
    public boolean produce(Emitter out) throws StageException {
        if (!started) {
            started = true;
            if (!start()) {
                return false;
            }
        }
        if (otherEncoding != null) {
            return otherEncoding.produce(out);
        }
        if (parser == null) {
            return false;
        }
        if (expected >= size) {
            if (!emitted) {
                emitted = true;
                out.emit(emptyBatch(layout, context));
            }
            return false;
        }
        Chunk chunk = next();
        try {
            while (!chunk.batches.isEmpty()) {
                VectorSchemaRoot batch = chunk.batches.remove(0);
                emitted = true;
                out.emit(batch);
            }
        } finally {
            chunk.release();
        }
        if (chunk.ioError != null) {
            throw readFailed(chunk.ioError);
        }
        if (chunk.error != null) {
            throw located(chunk.error);
        }
        expected = chunk.end;
        return true;
    }

    /** Reads the file's head; false for an empty file. */
    private boolean start() throws StageException {
        try {
            size = channel.size();
            if (utf8MarkLength(channel) < 0) {
                otherEncoding = new CsvBatchReader(Channels.newInputStream(channel), options, shown, context);
                return true;
            }
            CsvHead csvHead = readHead(channel, options);
            if (csvHead.names().isEmpty()) {
                return false;
            }
            ConfigValues.throwFirst(CsvLayout.nameProblems(csvHead, options, shown));
            layout = CsvLayout.of(csvHead, options.columns(), options.nullValues());
            dataStart = csvHead.dataStart();
            nextRange = dataStart;
            expected = dataStart;
            int threads = Math.max(1, Math.min(context.parallelism(), Runtime.getRuntime().availableProcessors()));
            maxInFlight = 2 * threads + 1;
            parser = new ChunkParser(channel, options, layout, context.allocator(), context.batchSize(), chunkSize,
                    chunkSize, threads + 1);
            if (size - dataStart > chunkSize) {
                workers = Executors.newFixedThreadPool(threads, daemonThreads(context.stageId()));
            }
            return true;
        } catch (IOException e) {
            throw readFailed(e);
        } catch (CsvDataError e) {
            throw located(e);
        }
    }

    /** 3 for a file starting with a UTF-8 byte order mark, 0 for none, -1 for a UTF-16 or UTF-32 one. */
    private static int utf8MarkLength(FileChannel channel) throws IOException {
        byte[] head = new byte[ByteOrderMark.LONGEST];
        int n = Math.max(0, channel.read(ByteBuffer.wrap(head), 0));
        return ByteOrderMark.utf8MarkLength(head, n);
    }

    /** The head of a file in any encoding; the channel stays open. */
    static CsvHead readHead(FileChannel channel, CsvReadOptions options) throws IOException, CsvDataError {
        int markLength = utf8MarkLength(channel);
        ByteSource bytes = markLength < 0
                ? ByteSource.of(ByteOrderMark.utf8(Channels.newInputStream(channel)))
                : ByteSource.of(channel, markLength);
        return CsvHead.read(new RecordTokenizer(bytes, Math.max(0, markLength), options.delimiter(), options.quote(),
                new byte[HEAD_BUFFER], Long.MAX_VALUE, false), options);
    }

    /** A batch without rows that carries the columns, so that an empty result keeps them. */
    static VectorSchemaRoot emptyBatch(CsvLayout layout, StageContext context) {
        VectorSchemaRoot batch = VectorSchemaRoot.create(layout.schema(), context.allocator());
        batch.allocateNew();
        batch.setRowCount(0);
        return batch;
    }

    private static ThreadFactory daemonThreads(String stageId) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "csv.read " + stageId + " #" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The next chunk in file order, checked against where the previous one ended. */
    private Chunk next() throws StageException {
        if (workers == null) {
            return parser.trusted(expected, Math.min(expected + chunkSize, size));
        }
        while (inFlight.size() < maxInFlight && nextRange < size) {
            long rangeStart = nextRange;
            long rangeEnd = Math.min(rangeStart + chunkSize, size);
            boolean first = rangeStart == dataStart;
            inFlight.add(workers.submit(() -> closing
                    ? null : first ? parser.trusted(rangeStart, rangeEnd) : parser.speculative(rangeStart, rangeEnd)));
            nextRange = rangeEnd;
        }
        Chunk chunk = await(inFlight.poll());
        if (chunk.start != expected) {
            long rangeEnd = chunk.rangeEnd;
            chunk.release();
            chunk = parser.trusted(expected, rangeEnd);
        }
        if (chunk.overflow) {
            chunk.append(parser.trusted(chunk.end, chunk.rangeEnd));
        }
        return chunk;
    }

    private Chunk await(Future<Chunk> future) throws StageException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            inFlight.addFirst(future);
            throw StageException.cancelled();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private StageException located(CsvDataError e) throws StageException {
        try {
            return StageException.data(shown + ":" + LineCounter.lineAt(channel, e.offset()) + ": " + e.getMessage());
        } catch (IOException io) {
            return readFailed(io);
        }
    }

    private StageException readFailed(IOException e) {
        return StageException.io("cannot read " + shown + ": " + IoReasons.of(e), e);
    }

    /** Waits for the ranges in flight (those not started yet are skipped) and releases what they gave. */
    @Override
    public void close() throws StageException {
        closing = true;
        boolean interrupted = false;
        for (Future<Chunk> future : inFlight) {
            while (true) {
                try {
                    Chunk chunk = future.get();
                    if (chunk != null) {
                        chunk.release();
                    }
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    break;
                }
            }
        }
        inFlight.clear();
        if (workers != null) {
            workers.shutdown();
            try {
                workers.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        try {
            if (otherEncoding != null) {
                otherEncoding.close();
            }
            channel.close();
        } catch (IOException e) {
            throw StageException.io("cannot close " + shown + ": " + IoReasons.of(e), e);
        }
    }
}
